package dev.r2dbcpg.core.codec.builtin;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL's text output, formatted locally from decoded values: what the server's output
 * functions print with the default settings ({@code DateStyle} ISO, {@code IntervalStyle} postgres,
 * {@code bytea_output} hex, {@code extra_float_digits} 1) and the element quoting of arrays,
 * composites and ranges.
 */
final class TextOutput {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TextOutput() {
    }

    // ---------------------------------------------------------------- numbers

    /** {@code float8out}: the shortest digits that read back as {@code d}, plain for exponents -4 to 14. */
    static String float8(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
            return special(d);
        }
        BigDecimal exact = new BigDecimal(d);
        for (int p = 1; p < 17; p++) {
            BigDecimal rounded = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == d) {
                return layout(rounded, 15);
            }
        }
        return layout(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)), 15);
    }

    /** {@code float4out}: the shortest digits that read back as {@code f}, plain for exponents -4 to 5. */
    static String float4(float f) {
        if (Float.isNaN(f) || Float.isInfinite(f) || f == 0) {
            return special(f);
        }
        BigDecimal exact = new BigDecimal(f);
        for (int p = 1; p < 9; p++) {
            BigDecimal rounded = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (rounded.floatValue() == f) {
                return layout(rounded, 6);
            }
        }
        return layout(exact.round(new MathContext(9, RoundingMode.HALF_EVEN)), 6);
    }

    private static String special(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        } else if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return 1 / d < 0 ? "-0" : "0";
    }

    /** The {@code %g} layout with {@code digits} as the precision: {@code 1.5e-05}, {@code 1e+20}. */
    private static String layout(BigDecimal value, int digits) {
        BigDecimal v = value.stripTrailingZeros();
        int exponent = v.precision() - v.scale() - 1;
        if (exponent < -4 || exponent >= digits) {
            int abs = Math.abs(exponent);
            return v.movePointLeft(exponent).toPlainString() + 'e' + (exponent < 0 ? '-' : '+') + (abs < 10 ? "0" : "")
                    + abs;
        }
        return v.toPlainString();
    }

    // ---------------------------------------------------------------- bytes

    /** {@code byteaout} with {@code bytea_output = hex}. */
    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(2 + 2 * bytes.length).append("\\x");
        for (byte b : bytes) {
            sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- date and time (DateStyle ISO)

    static String date(LocalDate date) {
        if (date.equals(LocalDate.MAX)) {
            return "infinity";
        } else if (date.equals(LocalDate.MIN)) {
            return "-infinity";
        }
        StringBuilder sb = new StringBuilder(16);
        appendDate(sb, date);
        return bc(sb, date.getYear()).toString();
    }

    static String time(LocalTime time) {
        return appendTime(new StringBuilder(16), time).toString();
    }

    static String timetz(OffsetTime time) {
        StringBuilder sb = appendTime(new StringBuilder(24), time.toLocalTime());
        return appendOffset(sb, time.getOffset()).toString();
    }

    static String timestamp(LocalDateTime dt) {
        if (dt.equals(LocalDateTime.MAX)) {
            return "infinity";
        } else if (dt.equals(LocalDateTime.MIN)) {
            return "-infinity";
        }
        StringBuilder sb = new StringBuilder(32);
        appendDate(sb, dt.toLocalDate());
        appendTime(sb.append(' '), dt.toLocalTime());
        return bc(sb, dt.getYear()).toString();
    }

    /** A {@code timestamptz} printed in the session's time zone, its offset as the server prints it. */
    static String timestamptz(OffsetDateTime value, ZoneId timeZone) {
        if (value.equals(OffsetDateTime.MAX)) {
            return "infinity";
        } else if (value.equals(OffsetDateTime.MIN)) {
            return "-infinity";
        }
        ZonedDateTime z = value.atZoneSameInstant(timeZone);
        StringBuilder sb = new StringBuilder(40);
        appendDate(sb, z.toLocalDate());
        appendTime(sb.append(' '), z.toLocalTime());
        appendOffset(sb, z.getOffset());
        return bc(sb, z.getYear()).toString();
    }

    /** Years before 1 are printed as {@code 0044-03-15 BC} (year 0 is 1 BC). */
    private static void appendDate(StringBuilder sb, LocalDate date) {
        int year = date.getYear() > 0 ? date.getYear() : 1 - date.getYear();
        pad(sb, year, 4).append('-');
        pad(sb, date.getMonthValue(), 2).append('-');
        pad(sb, date.getDayOfMonth(), 2);
    }

    private static StringBuilder bc(StringBuilder sb, int year) {
        return year > 0 ? sb : sb.append(" BC");
    }

    /** {@code HH:MM:SS} and the fraction without trailing zeros; {@code LocalTime.MAX} is 24:00:00. */
    private static StringBuilder appendTime(StringBuilder sb, LocalTime time) {
        if (time.equals(LocalTime.MAX)) {
            return sb.append("24:00:00");
        }
        pad(sb, time.getHour(), 2).append(':');
        pad(sb, time.getMinute(), 2).append(':');
        pad(sb, time.getSecond(), 2);
        int micros = time.getNano() / 1000;
        if (micros != 0) {
            int start = sb.append('.').length();
            pad(sb, micros, 6);
            int end = sb.length();
            while (end > start && sb.charAt(end - 1) == '0') {
                end--;
            }
            sb.setLength(end);
        }
        return sb;
    }

    /** {@code +HH}, with {@code :MM} and {@code :SS} only when not zero. */
    private static StringBuilder appendOffset(StringBuilder sb, ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        sb.append(total < 0 ? '-' : '+');
        total = Math.abs(total);
        pad(sb, total / 3600, 2);
        if (total % 3600 != 0) {
            pad(sb.append(':'), total / 60 % 60, 2);
            if (total % 60 != 0) {
                pad(sb.append(':'), total % 60, 2);
            }
        }
        return sb;
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }

    // ---------------------------------------------------------------- element quoting

    /**
     * Appends an array element as {@code array_out} does: double-quoted when empty, {@code NULL} in
     * any case, or containing a quote, backslash, brace, the delimiter or white space; inside quotes
     * a backslash precedes quotes and backslashes.
     */
    static void arrayElement(StringBuilder sb, String text, char delimiter) {
        boolean quote = text.isEmpty() || text.equalsIgnoreCase("NULL");
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == '"' || c == '\\' || c == '{' || c == '}' || c == delimiter || isSpace(c);
        }
        appendQuoted(sb, text, quote, '\\');
    }

    /**
     * Appends a composite attribute as {@code record_out} does: quoted when empty or containing a quote,
     * backslash, parenthesis, comma or white space; inside quotes, quotes and backslashes are doubled.
     */
    static void compositeAttribute(StringBuilder sb, String text) {
        boolean quote = text.isEmpty();
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' || isSpace(c);
        }
        appendQuoted(sb, text, quote, null);
    }

    /** Appends a range bound as {@code range_out} does: as a composite attribute, brackets quoted too. */
    static void rangeBound(StringBuilder sb, String text) {
        boolean quote = text.isEmpty();
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == '"' || c == '\\' || c == '(' || c == ')' || c == '[' || c == ']' || c == ',' || isSpace(c);
        }
        appendQuoted(sb, text, quote, null);
    }

    /** With {@code escape} null, quotes and backslashes are doubled; otherwise preceded by {@code escape}. */
    private static void appendQuoted(StringBuilder sb, String text, boolean quote, @Nullable Character escape) {
        if (!quote) {
            sb.append(text);
            return;
        }
        sb.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append(escape == null ? c : escape);
            }
            sb.append(c);
        }
        sb.append('"');
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }
}
