package dev.r2dbcpg.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkWritesTest {

    @Test
    void statementsStayUnderTheParameterLimitWhateverTheColumnCount() {
        assertThat(BulkWrites.rowsPerStatement(1)).isEqualTo(1_000);
        assertThat(BulkWrites.rowsPerStatement(4)).isEqualTo(250);
        assertThat(BulkWrites.rowsPerStatement(3)).isEqualTo(333);
        assertThat(BulkWrites.rowsPerStatement(1_000)).isEqualTo(1);
        // PostgreSQL's widest table has 1,600 columns: one row per statement, far under 65,535 parameters.
        assertThat(BulkWrites.rowsPerStatement(1_600)).isEqualTo(1);
        for (int columns = 1; columns <= 1_600; columns++) {
            assertThat(BulkWrites.rowsPerStatement(columns) * columns).isLessThanOrEqualTo(BulkWrites.MAX_PARAMETERS);
        }
    }

    @Test
    void multiRowInsertNumbersParametersRowByRow() {
        RowShape shape = RowShape.of(Map.of("id", 1));
        assertThat(BulkWrites.insertSql(TableName.parse("app.t"), shape, 3))
                .isEqualTo("INSERT INTO \"app\".\"t\" (\"id\") VALUES ($1), ($2), ($3)");
    }
}
