package dev.r2dbcpg.pool;

import dev.r2dbcpg.core.PgConnection;
import dev.r2dbcpg.core.config.PgConnectionConfiguration;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

/**
 * The immutable settings of a {@link PgPool}: how to connect, how many connections, when to retire them,
 * how to check them, and the hooks run around each use. Build with {@link #builder()}; every setting has a
 * default, except the connection configuration.
 *
 * <p>A {@code Duration.ZERO} turns a time limit off ({@code acquireTimeout}, {@code maxLifetime},
 * {@code maxInactiveConnectionLifetime}, {@code leakDetectionThreshold}).
 */
public final class PgPoolConfiguration {

    /** A hook run on a connection; the publisher's completion (or error) is what counts. */
    public interface Hook extends Function<PgConnection, Publisher<?>> {
    }

    private final PgConnectionConfiguration connection;
    private final String name;
    private final int minSize;
    private final int maxSize;
    private final Duration acquireTimeout;
    private final int maxPendingAcquires;
    private final long maxQueries;
    private final Duration maxInactiveConnectionLifetime;
    private final Duration maxLifetime;
    private final Duration maxLifetimeJitter;
    private final PgValidation acquireValidation;
    private final PgValidation backgroundValidation;
    private final Duration validationTimeout;
    private final Duration backgroundInterval;
    private final @Nullable Hook init;
    private final @Nullable Hook setup;
    private final Hook reset;
    private final Duration hookTimeout;
    private final Duration leakDetectionThreshold;
    private final Duration closeTimeout;
    private final boolean metrics;

    private PgPoolConfiguration(Builder b) {
        this.connection = Objects.requireNonNull(b.connection, "connection configuration");
        this.name = b.name;
        this.minSize = b.minSize;
        this.maxSize = b.maxSize;
        this.acquireTimeout = b.acquireTimeout;
        this.maxPendingAcquires = b.maxPendingAcquires;
        this.maxQueries = b.maxQueries;
        this.maxInactiveConnectionLifetime = b.maxInactiveConnectionLifetime;
        this.maxLifetime = b.maxLifetime;
        this.maxLifetimeJitter = b.maxLifetimeJitter != null ? b.maxLifetimeJitter : b.maxLifetime.dividedBy(10);
        this.acquireValidation = b.acquireValidation;
        this.backgroundValidation = b.backgroundValidation;
        this.validationTimeout = b.validationTimeout;
        this.backgroundInterval = b.backgroundInterval;
        this.init = b.init;
        this.setup = b.setup;
        this.reset = b.reset != null ? b.reset : PgSessionReset.standard();
        this.hookTimeout = b.hookTimeout;
        this.leakDetectionThreshold = b.leakDetectionThreshold;
        this.closeTimeout = b.closeTimeout;
        this.metrics = b.metrics;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.connection = connection;
        b.name = name;
        b.minSize = minSize;
        b.maxSize = maxSize;
        b.acquireTimeout = acquireTimeout;
        b.maxPendingAcquires = maxPendingAcquires;
        b.maxQueries = maxQueries;
        b.maxInactiveConnectionLifetime = maxInactiveConnectionLifetime;
        b.maxLifetime = maxLifetime;
        b.maxLifetimeJitter = maxLifetimeJitter;
        b.acquireValidation = acquireValidation;
        b.backgroundValidation = backgroundValidation;
        b.validationTimeout = validationTimeout;
        b.backgroundInterval = backgroundInterval;
        b.init = init;
        b.setup = setup;
        b.reset = reset;
        b.hookTimeout = hookTimeout;
        b.leakDetectionThreshold = leakDetectionThreshold;
        b.closeTimeout = closeTimeout;
        b.metrics = metrics;
        return b;
    }

    /** How connections are made (at pool creation; {@link PgPool#setConnectionConfiguration} changes it later). */
    public PgConnectionConfiguration connection() {
        return connection;
    }

    /** The pool's name, used in metrics and log messages. Default {@code r2dbc-pg}. */
    public String name() {
        return name;
    }

    /** Connections kept open even when idle. Default 0. */
    public int minSize() {
        return minSize;
    }

    /** Most connections open at once. Default 10. */
    public int maxSize() {
        return maxSize;
    }

    /** Longest wait for a connection when all are in use; zero waits forever. Default 30 seconds. */
    public Duration acquireTimeout() {
        return acquireTimeout;
    }

    /** Most acquirers waiting at once; one more fails at once. Default {@code Integer.MAX_VALUE}. */
    public int maxPendingAcquires() {
        return maxPendingAcquires;
    }

    /** Statements after which a connection is retired; 0 never. Default 50,000 (asyncpg's). */
    public long maxQueries() {
        return maxQueries;
    }

    /** Idle time after which a connection above {@link #minSize()} is closed; zero never. Default 5 minutes. */
    public Duration maxInactiveConnectionLifetime() {
        return maxInactiveConnectionLifetime;
    }

    /** Age after which a connection is retired (after its current use); zero never. Default zero. */
    public Duration maxLifetime() {
        return maxLifetime;
    }

    /** Up to this much is taken off each connection's {@link #maxLifetime()} at random. Default a tenth of it. */
    public Duration maxLifetimeJitter() {
        return maxLifetimeJitter;
    }

    /** The check before each hand-out of a connection that has been used before. Default {@link PgValidation#LOCAL}. */
    public PgValidation acquireValidation() {
        return acquireValidation;
    }

    /** The check of idle connections every {@link #backgroundInterval()}. Default {@link PgValidation#LOCAL}. */
    public PgValidation backgroundValidation() {
        return backgroundValidation;
    }

    /** Longest validation; one that takes longer destroys the connection. Default 5 seconds. */
    public Duration validationTimeout() {
        return validationTimeout;
    }

    /** How often idle connections are checked for retirement and validated. Default 30 seconds. */
    public Duration backgroundInterval() {
        return backgroundInterval;
    }

    /** Runs once on each new physical connection, before its first hand-out. */
    public @Nullable Hook init() {
        return init;
    }

    /** Runs before each hand-out. */
    public @Nullable Hook setup() {
        return setup;
    }

    /**
     * Runs on each release, after an open transaction has been rolled back and auto-commit restored.
     * Default {@link PgSessionReset#standard()}.
     */
    public Hook reset() {
        return reset;
    }

    /** Longest run of any hook; one that takes longer counts as failed. Default 30 seconds. */
    public Duration hookTimeout() {
        return hookTimeout;
    }

    /** A connection held longer is logged with the stack of its acquisition; zero is off (the default). */
    public Duration leakDetectionThreshold() {
        return leakDetectionThreshold;
    }

    /** How long {@link PgPool#close()} waits for borrowed connections. Default 30 seconds. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** Whether the pool registers its meters with Micrometer's global registry. Default false. */
    public boolean metrics() {
        return metrics;
    }

    @Override
    public String toString() {
        return "PgPoolConfiguration[name=" + name + ", minSize=" + minSize + ", maxSize=" + maxSize
                + ", acquireTimeout=" + acquireTimeout + ", maxPendingAcquires=" + maxPendingAcquires
                + ", maxQueries=" + maxQueries + ", maxInactiveConnectionLifetime=" + maxInactiveConnectionLifetime
                + ", maxLifetime=" + maxLifetime + ", acquireValidation=" + acquireValidation
                + ", backgroundValidation=" + backgroundValidation + ", connection=" + connection + "]";
    }

    /** Builds a {@link PgPoolConfiguration}. Not thread-safe. */
    public static final class Builder {

        private @Nullable PgConnectionConfiguration connection;
        private String name = "r2dbc-pg";
        private int minSize = 0;
        private int maxSize = 10;
        private Duration acquireTimeout = Duration.ofSeconds(30);
        private int maxPendingAcquires = Integer.MAX_VALUE;
        private long maxQueries = 50_000;
        private Duration maxInactiveConnectionLifetime = Duration.ofMinutes(5);
        private Duration maxLifetime = Duration.ZERO;
        private @Nullable Duration maxLifetimeJitter;
        private PgValidation acquireValidation = PgValidation.LOCAL;
        private PgValidation backgroundValidation = PgValidation.LOCAL;
        private Duration validationTimeout = Duration.ofSeconds(5);
        private Duration backgroundInterval = Duration.ofSeconds(30);
        private @Nullable Hook init;
        private @Nullable Hook setup;
        private @Nullable Hook reset;
        private Duration hookTimeout = Duration.ofSeconds(30);
        private Duration leakDetectionThreshold = Duration.ZERO;
        private Duration closeTimeout = Duration.ofSeconds(30);
        private boolean metrics;

        private Builder() {
        }

        /** How connections are made. Required. */
        public Builder connection(PgConnectionConfiguration configuration) {
            this.connection = Objects.requireNonNull(configuration, "configuration");
            return this;
        }

        /** The pool's name in metrics and logs. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Connections kept open even when idle (asyncpg {@code min_size}). */
        public Builder minSize(int minSize) {
            this.minSize = minSize;
            return this;
        }

        /** Most connections open at once (asyncpg {@code max_size}). */
        public Builder maxSize(int maxSize) {
            this.maxSize = maxSize;
            return this;
        }

        /** Longest wait for a connection; zero waits forever. */
        public Builder acquireTimeout(Duration timeout) {
            this.acquireTimeout = nonNegative("acquireTimeout", timeout);
            return this;
        }

        /** Most acquirers waiting at once. */
        public Builder maxPendingAcquires(int max) {
            this.maxPendingAcquires = max;
            return this;
        }

        /** Statements after which a connection is retired; 0 never (asyncpg {@code max_queries}). */
        public Builder maxQueries(long max) {
            this.maxQueries = max;
            return this;
        }

        /** Idle time after which a connection above minSize is closed (asyncpg's name); zero never. */
        public Builder maxInactiveConnectionLifetime(Duration lifetime) {
            this.maxInactiveConnectionLifetime = nonNegative("maxInactiveConnectionLifetime", lifetime);
            return this;
        }

        /** Age after which a connection is retired; zero never. */
        public Builder maxLifetime(Duration lifetime) {
            this.maxLifetime = nonNegative("maxLifetime", lifetime);
            return this;
        }

        /** Up to this much is taken off each connection's maxLifetime at random (default a tenth of it). */
        public Builder maxLifetimeJitter(Duration jitter) {
            this.maxLifetimeJitter = nonNegative("maxLifetimeJitter", jitter);
            return this;
        }

        /** The check before a hand-out. */
        public Builder acquireValidation(PgValidation validation) {
            this.acquireValidation = Objects.requireNonNull(validation, "validation");
            return this;
        }

        /** The check of idle connections in the background; {@link PgValidation#NONE} turns it off. */
        public Builder backgroundValidation(PgValidation validation) {
            this.backgroundValidation = Objects.requireNonNull(validation, "validation");
            return this;
        }

        /** Longest validation. */
        public Builder validationTimeout(Duration timeout) {
            this.validationTimeout = positive("validationTimeout", timeout);
            return this;
        }

        /** How often idle connections are checked. */
        public Builder backgroundInterval(Duration interval) {
            this.backgroundInterval = positive("backgroundInterval", interval);
            return this;
        }

        /** Runs once per new physical connection (asyncpg {@code init}). */
        public Builder init(@Nullable Hook hook) {
            this.init = hook;
            return this;
        }

        /** Runs before each hand-out (asyncpg {@code setup}). */
        public Builder setup(@Nullable Hook hook) {
            this.setup = hook;
            return this;
        }

        /** Runs on each release (asyncpg {@code reset}); {@code null} restores {@link PgSessionReset#standard()}. */
        public Builder reset(@Nullable Hook hook) {
            this.reset = hook;
            return this;
        }

        /** Longest run of a hook. */
        public Builder hookTimeout(Duration timeout) {
            this.hookTimeout = positive("hookTimeout", timeout);
            return this;
        }

        /** Logs connections held longer than this with their acquisition stack; zero is off. */
        public Builder leakDetectionThreshold(Duration threshold) {
            this.leakDetectionThreshold = nonNegative("leakDetectionThreshold", threshold);
            return this;
        }

        /** How long {@link PgPool#close()} waits for borrowed connections. */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = nonNegative("closeTimeout", timeout);
            return this;
        }

        /** Registers the pool's meters with Micrometer's global registry (Micrometer must be on the class path). */
        public Builder metrics(boolean enabled) {
            this.metrics = enabled;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @throws IllegalArgumentException when the connection configuration is missing or the sizes are
         *     inconsistent
         */
        public PgPoolConfiguration build() {
            if (connection == null) {
                throw new IllegalArgumentException("A connection configuration is required");
            }
            if (maxSize < 1) {
                throw new IllegalArgumentException("maxSize must be at least 1, was " + maxSize);
            }
            if (minSize < 0 || minSize > maxSize) {
                throw new IllegalArgumentException("minSize must be between 0 and maxSize (" + maxSize + "), was " + minSize);
            }
            if (maxPendingAcquires < 0) {
                throw new IllegalArgumentException("maxPendingAcquires must not be negative, was " + maxPendingAcquires);
            }
            if (maxQueries < 0) {
                throw new IllegalArgumentException("maxQueries must not be negative, was " + maxQueries);
            }
            if (maxLifetimeJitter != null && maxLifetimeJitter.compareTo(maxLifetime) > 0) {
                throw new IllegalArgumentException("maxLifetimeJitter (" + maxLifetimeJitter
                        + ") must not exceed maxLifetime (" + maxLifetime + ")");
            }
            return new PgPoolConfiguration(this);
        }

        private static Duration nonNegative(String what, Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be null or negative, was " + d);
            }
            return d;
        }

        private static Duration positive(String what, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
            return d;
        }
    }
}
