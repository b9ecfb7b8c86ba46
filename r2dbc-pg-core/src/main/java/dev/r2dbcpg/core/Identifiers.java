package dev.r2dbcpg.core;

/** Quoting of SQL identifiers: no name is ever concatenated raw into SQL. */
public final class Identifiers {

    private Identifiers() {
    }

    /**
     * Quotes a name as a PostgreSQL identifier: wrapped in double quotes, inner double quotes doubled.
     *
     * @throws IllegalArgumentException for an empty name or one with a NUL character
     */
    public static String quote(String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Not a valid identifier: " + (name.isEmpty() ? "(empty)" : "contains NUL"));
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
