package dev.r2dbcpg.client;

import dev.r2dbcpg.core.Identifiers;

/**
 * The two forms of a caller's name: as SQL (for DDL) and as the catalog stores it (for bound parameters
 * of catalog queries). Both follow {@link Identifiers}, so that {@code Users} means the same object in
 * {@code CREATE TABLE} and in {@code pg_class}.
 */
final class Names {

    private Names() {
    }

    /** One identifier as SQL: a plain name quoted, a quoted identifier as given, anything else refused. */
    static String sql(String name, String what) {
        return Identifiers.name(name, what);
    }

    /** A possibly qualified name as SQL ({@code "app"."users"}), also the text {@code $1::regclass} parses. */
    static String qualified(String name, String what) {
        return Identifiers.qualifiedName(name, what);
    }

    /** One identifier as the catalog stores it: {@code Users} and {@code "Users"} both give {@code Users}. */
    static String catalog(String name, String what) {
        String quoted = Identifiers.name(name, what);
        return quoted.substring(1, quoted.length() - 1).replace("\"\"", "\"");
    }
}
