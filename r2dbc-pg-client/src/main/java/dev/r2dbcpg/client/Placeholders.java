package dev.r2dbcpg.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites psycopg's {@code %s} and {@code %(name)s} and the {@code :name} style into PostgreSQL's
 * {@code $n}. Only SQL text is rewritten: string literals ({@code '...'}, {@code E'...'} with backslash
 * escapes, and {@code '...'} with backslash escapes when {@code standard_conforming_strings} is off),
 * quoted identifiers, dollar quotes ({@code $tag$...$tag$}), line comments and nested block comments
 * are copied untouched, and {@code ::} (a cast) is never a {@code :name}. {@code %%} outside them is one
 * {@code %}; a {@code %} followed by anything else (the modulo operator) is kept. Values are never put
 * into the text: they are bound to the {@code $n} this class produces.
 */
final class Placeholders {

    /** The placeholder style a statement uses; one statement uses one style. */
    enum Style {
        /** No placeholder at all. */
        NONE,
        /** PostgreSQL's own {@code $1}, passed through as written. */
        NATIVE,
        /** psycopg's {@code %s}: values in order. */
        POSITIONAL,
        /** psycopg's {@code %(name)s} or {@code :name}: values from a map. */
        NAMED
    }

    /**
     * SQL ready for PostgreSQL.
     *
     * @param sql the text with {@code $n} placeholders
     * @param style the style the caller wrote
     * @param count the number of {@code $n} this class produced (0 for {@link Style#NATIVE})
     * @param names for {@link Style#NAMED}, the name of each {@code $n} in order (a repeated name is one $n)
     */
    record Parsed(String sql, Style style, int count, List<String> names) {
    }

    private Placeholders() {
    }

    /** Parses {@code sql} as a server with {@code standard_conforming_strings = on} reads it. */
    static Parsed parse(String sql) {
        return parse(sql, true);
    }

    /**
     * Parses {@code sql}.
     *
     * @param standardConformingStrings the server's setting: when false, a backslash escapes in {@code '...'} too
     * @throws IllegalArgumentException for styles mixed in one statement, an unterminated literal, identifier,
     *     dollar quote or comment, or a malformed {@code %(name)s}
     */
    static Parsed parse(String sql, boolean standardConformingStrings) {
        return new Scanner(sql, standardConformingStrings).scan();
    }

    /**
     * The values to bind, in {@code $n} order, from what the caller gave: a single {@link Map} for
     * {@link Style#NAMED}, values in order otherwise.
     *
     * @throws IllegalArgumentException when the values do not fit the placeholders
     */
    static Object[] values(Parsed parsed, Object[] params) {
        switch (parsed.style()) {
            case NAMED -> {
                if (params.length != 1 || !(params[0] instanceof Map<?, ?> map)) {
                    throw new IllegalArgumentException("The SQL has named placeholders " + parsed.names()
                            + ": pass one Map of their values, not " + params.length + " positional value(s)");
                }
                Object[] values = new Object[parsed.names().size()];
                for (int i = 0; i < values.length; i++) {
                    String name = parsed.names().get(i);
                    if (!map.containsKey(name)) {
                        throw new IllegalArgumentException("No value for placeholder '" + name + "' (values given: "
                                + map.keySet() + ")");
                    }
                    values[i] = map.get(name);
                }
                return values;
            }
            case POSITIONAL -> {
                if (params.length != parsed.count()) {
                    throw new IllegalArgumentException("The SQL has " + parsed.count() + " %s placeholder(s) but "
                            + params.length + " value(s) were given");
                }
                return params;
            }
            case NONE -> {
                if (params.length != 0) {
                    throw new IllegalArgumentException("The SQL has no placeholder but " + params.length
                            + " value(s) were given");
                }
                return params;
            }
            default -> {
                return params;
            }
        }
    }

    /** One pass over the text; each state of the lexer is a method that copies one token. */
    private static final class Scanner {

        private final String in;
        private final boolean standardConformingStrings;
        private final StringBuilder out;
        private final Map<String, Integer> named = new LinkedHashMap<>();
        private Style style = Style.NONE;
        private int positional;
        private int i;

        Scanner(String in, boolean standardConformingStrings) {
            this.in = in;
            this.standardConformingStrings = standardConformingStrings;
            this.out = new StringBuilder(in.length() + 8);
        }

        Parsed scan() {
            int n = in.length();
            while (i < n) {
                char c = in.charAt(i);
                char next = i + 1 < n ? in.charAt(i + 1) : 0;
                if (c == '\'') {
                    boolean escapes = !standardConformingStrings
                            || (i > 0 && (in.charAt(i - 1) == 'E' || in.charAt(i - 1) == 'e')
                            && (i < 2 || !isIdentifierPart(in.charAt(i - 2))));
                    quoted('\'', escapes, "string literal");
                } else if (c == '"') {
                    quoted('"', false, "quoted identifier");
                } else if (c == '-' && next == '-') {
                    lineComment();
                } else if (c == '/' && next == '*') {
                    blockComment();
                } else if (c == '$' && (i == 0 || !isIdentifierPart(in.charAt(i - 1)))) {
                    dollar();
                } else if (c == ':' && next == ':') {
                    out.append("::");
                    i += 2;
                } else if (c == ':' && isIdentifierStart(next) && (i == 0 || !isIdentifierPart(in.charAt(i - 1)))) {
                    int end = identifierEnd(i + 1);
                    name(in.substring(i + 1, end));
                    i = end;
                } else if (c == '%' && next == '%') {
                    out.append('%');
                    i += 2;
                } else if (c == '%' && next == 's') {
                    use(Style.POSITIONAL);
                    out.append('$').append(++positional);
                    i += 2;
                } else if (c == '%' && next == '(') {
                    int close = in.indexOf(')', i + 2);
                    if (close < 0 || close + 1 >= n || in.charAt(close + 1) != 's' || close == i + 2) {
                        throw new IllegalArgumentException("Malformed %(name)s placeholder at offset " + i);
                    }
                    name(in.substring(i + 2, close));
                    i = close + 2;
                } else {
                    out.append(c);
                    i++;
                }
            }
            List<String> names = new ArrayList<>(named.keySet());
            int count = style == Style.NAMED ? names.size() : positional;
            return new Parsed(out.toString(), style, count, List.copyOf(names));
        }

        private void use(Style wanted) {
            if (style != Style.NONE && style != wanted) {
                throw new IllegalArgumentException("The SQL mixes placeholder styles (" + describe(style) + " and "
                        + describe(wanted) + "); use one style per statement");
            }
            style = wanted;
        }

        private void name(String name) {
            use(Style.NAMED);
            Integer index = named.get(name);
            if (index == null) {
                index = named.size() + 1;
                named.put(name, index);
            }
            out.append('$').append(index);
        }

        /** Copies a literal or identifier up to its closing quote; a doubled quote is part of it. */
        private void quoted(char quote, boolean backslashEscapes, String what) {
            int start = i;
            out.append(quote);
            i++;
            while (true) {
                if (i >= in.length()) {
                    throw new IllegalArgumentException("Unterminated " + what + " starting at offset " + start);
                }
                char c = in.charAt(i);
                if (backslashEscapes && c == '\\' && i + 1 < in.length()) {
                    out.append(c).append(in.charAt(i + 1));
                    i += 2;
                } else if (c == quote && i + 1 < in.length() && in.charAt(i + 1) == quote) {
                    out.append(c).append(c);
                    i += 2;
                } else if (c == quote) {
                    out.append(c);
                    i++;
                    return;
                } else {
                    out.append(c);
                    i++;
                }
            }
        }

        private void lineComment() {
            int end = in.indexOf('\n', i);
            end = end < 0 ? in.length() : end;
            out.append(in, i, end);
            i = end;
        }

        /** Block comments nest in PostgreSQL (unlike the SQL standard). */
        private void blockComment() {
            int start = i;
            int depth = 0;
            do {
                if (i + 1 >= in.length()) {
                    throw new IllegalArgumentException("Unterminated block comment starting at offset " + start);
                }
                if (in.charAt(i) == '/' && in.charAt(i + 1) == '*') {
                    depth++;
                    i += 2;
                } else if (in.charAt(i) == '*' && in.charAt(i + 1) == '/') {
                    depth--;
                    i += 2;
                } else {
                    i++;
                }
            } while (depth > 0);
            out.append(in, start, i);
        }

        /** {@code $1} (native placeholder), {@code $tag$...$tag$} or {@code $$...$$}, or a lone {@code $}. */
        private void dollar() {
            int j = i + 1;
            if (j < in.length() && Character.isDigit(in.charAt(j))) {
                while (j < in.length() && Character.isDigit(in.charAt(j))) {
                    j++;
                }
                use(Style.NATIVE);
                out.append(in, i, j);
                i = j;
                return;
            }
            int tagEnd = j < in.length() && isIdentifierStart(in.charAt(j)) ? identifierEnd(j) : j;
            if (tagEnd >= in.length() || in.charAt(tagEnd) != '$') {
                out.append('$');
                i++;
                return;
            }
            String tag = in.substring(i, tagEnd + 1);
            int close = in.indexOf(tag, tagEnd + 1);
            if (close < 0) {
                throw new IllegalArgumentException("Unterminated dollar-quoted string " + tag + " starting at offset "
                        + i);
            }
            out.append(in, i, close + tag.length());
            i = close + tag.length();
        }

        /** The end of a name after {@code :} or of a dollar-quote tag: identifier characters but {@code $}. */
        private int identifierEnd(int from) {
            int j = from;
            while (j < in.length() && isIdentifierPart(in.charAt(j)) && in.charAt(j) != '$') {
                j++;
            }
            return j;
        }

        private static String describe(Style style) {
            return switch (style) {
                case NATIVE -> "$n";
                case POSITIONAL -> "%s";
                case NAMED -> "%(name)s / :name";
                case NONE -> "none";
            };
        }
    }

    static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
