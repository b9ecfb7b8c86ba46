package dev.r2dbcpg.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowShapeTest {

    record Account(long accountId, String httpURL, String URLPath, int address2, String x) {
    }

    @Test
    void recordComponentsBecomeSnakeCaseColumns() {
        RowShape shape = RowShape.of(new Account(1, "h", "u", 2, "x"));
        assertThat(shape.columns()).containsExactly("account_id", "http_url", "url_path", "address2", "x");
        assertThat(shape.columnList()).isEqualTo("(\"account_id\", \"http_url\", \"url_path\", \"address2\", \"x\")");
        assertThat(shape.values(new Account(7, "a", "b", 3, "c"), 1)).containsExactly(7L, "a", "b", 3, "c");
    }

    @Test
    void mapKeysAreColumnsAsGivenAndQuotedKeysAreKept() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("userId", 1);
        row.put("\"Odd \"\"Name\"\"\"", null);
        RowShape shape = RowShape.of(row);
        assertThat(shape.columns()).containsExactly("userId", "Odd \"Name\"");
        assertThat(shape.quotedColumns()).containsExactly("\"userId\"", "\"Odd \"\"Name\"\"\"");
        assertThat(shape.values(row, 0)).containsExactly(1, null);
    }

    @Test
    void emptyRowsAndNonStringKeysAreRefused() {
        assertThatThrownBy(() -> RowShape.of(Map.of())).hasMessageContaining("no columns");
        assertThatThrownBy(() -> RowShape.of(Map.of(1, "x"))).hasMessageContaining("column names must be Strings");
    }

    @Test
    void tableNamesSplitIntoSchemaAndTable() {
        assertThat(TableName.parse("users")).isEqualTo(new TableName(null, "users", "\"users\""));
        assertThat(TableName.parse("app.Users")).isEqualTo(new TableName("app", "Users", "\"app\".\"Users\""));
        assertThat(TableName.parse("\"my.app\".\"a \"\"b\"\"\""))
                .isEqualTo(new TableName("my.app", "a \"b\"", "\"my.app\".\"a \"\"b\"\"\""));
        assertThatThrownBy(() -> TableName.parse("db.app.users")).hasMessageContaining("schema.table");
        assertThatThrownBy(() -> TableName.parse("users; DROP TABLE x")).isInstanceOf(IllegalArgumentException.class);
    }
}
