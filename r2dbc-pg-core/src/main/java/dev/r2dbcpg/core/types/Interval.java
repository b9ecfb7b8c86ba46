package dev.r2dbcpg.core.types;

import java.time.Duration;
import java.time.Period;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL {@code interval}: months, days and microseconds kept apart, as the server stores
 * them (a month is not a fixed number of days, a day is not always 24 hours across a DST change).
 *
 * <p>Equality is field by field: {@code 1 day} and {@code 24:00:00} are different values here,
 * although PostgreSQL's {@code =} treats them as equal. PostgreSQL 17 added {@code infinity} and
 * {@code -infinity}, represented by {@link #POSITIVE_INFINITY} and {@link #NEGATIVE_INFINITY}
 * (every field at its maximum, respectively minimum, as on the wire).
 */
public final class Interval {

    /** The zero interval, {@code 00:00:00}. */
    public static final Interval ZERO = new Interval(0, 0, 0);
    /** {@code infinity} (PostgreSQL 17 and later). */
    public static final Interval POSITIVE_INFINITY = new Interval(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);
    /** {@code -infinity} (PostgreSQL 17 and later). */
    public static final Interval NEGATIVE_INFINITY = new Interval(Integer.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE);

    static final long MICROS_PER_SECOND = 1_000_000L;
    static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
    static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
    static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

    private final int months;
    private final int days;
    private final long microseconds;

    private Interval(int months, int days, long microseconds) {
        this.months = months;
        this.days = days;
        this.microseconds = microseconds;
    }

    /**
     * Returns an interval with the given fields; each may be negative independently.
     *
     * @param months       whole months (a year is 12 months)
     * @param days         whole days
     * @param microseconds the time part
     * @return the interval
     */
    public static Interval of(int months, int days, long microseconds) {
        if (months == 0 && days == 0 && microseconds == 0) {
            return ZERO;
        }
        return new Interval(months, days, microseconds);
    }

    /**
     * Returns the interval of a {@link Duration}: all of it in the time part, days zero, as
     * PostgreSQL stores {@code '36 hours'}. Nanoseconds below a microsecond are truncated.
     *
     * @param duration the duration
     * @return the interval
     * @throws ArithmeticException when the duration exceeds the microsecond range of a long
     */
    public static Interval of(Duration duration) {
        long micros = Math.addExact(Math.multiplyExact(duration.getSeconds(), MICROS_PER_SECOND),
                duration.getNano() / 1000);
        return of(0, 0, micros);
    }

    /**
     * Returns the interval of a {@link Period}: years and months as months, days as days.
     *
     * @param period the period
     * @return the interval
     * @throws ArithmeticException when the months overflow an int
     */
    public static Interval of(Period period) {
        return of(Math.toIntExact(period.toTotalMonths()), period.getDays(), 0);
    }

    /**
     * Parses an interval in any of PostgreSQL's output styles ({@code IntervalStyle} {@code postgres},
     * {@code postgres_verbose}, {@code sql_standard} or {@code iso_8601}), plus {@code infinity}
     * and {@code -infinity}.
     *
     * @param text the text, e.g. {@code "1 year 2 mons 3 days 04:05:06.789"} or {@code "P1Y2M3DT4H5M6.789S"}
     * @return the interval
     * @throws IllegalArgumentException when the text is not in one of these forms or overflows
     */
    public static Interval parse(CharSequence text) {
        return IntervalParser.parse(text.toString());
    }

    /**
     * Returns the months (including years as 12 months each).
     *
     * @return the months
     */
    public int months() {
        return months;
    }

    /**
     * Returns the days.
     *
     * @return the days
     */
    public int days() {
        return days;
    }

    /**
     * Returns the time part in microseconds.
     *
     * @return the microseconds
     */
    public long microseconds() {
        return microseconds;
    }

    /**
     * Tells whether this is {@code infinity} or {@code -infinity}.
     *
     * @return true for the two infinite values
     */
    public boolean isInfinite() {
        return this.equals(POSITIVE_INFINITY) || this.equals(NEGATIVE_INFINITY);
    }

    /**
     * Returns this interval as a {@link Duration}, counting each day as exactly 24 hours.
     *
     * @return the duration
     * @throws IllegalStateException when the interval has months (their length is not fixed) or
     *                               is infinite
     */
    public Duration toDuration() {
        if (months != 0 || isInfinite()) {
            throw new IllegalStateException("Interval '" + this + "' cannot be a Duration: "
                    + (isInfinite() ? "it is infinite" : "it has months, whose length in days is not fixed"));
        }
        return Duration.ofDays(days).plus(Duration.of(microseconds, java.time.temporal.ChronoUnit.MICROS));
    }

    /**
     * Returns this interval as a {@link Period} of years, months and days.
     *
     * @return the period (months normalised into years)
     * @throws IllegalStateException when the interval has a time part or is infinite
     */
    public Period toPeriod() {
        if (microseconds != 0 || isInfinite()) {
            throw new IllegalStateException("Interval '" + this + "' cannot be a Period: "
                    + (isInfinite() ? "it is infinite" : "it has a time part"));
        }
        return Period.of(months / 12, months % 12, days);
    }

    /**
     * Returns the interval in ISO 8601 form, as PostgreSQL prints it under
     * {@code IntervalStyle = iso_8601}, e.g. {@code P1Y2M3DT4H5M6.789S}.
     *
     * @return the ISO 8601 text
     */
    public String toIso8601String() {
        if (isInfinite()) {
            return toString();
        }
        if (months == 0 && days == 0 && microseconds == 0) {
            return "PT0S";
        }
        StringBuilder sb = new StringBuilder("P");
        isoPart(sb, months / 12, 'Y');
        isoPart(sb, months % 12, 'M');
        isoPart(sb, days, 'D');
        long hours = microseconds / MICROS_PER_HOUR;
        long minutes = microseconds % MICROS_PER_HOUR / MICROS_PER_MINUTE;
        long secMicros = microseconds % MICROS_PER_MINUTE;
        if (microseconds != 0) {
            sb.append('T');
            isoPart(sb, hours, 'H');
            isoPart(sb, minutes, 'M');
            if (secMicros != 0) {
                if (secMicros < 0) {
                    sb.append('-');
                }
                appendSeconds(sb, Math.abs(secMicros), false);
                sb.append('S');
            }
        }
        return sb.toString();
    }

    /**
     * Returns the interval as PostgreSQL prints it under the default {@code IntervalStyle = postgres},
     * e.g. {@code 1 year 2 mons 3 days 04:05:06.789} or {@code -1 years -2 mons +3 days -04:05:06}.
     *
     * @return the text, which {@link #parse} reads back and PostgreSQL accepts as input
     */
    @Override
    public String toString() {
        if (this.equals(POSITIVE_INFINITY)) {
            return "infinity";
        } else if (this.equals(NEGATIVE_INFINITY)) {
            return "-infinity";
        }
        StringBuilder sb = new StringBuilder();
        boolean before = postgresPart(sb, months / 12, "year", false);
        before = postgresPart(sb, months % 12, "mon", before);
        before = postgresPart(sb, days, "day", before);
        if (sb.length() == 0 || microseconds != 0) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(microseconds < 0 ? "-" : before ? "+" : "");
            long abs = Math.abs(microseconds);
            long hours = abs / MICROS_PER_HOUR;
            long minutes = abs % MICROS_PER_HOUR / MICROS_PER_MINUTE;
            if (hours < 10) {
                sb.append('0');
            }
            sb.append(hours).append(':');
            if (minutes < 10) {
                sb.append('0');
            }
            sb.append(minutes).append(':');
            appendSeconds(sb, abs % MICROS_PER_MINUTE, true);
        }
        return sb.toString();
    }

    /** Appends one {@code N unit} part; a positive value after a negative one gets an explicit +. */
    private static boolean postgresPart(StringBuilder sb, int value, String unit, boolean before) {
        if (value == 0) {
            return before;
        }
        if (sb.length() > 0) {
            sb.append(' ');
        }
        if (before && value > 0) {
            sb.append('+');
        }
        sb.append(value).append(' ').append(unit);
        if (value != 1) {
            sb.append('s');
        }
        return value < 0;
    }

    private static void isoPart(StringBuilder sb, long value, char unit) {
        if (value != 0) {
            sb.append(value).append(unit);
        }
    }

    /** Seconds and up to six fraction digits without trailing zeros; two integer digits when padded. */
    private static void appendSeconds(StringBuilder sb, long micros, boolean pad) {
        long seconds = micros / MICROS_PER_SECOND;
        long fraction = micros % MICROS_PER_SECOND;
        if (pad && seconds < 10) {
            sb.append('0');
        }
        sb.append(seconds);
        if (fraction != 0) {
            String digits = Long.toString(fraction + MICROS_PER_SECOND).substring(1);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(digits, 0, end);
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Interval)) {
            return false;
        }
        Interval other = (Interval) o;
        return months == other.months && days == other.days && microseconds == other.microseconds;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * months + days) + Long.hashCode(microseconds);
    }
}
