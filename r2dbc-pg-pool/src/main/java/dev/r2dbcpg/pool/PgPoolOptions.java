package dev.r2dbcpg.pool;

import dev.r2dbcpg.core.config.PgOptions;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The R2DBC options of {@code r2dbc:pgpool://...} URLs and {@link ConnectionFactoryOptions}, and their mapping
 * to a {@link PgPoolConfiguration}. Connection options (host, user, sslMode, ...) are the driver's
 * ({@link PgOptions}); the pool reads only its own names and the driver ignores them.
 *
 * <p>Values may be typed or strings: durations accept {@code PT10S}, plain seconds ({@code 10}) or a number
 * with a unit ({@code 500ms}, {@code 10s}, {@code 5min}, {@code 2h}); {@code 0} turns a limit off.
 */
public final class PgPoolOptions {

    /** {@link PgPoolConfiguration#minSize()}. */
    public static final Option<Integer> MIN_SIZE = Option.valueOf("minSize");
    /** {@link PgPoolConfiguration#maxSize()}. */
    public static final Option<Integer> MAX_SIZE = Option.valueOf("maxSize");
    /** {@link PgPoolConfiguration#acquireTimeout()}. */
    public static final Option<Duration> ACQUIRE_TIMEOUT = Option.valueOf("acquireTimeout");
    /** {@link PgPoolConfiguration#maxPendingAcquires()}. */
    public static final Option<Integer> MAX_PENDING_ACQUIRES = Option.valueOf("maxPendingAcquires");
    /** {@link PgPoolConfiguration#maxQueries()}. */
    public static final Option<Long> MAX_QUERIES = Option.valueOf("maxQueries");
    /** {@link PgPoolConfiguration#maxInactiveConnectionLifetime()}. */
    public static final Option<Duration> MAX_INACTIVE_CONNECTION_LIFETIME = Option.valueOf("maxInactiveConnectionLifetime");
    /** {@link PgPoolConfiguration#maxLifetime()}. */
    public static final Option<Duration> MAX_LIFETIME = Option.valueOf("maxLifetime");
    /** {@link PgPoolConfiguration#maxLifetimeJitter()}. */
    public static final Option<Duration> MAX_LIFETIME_JITTER = Option.valueOf("maxLifetimeJitter");
    /** {@link PgPoolConfiguration#acquireValidation()}: {@code none}, {@code local} or {@code remote}. */
    public static final Option<String> ACQUIRE_VALIDATION = Option.valueOf("acquireValidation");
    /** A validation query; when set, acquire validation runs it. */
    public static final Option<String> VALIDATION_QUERY = Option.valueOf("validationQuery");
    /** {@link PgPoolConfiguration#backgroundValidation()}: {@code none}, {@code local} or {@code remote}. */
    public static final Option<String> BACKGROUND_VALIDATION = Option.valueOf("backgroundValidation");
    /** {@link PgPoolConfiguration#validationTimeout()}. */
    public static final Option<Duration> VALIDATION_TIMEOUT = Option.valueOf("validationTimeout");
    /** {@link PgPoolConfiguration#backgroundInterval()}. */
    public static final Option<Duration> BACKGROUND_INTERVAL = Option.valueOf("backgroundInterval");
    /** {@link PgPoolConfiguration#hookTimeout()}. */
    public static final Option<Duration> HOOK_TIMEOUT = Option.valueOf("hookTimeout");
    /** {@link PgPoolConfiguration#leakDetectionThreshold()}. */
    public static final Option<Duration> LEAK_DETECTION_THRESHOLD = Option.valueOf("leakDetectionThreshold");
    /** {@link PgPoolConfiguration#closeTimeout()}. */
    public static final Option<Duration> CLOSE_TIMEOUT = Option.valueOf("closeTimeout");
    /** {@link PgPoolConfiguration#name()}. */
    public static final Option<String> POOL_NAME = Option.valueOf("poolName");
    /** {@link PgPoolConfiguration#metrics()}: register with Micrometer's global registry. */
    public static final Option<Boolean> METRICS = Option.valueOf("metrics");

    private PgPoolOptions() {
    }

    /**
     * The pool configuration for {@code options}: the connection from the driver's options, the pool's
     * settings from this class's options, defaults for the rest.
     *
     * @throws IllegalArgumentException naming the option when a value cannot be used
     */
    public static PgPoolConfiguration fromOptions(ConnectionFactoryOptions options) {
        PgPoolConfiguration.Builder b = PgPoolConfiguration.builder().connection(PgOptions.fromOptions(options));
        apply(options, MIN_SIZE, PgPoolOptions::integer, b::minSize);
        apply(options, MAX_SIZE, PgPoolOptions::integer, b::maxSize);
        apply(options, ACQUIRE_TIMEOUT, PgPoolOptions::duration, b::acquireTimeout);
        apply(options, MAX_PENDING_ACQUIRES, PgPoolOptions::integer, b::maxPendingAcquires);
        apply(options, MAX_QUERIES, v -> (long) integer(v), b::maxQueries);
        apply(options, MAX_INACTIVE_CONNECTION_LIFETIME, PgPoolOptions::duration, b::maxInactiveConnectionLifetime);
        apply(options, MAX_LIFETIME, PgPoolOptions::duration, b::maxLifetime);
        apply(options, MAX_LIFETIME_JITTER, PgPoolOptions::duration, b::maxLifetimeJitter);
        apply(options, ACQUIRE_VALIDATION, v -> PgValidation.parse(v.toString()), b::acquireValidation);
        apply(options, VALIDATION_QUERY, v -> PgValidation.query(v.toString()), b::acquireValidation);
        apply(options, BACKGROUND_VALIDATION, v -> PgValidation.parse(v.toString()), b::backgroundValidation);
        apply(options, VALIDATION_TIMEOUT, PgPoolOptions::duration, b::validationTimeout);
        apply(options, BACKGROUND_INTERVAL, PgPoolOptions::duration, b::backgroundInterval);
        apply(options, HOOK_TIMEOUT, PgPoolOptions::duration, b::hookTimeout);
        apply(options, LEAK_DETECTION_THRESHOLD, PgPoolOptions::duration, b::leakDetectionThreshold);
        apply(options, CLOSE_TIMEOUT, PgPoolOptions::duration, b::closeTimeout);
        apply(options, POOL_NAME, Object::toString, b::name);
        apply(options, METRICS, PgPoolOptions::bool, b::metrics);
        return b.build();
    }

    private static <T> void apply(ConnectionFactoryOptions options, Option<?> option, Function<Object, T> parse,
                                  Consumer<T> set) {
        @Nullable Object value = options.getValue(option);
        if (value == null) {
            return;
        }
        try {
            set.accept(parse.apply(value));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid value '" + value + "' for option " + option.name() + ": "
                    + e.getMessage(), e);
        }
    }

    static int integer(Object value) {
        if (value instanceof Number n) {
            return Math.toIntExact(n.longValue());
        }
        return Integer.parseInt(value.toString().trim());
    }

    static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "on", "yes" -> true;
            case "false", "0", "off", "no" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    /** A {@link Duration}, a number of seconds, or {@code PT10S}, {@code 10}, {@code 500ms}, {@code 10s}, {@code 5min}, {@code 2h}. */
    static Duration duration(Object value) {
        if (value instanceof Duration d) {
            return d;
        }
        if (value instanceof Number n) {
            return Duration.ofSeconds(n.longValue());
        }
        String s = value.toString().trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        }
        int unitAt = 0;
        while (unitAt < s.length() && Character.isDigit(s.charAt(unitAt))) {
            unitAt++;
        }
        if (unitAt == 0) {
            throw new IllegalArgumentException("expected a duration such as 10, 10s, 500ms or PT10S");
        }
        long amount = Long.parseLong(s.substring(0, unitAt));
        return switch (s.substring(unitAt).trim()) {
            case "", "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(amount);
            case "ms", "milli", "millis", "milliseconds" -> Duration.ofMillis(amount);
            case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(amount);
            case "h", "hour", "hours" -> Duration.ofHours(amount);
            case "d", "day", "days" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown unit in '" + value + "'");
        };
    }
}
