package dev.r2dbcpg.bench;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StreamTotalsTest {

    private static final OffsetDateTime EPOCH_PLUS_10 = OffsetDateTime.of(1970, 1, 1, 0, 0, 10, 0, ZoneOffset.UTC);

    @Test
    void acceptsTotalsThatMatchEveryColumn() {
        StreamTotals read = new StreamTotals();
        read.add(1, "ab", 0.5, EPOCH_PLUS_10);
        read.add(2, "cde", 1.0, EPOCH_PLUS_10);

        assertThatCode(() -> read.verify(new StreamTotals(2, 3, 5, 20, 1.5))).doesNotThrowAnyException();
    }

    @Test
    void failsWhenAColumnWasNotReadOrAValueIsWrong() {
        StreamTotals read = new StreamTotals();
        read.add(1, "ab", 0.5, EPOCH_PLUS_10);

        assertThatThrownBy(() -> read.verify(new StreamTotals(1, 1, 2, 10, 0.75)))
                .isInstanceOf(WrongResultException.class).hasMessageContaining("sum(val)");
        assertThatThrownBy(() -> read.verify(new StreamTotals(2, 1, 2, 10, 0.5)))
                .isInstanceOf(WrongResultException.class).hasMessage("W3 rows: expected 2 but was 1");
    }
}
