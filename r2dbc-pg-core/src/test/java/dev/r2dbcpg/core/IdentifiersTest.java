package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "id|\"id\"",
            "userId|\"userId\"",
            "_x$1|\"_x$1\"",
            "größe|\"größe\"",
            "\"id\"|\"id\"",
            "\"weird\"\"name\"|\"weird\"\"name\"",
            "\"with space; and -- dashes\"|\"with space; and -- dashes\"",
    })
    void oneNameIsQuotedOrKeptAsQuoted(String given, String sql) {
        assertThat(Identifiers.name(given, "column")).isEqualTo(sql);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "id|\"id\"",
            "t.id|\"t\".\"id\"",
            "\"app\".users|\"app\".\"users\"",
            "app.\"Users\".\"a.b\"|\"app\".\"Users\".\"a.b\"",
    })
    void qualifiedNamesQuoteEachPart(String given, String sql) {
        assertThat(Identifiers.qualifiedName(given, "column")).isEqualTo(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id; DROP TABLE t", "id) --", "id -- comment", "/* c */ id", "a b", "1id", "\"", "\"\"",
            "\"unterminated", "\"a\"\"", "\"a\"b", "id,name", "lower(id)", "t.", ".id", "t..id", "a.b.c.d", "id\0",
            "\"a\0b\""})
    void anythingElseIsRefusedSayingWhy(String given) {
        assertThatIllegalArgumentException().isThrownBy(() -> Identifiers.qualifiedName(given, "column"))
                .withMessageStartingWith("Not a valid column name: ")
                .withMessageContaining("expected a plain name");
    }

    @Test
    void aQualifiedNameIsNotOneName() {
        assertThatIllegalArgumentException().isThrownBy(() -> Identifiers.name("t.id", "savepoint"))
                .withMessage("Not a valid savepoint name: 't.id' (at character 2); expected a plain name "
                        + "(letters, digits, _ and $) or one quoted identifier (\"...\" with \"\" for a quote)");
    }

    @Test
    void unquotedGivesTheNameTheServerKnows() {
        assertThat(Identifiers.unquoted("MyChan", "channel")).isEqualTo("MyChan");
        assertThat(Identifiers.unquoted("\"My-Chan\"", "channel")).isEqualTo("My-Chan");
        assertThat(Identifiers.unquoted("\"weird\"\"name\"", "channel")).isEqualTo("weird\"name");
        assertThatIllegalArgumentException().isThrownBy(() -> Identifiers.unquoted("My-Chan", "channel"))
                .withMessageStartingWith("Not a valid channel name: 'My-Chan'");
    }

    @Test
    void nullAndEmptyAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Identifiers.name(null, "column"))
                .withMessage("The column name must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> Identifiers.qualifiedName("", "column"))
                .withMessage("The column name must not be empty");
    }
}
