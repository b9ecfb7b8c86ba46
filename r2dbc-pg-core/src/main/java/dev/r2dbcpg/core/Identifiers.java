package dev.r2dbcpg.core;

/**
 * Names that callers hand in, made safe for SQL: no name is ever concatenated raw into SQL.
 *
 * <p>The rule, the same wherever the driver takes a name from a caller:
 * <ul>
 *   <li>a plain name ({@code id}, {@code userId}: a letter or underscore, then letters, digits,
 *       underscores or dollars) is quoted, so its case is kept: {@code "id"}, {@code "userId"};</li>
 *   <li>a name that is already one correctly quoted identifier ({@code "id"}, {@code "weird""name"}) is
 *       used as given, so frameworks that quote (Spring Data R2DBC 4 by default) are not quoted twice;</li>
 *   <li>a qualified name ({@code t.id}, {@code "app"."users"}) is accepted only through
 *       {@link #qualifiedName}, for the places where PostgreSQL's grammar allows one, each part treated as
 *       above;</li>
 *   <li>anything else ({@code id; DROP ...}, {@code id) ...}, a comment, an expression, a lone quote) is
 *       refused with an {@link IllegalArgumentException} that says why.</li>
 * </ul>
 */
public final class Identifiers {

    private static final int MAX_PARTS = 3;

    private Identifiers() {
    }

    /**
     * Quotes any text as one PostgreSQL identifier: wrapped in double quotes, inner double quotes doubled.
     * For names the driver itself knows to be a single identifier (a table name read from the catalog, say);
     * names from callers go through {@link #name} or {@link #qualifiedName}.
     *
     * @throws IllegalArgumentException for an empty name or one with a NUL character
     */
    public static String quote(String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Not a valid identifier: " + (name.isEmpty() ? "(empty)" : "contains NUL"));
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * One identifier from a caller, as SQL: a plain name quoted, an already quoted identifier as given.
     *
     * @param what what the name names, for the error message ("column", "savepoint", ...)
     * @throws IllegalArgumentException for null, empty, or anything that is not one identifier
     */
    public static String name(String name, String what) {
        checkPresent(name, what);
        int end = partEnd(name, 0);
        if (end != name.length()) {
            throw refused(name, what, end, false);
        }
        return part(name, 0, end);
    }

    /**
     * A possibly qualified name from a caller ({@code column}, {@code table.column},
     * {@code schema.table.column}), as SQL: each part a plain name (quoted) or a quoted identifier (as given),
     * joined by dots.
     *
     * @param what what the name names, for the error message
     * @throws IllegalArgumentException for null, empty, or anything else
     */
    public static String qualifiedName(String name, String what) {
        checkPresent(name, what);
        StringBuilder sql = new StringBuilder(name.length() + 4);
        int start = 0;
        for (int parts = 1; ; parts++) {
            int end = partEnd(name, start);
            if (end < 0) {
                throw refused(name, what, start, true);
            }
            sql.append(part(name, start, end));
            if (end == name.length()) {
                return sql.toString();
            }
            if (name.charAt(end) != '.' || parts == MAX_PARTS) {
                throw refused(name, what, end, true);
            }
            sql.append('.');
            start = end + 1;
        }
    }

    /**
     * The identifier a caller's name denotes, as the server knows it: a plain name as written (it is quoted
     * in SQL, so its case is kept), a quoted identifier without its quotes and with {@code ""} undoubled.
     * For names that are also matched against what the server reports (LISTEN channels).
     *
     * @param what what the name names, for the error message
     * @throws IllegalArgumentException as {@link #name} does
     */
    public static String unquoted(String name, String what) {
        String sql = name(name, what);
        return sql.substring(1, sql.length() - 1).replace("\"\"", "\"");
    }

    private static void checkPresent(String name, String what) {
        if (name == null) {
            throw new IllegalArgumentException("The " + what + " name must not be null");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("The " + what + " name must not be empty");
        }
    }

    /** Where the identifier starting at {@code start} ends, or -1 when none starts there. */
    private static int partEnd(String name, int start) {
        if (start >= name.length()) {
            return -1;
        }
        char first = name.charAt(start);
        if (first == '"') {
            for (int i = start + 1; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c == '\0') {
                    return -1;
                }
                if (c == '"') {
                    if (i + 1 < name.length() && name.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        return i == start + 1 ? -1 : i + 1;
                    }
                }
            }
            return -1;
        }
        if (!isIdentifierStart(first)) {
            return -1;
        }
        int i = start + 1;
        while (i < name.length() && isIdentifierPart(name.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String part(String name, int start, int end) {
        String text = name.substring(start, end);
        return text.charAt(0) == '"' ? text : quote(text);
    }

    private static IllegalArgumentException refused(String name, String what, int at, boolean qualifiedAllowed) {
        String accepted = qualifiedAllowed
                ? "a plain name (letters, digits, _ and $), a quoted identifier (\"...\" with \"\" for a quote), "
                        + "or such names joined by dots (at most " + MAX_PARTS + ")"
                : "a plain name (letters, digits, _ and $) or one quoted identifier (\"...\" with \"\" for a quote)";
        String where = at < 0 || at >= name.length() ? "it is incomplete" : "at character " + (at + 1);
        return new IllegalArgumentException("Not a valid " + what + " name: " + shown(name) + " (" + where
                + "); expected " + accepted);
    }

    private static String shown(String name) {
        String text = name.length() > 64 ? name.substring(0, 64) + "..." : name;
        return "'" + text.replace("\0", "\\0") + "'";
    }

    private static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80 && Character.isLetter(c);
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || c >= '0' && c <= '9' || c == '$' || c >= 0x80 && Character.isLetterOrDigit(c);
    }
}
