package dev.r2dbcpg.core.types;

import static dev.r2dbcpg.core.types.Interval.MICROS_PER_HOUR;
import static dev.r2dbcpg.core.types.Interval.MICROS_PER_MINUTE;
import static dev.r2dbcpg.core.types.Interval.MICROS_PER_SECOND;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Reads the four {@code IntervalStyle} output forms. It accepts what the server prints, plus
 * the obvious variations (fractional seconds of any length, weeks), not every input PostgreSQL's
 * own parser accepts.
 */
final class IntervalParser {

    private long months;
    private long days;
    private long micros;

    private IntervalParser() {
    }

    static Interval parse(String text) {
        String s = text.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("infinity") || lower.equals("+infinity")) {
            return Interval.POSITIVE_INFINITY;
        } else if (lower.equals("-infinity")) {
            return Interval.NEGATIVE_INFINITY;
        }
        IntervalParser p = new IntervalParser();
        try {
            if (s.isEmpty()) {
                throw new NumberFormatException();
            } else if (s.charAt(0) == 'P') {
                p.iso(s);
            } else if (s.charAt(0) == '@') {
                p.verbose(lower.substring(1).trim());
            } else {
                p.postgresOrSqlStandard(lower);
            }
            return Interval.of(Math.toIntExact(p.months), Math.toIntExact(p.days), p.micros);
        } catch (NumberFormatException | ArithmeticException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("Malformed PostgreSQL interval: \"" + text + '"', e);
        }
    }

    /** {@code P1Y2M3DT4H5M6.789S}; each number carries its own sign. */
    private void iso(String s) {
        boolean time = false;
        int i = 1;
        while (i < s.length()) {
            if (s.charAt(i) == 'T') {
                time = true;
                i++;
                continue;
            }
            int start = i;
            while (i < s.length() && "+-.0123456789".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String number = s.substring(start, i);
            char unit = s.charAt(i++);
            if (!time && unit == 'M') {
                add(number, "mon");
            } else if (time && unit == 'M') {
                add(number, "min");
            } else {
                add(number, String.valueOf(unit).toLowerCase(Locale.ROOT));
            }
        }
    }

    /** {@code @ 1 year 2 mons -3 days 4 hours 5 mins 6.789 secs ago}. */
    private void verbose(String s) {
        String[] tokens = s.split("\\s+");
        int n = tokens.length;
        boolean ago = tokens[n - 1].equals("ago");
        if (ago) {
            n--;
        }
        for (int i = 0; i < n; i++) {
            String number = tokens[i];
            String unit = i + 1 < n && Character.isLetter(tokens[i + 1].charAt(0)) ? tokens[++i] : "sec";
            add(number, unit);
        }
        if (ago) {
            months = Math.negateExact(months);
            days = Math.negateExact(days);
            micros = Math.negateExact(micros);
        }
    }

    /**
     * {@code postgres}: {@code -1 years -2 mons +3 days -04:05:06}, every part signed on its own.
     * {@code sql_standard}: {@code -1-2 +3 -4:05:06}, or {@code -3 4:05:06} where a sign on the
     * first field alone applies to all fields.
     */
    private void postgresOrSqlStandard(String s) {
        String[] tokens = s.split("\\s+");
        boolean units = false;
        boolean laterSigned = false;
        long[] before = new long[3];
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (i == 1) {
                before[0] = months;
                before[1] = days;
                before[2] = micros;
            }
            if (i > 0 && (t.charAt(0) == '-' || t.charAt(0) == '+')) {
                laterSigned = true;
            }
            if (t.indexOf(':') >= 0) {
                micros = Math.addExact(micros, time(t));
            } else if (t.indexOf('-', 1) > 0) {
                int dash = t.indexOf('-', 1);
                boolean negative = t.charAt(0) == '-';
                long y = Long.parseLong(t.substring(negative || t.charAt(0) == '+' ? 1 : 0, dash));
                long m = Long.parseLong(t.substring(dash + 1));
                long total = Math.addExact(Math.multiplyExact(y, 12), m);
                months = Math.addExact(months, negative ? -total : total);
            } else if (i + 1 < tokens.length && Character.isLetter(tokens[i + 1].charAt(0))) {
                units = true;
                i++;
                add(t, tokens[i]);
            } else {
                add(t, "day");
            }
        }
        if (!units && !laterSigned && tokens.length > 1 && tokens[0].charAt(0) == '-') {
            // sql_standard: "-3 4:05:06" is minus (3 days 4:05:06)
            months = Math.subtractExact(before[0], Math.subtractExact(months, before[0]));
            days = Math.subtractExact(before[1], Math.subtractExact(days, before[1]));
            micros = Math.subtractExact(before[2], Math.subtractExact(micros, before[2]));
        }
    }

    /** {@code [+-]H:MM[:SS[.ffffff]]}, the sign applying to the whole time. */
    private static long time(String t) {
        boolean negative = t.charAt(0) == '-';
        String body = negative || t.charAt(0) == '+' ? t.substring(1) : t;
        String[] parts = body.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new NumberFormatException(t);
        }
        long result = Math.addExact(Math.multiplyExact(Long.parseLong(parts[0]), MICROS_PER_HOUR),
                Long.parseLong(parts[1]) * MICROS_PER_MINUTE);
        if (parts.length == 3) {
            result = Math.addExact(result, scaled(parts[2], MICROS_PER_SECOND));
        }
        return negative ? -result : result;
    }

    private void add(String number, String unit) {
        String u = unit.endsWith("s") && unit.length() > 1 ? unit.substring(0, unit.length() - 1) : unit;
        switch (u) {
            case "year":
            case "y":
                months = Math.addExact(months, Math.multiplyExact(whole(number), 12));
                break;
            case "mon":
                months = Math.addExact(months, whole(number));
                break;
            case "week":
            case "w":
                days = Math.addExact(days, Math.multiplyExact(whole(number), 7));
                break;
            case "day":
            case "d":
                days = Math.addExact(days, whole(number));
                break;
            case "hour":
            case "h":
                micros = Math.addExact(micros, scaled(number, MICROS_PER_HOUR));
                break;
            case "min":
                micros = Math.addExact(micros, scaled(number, MICROS_PER_MINUTE));
                break;
            case "sec":
            case "s":
                micros = Math.addExact(micros, scaled(number, MICROS_PER_SECOND));
                break;
            default:
                throw new NumberFormatException("unit " + unit);
        }
    }

    private static long whole(String number) {
        return Long.parseLong(number.startsWith("+") ? number.substring(1) : number);
    }

    private static long scaled(String number, long unitMicros) {
        return new BigDecimal(number).multiply(BigDecimal.valueOf(unitMicros))
                .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }
}
