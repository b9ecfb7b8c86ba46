package dev.r2dbcpg.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlLiteralsTest {

    @Test
    void doublesSingleQuotes() {
        assertThat(SqlLiterals.literal("it's", "x")).isEqualTo("'it''s'");
        assertThat(SqlLiterals.literal("'; DROP TABLE t; --", "x")).isEqualTo("'''; DROP TABLE t; --'");
        assertThat(SqlLiterals.literal("", "x")).isEqualTo("''");
    }

    @Test
    void writesBackslashesAsAnEscapeStringThatMeansTheSameUnderEitherSetting() {
        assertThat(SqlLiterals.literal("a\\'b", "x")).isEqualTo("E'a\\\\''b'");
    }

    @Test
    void refusesNulWithoutShowingTheValue() {
        assertThatThrownBy(() -> SqlLiterals.literal("s3cret\0", "password verifier"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(
                        "The password verifier must not contain a NUL character");
    }
}
