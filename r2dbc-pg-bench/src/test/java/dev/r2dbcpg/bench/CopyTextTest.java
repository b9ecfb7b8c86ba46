package dev.r2dbcpg.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CopyTextTest {

    @Test
    void writesOneTabSeparatedLinePerRow() {
        StringBuilder out = new StringBuilder();
        CopyText.appendRow(out, 7, "abc", 1.25, OffsetDateTime.of(2024, 1, 1, 0, 0, 1, 0, ZoneOffset.UTC));

        assertThat(out).hasToString("7\tabc\t1.25\t2024-01-01T00:00:01Z\n");
    }

    @Test
    void escapesTheCharactersCopyGivesAMeaning() {
        StringBuilder out = new StringBuilder();
        CopyText.appendEscaped(out, "a\\b\tc\nd\re");

        assertThat(out).hasToString("a\\\\b\\tc\\nd\\re");
    }
}
