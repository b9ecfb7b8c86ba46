package dev.r2dbcpg.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/** The pool's counters and acquire-time histogram; lock-free. */
final class PoolStats {

    private static final long[] BOUNDS = PgPoolMetrics.BUCKETS.stream().mapToLong(Duration::toNanos).toArray();

    final LongAdder created = new LongAdder();
    final LongAdder closed = new LongAdder();
    final LongAdder destroyed = new LongAdder();
    private final LongAdder acquires = new LongAdder();
    private final LongAdder acquireNanos = new LongAdder();
    private final LongAccumulator acquireMax = new LongAccumulator(Math::max, 0);
    private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS.length + 1);
    /** Micrometer's timer when it is bound; called after every acquisition. */
    private volatile LongConsumer acquireListener = nanos -> { };

    void recordAcquire(long nanos) {
        acquires.increment();
        acquireNanos.add(nanos);
        acquireMax.accumulate(nanos);
        int i = 0;
        while (i < BOUNDS.length && nanos > BOUNDS[i]) {
            i++;
        }
        buckets.incrementAndGet(i);
        acquireListener.accept(nanos);
    }

    /** Adds a listener of acquire times (nanoseconds). */
    synchronized void addAcquireListener(LongConsumer listener) {
        LongConsumer previous = acquireListener;
        acquireListener = previous.andThen(listener);
    }

    PgPoolMetrics.AcquireTimes acquireTimes() {
        List<Long> counts = new ArrayList<>(buckets.length());
        for (int i = 0; i < buckets.length(); i++) {
            counts.add(buckets.get(i));
        }
        return new PgPoolMetrics.AcquireTimes(acquires.sum(), Duration.ofNanos(acquireNanos.sum()),
                Duration.ofNanos(acquireMax.get()), List.copyOf(counts));
    }
}
