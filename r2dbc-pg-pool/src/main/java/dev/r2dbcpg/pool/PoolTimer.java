package dev.r2dbcpg.pool;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The pool's timeouts (waiting acquirers, hooks): a hashed wheel with 10 ms ticks on one daemon thread shared by
 * every pool. Arming and cancelling are a queue offer each, where Reactor's parallel scheduler takes a lock and
 * reorders a heap; these timers are armed on every release and almost never fire, so that is what counts.
 */
final class PoolTimer {

    private static final HashedWheelTimer WHEEL = new HashedWheelTimer(
            new DefaultThreadFactory("r2dbc-pg-pool-timer", true), 10, TimeUnit.MILLISECONDS);

    static {
        // Starting waits for the worker thread: do it here, in whichever thread first builds a pool, never later
        // on an event loop.
        WHEEL.start();
    }

    private PoolTimer() {
    }

    /** Starts the wheel if no pool did yet: called where a pool is built, so that this never runs on an event loop. */
    static void start() {
        // Class initialisation did it.
    }

    /** Runs {@code task} after {@code delay} (on the timer thread) unless disposed first. */
    static Disposable schedule(Runnable task, Duration delay) {
        Timeout timeout = WHEEL.newTimeout(t -> task.run(), delay.toNanos(), TimeUnit.NANOSECONDS);
        return timeout::cancel;
    }

    /** {@code source}, failing with a {@link java.util.concurrent.TimeoutException} when it takes longer than {@code timeout}. */
    static <T> Mono<T> timeout(Mono<T> source, Duration timeout) {
        return source.timeout(Mono.create(sink -> sink.onCancel(schedule(() -> sink.success(0L), timeout))));
    }
}
