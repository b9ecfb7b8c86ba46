package dev.r2dbcpg.bench;

import java.time.OffsetDateTime;

/** COPY's text format (tab-separated, backslash escapes) for the rows of {@code bench_load}. */
final class CopyText {

    private CopyText() {
    }

    /** Appends one line: {@code id \t txt \t val \t ts \n}. */
    static void appendRow(StringBuilder out, long id, String text, double value, OffsetDateTime timestamp) {
        out.append(id).append('\t');
        appendEscaped(out, text);
        out.append('\t').append(value).append('\t').append(timestamp).append('\n');
    }

    /** Escapes the characters COPY's text format gives a meaning: backslash, tab, newline, carriage return. */
    static void appendEscaped(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }
}
