package dev.r2dbcpg.core.engine;

/**
 * Reads what the driver needs to know of a SQL string before sending it: the {@code $n} parameter placeholders,
 * whether it holds more than one statement, and whether it is a {@code COPY}. String literals (standard,
 * {@code E''} escape and dollar-quoted), quoted identifiers and comments are skipped as the server's lexer does.
 */
public final class SqlParameters {

    /**
     * What a SQL string is made of.
     *
     * @param parameters the highest {@code $n} placeholder, which is the number of parameters; 0 for none
     * @param multipleStatements whether a {@code ;} outside literals and comments is followed by more SQL (such a
     *     string can only go through the simple protocol); true also for SQL-standard function bodies
     *     ({@code BEGIN ATOMIC ... ; END}), which is harmless
     * @param copy whether the first keyword is {@code COPY}
     * @param blank whether there is nothing but white space, comments and semicolons
     */
    public record Shape(int parameters, boolean multipleStatements, boolean copy, boolean blank) {

        /** Whether the string can only run through the simple protocol (which also needs no parameters). */
        public boolean needsSimpleProtocol() {
            return multipleStatements || copy || blank;
        }
    }

    private SqlParameters() {
    }

    /** The highest {@code $n} placeholder in {@code sql}, which is the number of parameters; 0 for none. */
    static int count(String sql) {
        return shape(sql).parameters();
    }

    /** Scans {@code sql} once. */
    public static Shape shape(String sql) {
        int max = 0;
        int n = sql.length();
        int i = 0;
        boolean content = false;
        boolean afterSemicolon = false;
        boolean multiple = false;
        boolean copy = false;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
                continue;
            }
            if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i + 2);
                continue;
            }
            if (c == ';') {
                afterSemicolon = content;
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (!content) {
                copy = sql.regionMatches(true, i, "COPY", 0, 4) && (i + 4 >= n || !isIdentifierPart(sql.charAt(i + 4)));
            }
            content = true;
            multiple |= afterSemicolon;
            if (c == '\'') {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !isIdentifierPart(sql.charAt(i - 2)));
                i = skipQuoted(sql, i + 1, '\'', escapes);
            } else if (c == '"') {
                i = skipQuoted(sql, i + 1, '"', false);
            } else if (c == '$') {
                if (i + 1 < n && Character.isDigit(sql.charAt(i + 1))
                        && (i == 0 || !isIdentifierPart(sql.charAt(i - 1)))) {
                    int j = i + 1;
                    int value = 0;
                    while (j < n && Character.isDigit(sql.charAt(j))) {
                        value = Math.min(value * 10 + (sql.charAt(j) - '0'), 1_000_000);
                        j++;
                    }
                    max = Math.max(max, value);
                    i = j;
                } else {
                    i = skipDollarQuoted(sql, i);
                }
            } else {
                i++;
            }
        }
        return new Shape(max, multiple, copy, !content);
    }

    private static int skipQuoted(String sql, int from, char quote, boolean backslashEscapes) {
        int n = sql.length();
        int i = from;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private static int skipBlockComment(String sql, int from) {
        int depth = 1;
        int n = sql.length();
        int i = from;
        while (i < n && depth > 0) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
            } else {
                i++;
            }
        }
        return i;
    }

    /** At a '$' that does not start a parameter: skips a {@code $tag$ ... $tag$} literal if there is one. */
    private static int skipDollarQuoted(String sql, int at) {
        if (at > 0 && isIdentifierPart(sql.charAt(at - 1))) {
            return at + 1; // part of an identifier such as a$b
        }
        int n = sql.length();
        int j = at + 1;
        while (j < n && sql.charAt(j) != '$') {
            char c = sql.charAt(j);
            if (!(Character.isLetter(c) || c == '_' || (j > at + 1 && Character.isDigit(c)))) {
                return at + 1;
            }
            j++;
        }
        if (j >= n) {
            return n;
        }
        String tag = sql.substring(at, j + 1);
        int end = sql.indexOf(tag, j + 1);
        return end < 0 ? n : end + tag.length();
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
