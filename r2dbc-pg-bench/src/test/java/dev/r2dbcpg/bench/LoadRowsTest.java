package dev.r2dbcpg.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadRowsTest {

    @Test
    void multiRowInsertNumbersFourParametersPerRow() {
        assertThat(LoadRows.insertSql(2))
                .isEqualTo("INSERT INTO bench_load (id, txt, val, ts) VALUES ($1, $2, $3, $4), ($5, $6, $7, $8)");
        assertThat(LoadRows.insertSql(LoadRows.ROWS_PER_INSERT)).endsWith("($397, $398, $399, $400)");
    }

    @Test
    void generatesDistinctRowsWhoseIdSumMatchesTheFormula() {
        LoadRows rows = LoadRows.generate(300);

        long sum = 0;
        for (long id : rows.ids) {
            sum += id;
        }
        assertThat(rows.idSum()).isEqualTo(sum).isEqualTo(45_150);
        assertThat(rows.texts[1]).hasSize(32).isNotEqualTo(rows.texts[2]);
        assertThat(rows.timestamps[1]).isEqualTo(rows.timestamps[0].plusSeconds(1));
    }

    @Test
    void refusesRowCountsThatDoNotFillWholeStatements() {
        assertThatThrownBy(() -> LoadRows.generate(150)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple of 100");
    }
}
