package dev.r2dbcpg.client;

/**
 * String literals for the few places where DDL needs a value (utility statements take no parameters):
 * password verifiers, {@code VALID UNTIL}, {@code ENCODING}, TimescaleDB's storage options.
 *
 * <p>The rule: single quotes are doubled; a NUL is refused (PostgreSQL text cannot hold one); a value
 * with a backslash is written as an escape string ({@code E'...'}, backslashes doubled) so that it means
 * the same whether {@code standard_conforming_strings} is on or off.
 */
final class SqlLiterals {

    private SqlLiterals() {
    }

    /**
     * {@code value} as one SQL string literal.
     *
     * @param what what the value is, for the error message (never the value itself: it may be secret)
     * @throws IllegalArgumentException when the value contains a NUL character
     */
    static String literal(String value, String what) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("The " + what + " must not contain a NUL character");
        }
        String quoted = value.replace("'", "''");
        if (quoted.indexOf('\\') >= 0) {
            return "E'" + quoted.replace("\\", "\\\\") + "'";
        }
        return "'" + quoted + "'";
    }
}
