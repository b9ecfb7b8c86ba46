package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CopyOptionsTest {

    @Test
    void buildsAnImportWithEveryIdentifierQuotedAndEveryStringEscaped() {
        CopyOptions options = CopyOptions.builder().schema("\"my schema\"").columns("a", "\"b\"\"c\"")
                .format(CopyOptions.Format.CSV).freeze(true).delimiter("'").nullString("\\N").header(true)
                .quote("\"").escape("\\").forceNotNull("a").forceNull("\"b\"\"c\"").encoding("LATIN1").where("a > 0")
                .build();
        assertThat(options.copyToTable("T")).isEqualTo("COPY \"my schema\".\"T\" (\"a\", \"b\"\"c\") FROM STDIN WITH ("
                + "FORMAT csv, FREEZE true, DELIMITER E'''', NULL E'\\\\N', HEADER true, QUOTE E'\"', ESCAPE E'\\\\', "
                + "FORCE_NOT_NULL (\"a\"), FORCE_NULL (\"b\"\"c\"), ENCODING E'LATIN1') WHERE a > 0");
    }

    @Test
    void takesQualifiedTablesAndRefusesWhatIsNotAName() {
        assertThat(CopyOptions.defaults().copyToTable("app.\"Events\"")).isEqualTo("COPY \"app\".\"Events\" FROM STDIN");
        assertThatThrownBy(() -> CopyOptions.defaults().copyToTable("t; DROP TABLE t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a valid table name");
        assertThatThrownBy(() -> CopyOptions.builder().schema("s").build().copyToTable("a.b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a valid table name");
        assertThatThrownBy(() -> CopyOptions.builder().columns("a) FROM t; --").build().copyToTable("t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a valid column name");
        assertThatThrownBy(() -> CopyOptions.builder().schema("my schema").build().copyFromTable("t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a valid schema name");
    }

    @Test
    void buildsExportsOfTablesAndQueries() {
        assertThat(CopyOptions.builder().format(CopyOptions.Format.CSV).forceQuote().build().copyFromTable("t"))
                .isEqualTo("COPY \"t\" TO STDOUT WITH (FORMAT csv, FORCE_QUOTE *)");
        assertThat(CopyOptions.builder().forceQuote("x").build().copyFromTable("t"))
                .isEqualTo("COPY \"t\" TO STDOUT WITH (FORCE_QUOTE (\"x\"))");
        assertThat(CopyOptions.defaults().copyFromQuery("SELECT 1")).isEqualTo("COPY (SELECT 1) TO STDOUT");
    }

    @Test
    void rejectsOptionsOfTheOtherDirection() {
        assertThatThrownBy(() -> CopyOptions.builder().forceQuote().build().copyToTable("t"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CopyOptions.builder().freeze(true).build().copyFromTable("t"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CopyOptions.builder().columns("a").build().copyFromQuery("SELECT 1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
