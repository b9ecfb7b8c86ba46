package dev.r2dbcpg.core;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;

/**
 * What happens to notifications a subscriber does not request in time. The server pushes
 * notifications whenever they are sent, and a LISTEN connection cannot slow the notifiers down, so
 * each subscriber gets its own buffer with one of these policies:
 * <ul>
 *   <li>{@link #bufferThenError(int)}: keep up to {@code capacity} notifications, in order; one more
 *       fails the subscriber's Flux with an {@code R2dbcNonTransientResourceException} (nothing is
 *       ever dropped silently). The default, with a capacity of {@value #DEFAULT_CAPACITY}.</li>
 *   <li>{@link #keepLatest()}: while the subscriber has no demand, keep only the most recent
 *       notification and drop older ones; for "something changed" signals.</li>
 * </ul>
 */
public final class NotificationOverflow {

    /** The capacity of {@link #defaults()}. */
    public static final int DEFAULT_CAPACITY = 65_536;

    private static final NotificationOverflow DEFAULTS = new NotificationOverflow(DEFAULT_CAPACITY);
    private static final NotificationOverflow LATEST = new NotificationOverflow(0);

    /** 0 for keep-latest. */
    private final int capacity;

    private NotificationOverflow(int capacity) {
        this.capacity = capacity;
    }

    /** {@link #bufferThenError(int)} with {@value #DEFAULT_CAPACITY}. */
    public static NotificationOverflow defaults() {
        return DEFAULTS;
    }

    /** Buffers up to {@code capacity} notifications, then fails the subscriber. */
    public static NotificationOverflow bufferThenError(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        return new NotificationOverflow(capacity);
    }

    /** Keeps only the latest notification while the subscriber has no demand. */
    public static NotificationOverflow keepLatest() {
        return LATEST;
    }

    <T> Flux<T> apply(Flux<T> signals) {
        if (capacity == 0) {
            return signals.onBackpressureLatest();
        }
        int max = capacity;
        return signals.onBackpressureBuffer(max).onErrorMap(Exceptions::isOverflow,
                e -> new R2dbcNonTransientResourceException("Notification subscriber too slow: more than " + max
                        + " notifications waiting (NotificationOverflow.bufferThenError)", e));
    }

    @Override
    public String toString() {
        return capacity == 0 ? "keepLatest" : "bufferThenError(" + capacity + ")";
    }
}
