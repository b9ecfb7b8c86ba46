package dev.r2dbcpg.pool;

import java.time.Duration;
import java.util.List;

/**
 * A snapshot of a {@link PgPool}'s state and counters, from {@link PgPool#metrics()}. Sizes are read one
 * after another, not atomically together.
 *
 * @param size connections open (idle and acquired)
 * @param idle connections open and not in use
 * @param acquired connections in use
 * @param pending acquirers waiting for a connection
 * @param maxSize the configured maximum
 * @param created physical connections opened since the pool started
 * @param closed connections closed by policy (maxQueries, lifetimes, expiry, pool close)
 * @param destroyed connections closed because they failed (validation, a hook, a dead backend)
 * @param acquireTimes how long successful acquisitions took, from request to hand-out
 */
public record PgPoolMetrics(int size, int idle, int acquired, int pending, int maxSize,
                            long created, long closed, long destroyed, AcquireTimes acquireTimes) {

    /** The upper bounds of the acquire-time histogram buckets; a last bucket holds everything longer. */
    public static final List<Duration> BUCKETS = List.of(Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10));

    /**
     * The acquire-time histogram.
     *
     * @param count successful acquisitions
     * @param total their summed time
     * @param max the longest
     * @param buckets {@code buckets.get(i)} counts acquisitions that took at most {@code BUCKETS.get(i)} and
     *     more than the bound before it; the last element (index {@code BUCKETS.size()}) counts the rest
     */
    public record AcquireTimes(long count, Duration total, Duration max, List<Long> buckets) {
    }
}
