package dev.r2dbcpg.client;

import dev.r2dbcpg.core.Identifiers;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A table name from a caller ({@code users}, {@code app.users}, {@code "App"."Users"}), checked by
 * {@link Identifiers#qualifiedName} and kept both as SQL and as its parts. The parts are the names as
 * PostgreSQL stores them (quotes removed), for the core COPY API, whose {@code CopyOptions} quotes each
 * part itself.
 *
 * @param schema the schema part, or null for the search path
 * @param table  the table part
 * @param sql    the name as SQL, every part quoted
 */
record TableName(@Nullable String schema, String table, String sql) {

    /**
     * Checks and splits {@code name}: {@code table} or {@code schema.table}.
     *
     * @throws IllegalArgumentException for anything else, a three-part name included
     */
    static TableName parse(String name) {
        String sql = Identifiers.qualifiedName(name, "table");
        List<String> parts = unquotedParts(sql);
        if (parts.size() > 2) {
            throw new IllegalArgumentException("Not a valid table name: '" + name + "'; expected table or schema.table");
        }
        return parts.size() == 1 ? new TableName(null, parts.get(0), sql) : new TableName(parts.get(0), parts.get(1), sql);
    }

    /** One column name from a caller as PostgreSQL stores it: {@code id} and {@code "id"} are both {@code id}. */
    static String column(String name) {
        return unquotedParts(Identifiers.name(name, "column")).get(0);
    }

    /** Splits the output of {@link Identifiers}, in which every part is quoted, into the unquoted parts. */
    private static List<String> unquotedParts(String quoted) {
        List<String> parts = new ArrayList<>(2);
        StringBuilder part = new StringBuilder();
        // Every part is "...", with "" standing for a quote; parts are joined by dots.
        int i = 1;
        while (i < quoted.length()) {
            char c = quoted.charAt(i);
            if (c == '"' && i + 1 < quoted.length() && quoted.charAt(i + 1) == '"') {
                part.append('"');
                i += 2;
            } else if (c == '"') {
                parts.add(part.toString());
                part.setLength(0);
                i += 3; // the closing quote, the dot and the next opening quote
            } else {
                part.append(c);
                i++;
            }
        }
        return parts;
    }
}
