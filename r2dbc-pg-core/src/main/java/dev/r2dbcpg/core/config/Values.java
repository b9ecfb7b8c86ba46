package dev.r2dbcpg.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Coerces option values that arrive as strings (URL, DSN, environment) or typed (R2DBC options).
 * Every failure is an {@link IllegalArgumentException} naming the option; callers pass
 * {@code showValue = false} for secrets so that the value never reaches a message.
 */
final class Values {

    private Values() {
    }

    static String string(String option, Object value) {
        if (value instanceof CharSequence cs) {
            return cs.toString();
        }
        throw invalid(option, value, "expected a string");
    }

    static int integer(String option, Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Long l && l == l.intValue()) {
            return l.intValue();
        }
        if (value instanceof CharSequence cs) {
            try {
                return Integer.parseInt(cs.toString().trim());
            } catch (NumberFormatException e) {
                throw invalid(option, value, "expected an integer");
            }
        }
        throw invalid(option, value, "expected an integer");
    }

    /** Accepts booleans and libpq/PostgreSQL spellings: 1/0, true/false, yes/no, on/off. */
    static boolean bool(String option, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof CharSequence cs) {
            switch (cs.toString().trim().toLowerCase(Locale.ROOT)) {
                case "1", "true", "yes", "on", "t", "y":
                    return true;
                case "0", "false", "no", "off", "f", "n":
                    return false;
                default:
                    break;
            }
        }
        throw invalid(option, value, "expected a boolean (true/false, 1/0, on/off, yes/no)");
    }

    /**
     * Accepts a {@link Duration}, a number of seconds, or a string: ISO-8601 ({@code PT10S}), plain
     * seconds ({@code 10}, as libpq's {@code connect_timeout}), or a number with a unit
     * ({@code 500ms}, {@code 10s}, {@code 5min}, {@code 2h}, {@code 1d}).
     */
    static Duration duration(String option, Object value) {
        if (value instanceof Duration d) {
            return nonNegative(option, d);
        }
        if (value instanceof Integer || value instanceof Long) {
            return nonNegative(option, Duration.ofSeconds(((Number) value).longValue()));
        }
        if (!(value instanceof CharSequence cs)) {
            throw invalid(option, value, "expected a duration");
        }
        String s = cs.toString().trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p") || s.startsWith("-p")) {
                return nonNegative(option, Duration.parse(s.toUpperCase(Locale.ROOT)));
            }
            int unitAt = 0;
            while (unitAt < s.length() && Character.isDigit(s.charAt(unitAt))) {
                unitAt++;
            }
            if (unitAt == 0) {
                throw invalid(option, value, "expected a duration such as 10, 10s, 500ms or PT10S");
            }
            long amount = Long.parseLong(s.substring(0, unitAt));
            switch (s.substring(unitAt).trim()) {
                case "", "s", "sec":
                    return Duration.ofSeconds(amount);
                case "ms":
                    return Duration.ofMillis(amount);
                case "min", "m":
                    return Duration.ofMinutes(amount);
                case "h":
                    return Duration.ofHours(amount);
                case "d":
                    return Duration.ofDays(amount);
                default:
                    throw invalid(option, value, "unknown duration unit; use ms, s, min, h or d");
            }
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw invalid(option, value, "expected a duration such as 10, 10s, 500ms or PT10S");
        }
    }

    static Path path(String option, Object value) {
        if (value instanceof Path p) {
            return p;
        }
        if (value instanceof java.io.File f) {
            return f.toPath();
        }
        return Path.of(string(option, value));
    }

    /** An enum constant, given as the constant itself or as a string for {@code parser}. */
    static <E extends Enum<E>> E enumValue(String option, Class<E> type, Object value, Function<String, E> parser) {
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        if (value instanceof CharSequence cs) {
            try {
                return parser.apply(cs.toString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid value for option '" + option + "': " + e.getMessage(), e);
            }
        }
        throw invalid(option, value, "expected one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }

    /** A map given as a {@link Map}, or as {@code key=value;key=value} (r2dbc-postgresql's form). */
    static Map<String, String> map(String option, Object value) {
        Map<String, String> result = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
            return result;
        }
        for (String pair : string(option, value).split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw invalid(option, value, "expected key=value pairs separated by ';'");
            }
            result.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return result;
    }

    static IllegalArgumentException invalid(String option, Object value, String why) {
        return new IllegalArgumentException(
                "invalid value for option '" + option + "': \"" + value + "\" (" + why + ")");
    }

    static <D extends @org.jspecify.annotations.Nullable Duration> D nonNegative(String option, D d) {
        if (d != null && d.isNegative()) {
            throw new IllegalArgumentException("invalid value for option '" + option + "': must not be negative");
        }
        return d;
    }

    static int atLeast(String option, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(
                    "invalid value for option '" + option + "': " + value + " (must be at least " + min + ")");
        }
        return value;
    }
}
