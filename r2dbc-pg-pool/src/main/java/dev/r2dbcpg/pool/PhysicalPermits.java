package dev.r2dbcpg.pool;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Counts physical connections from the start of a connect to the end of its close, so that the server never
 * sees more than {@code maxSize} of them. reactor-pool frees a slot as soon as it begins destroying a
 * connection; without this, the replacement's connect would overlap the old connection's close.
 */
final class PhysicalPermits {

    private final int max;
    private final AtomicInteger held = new AtomicInteger();
    private final Queue<Permit> waiters = new ConcurrentLinkedQueue<>();

    PhysicalPermits(int max) {
        this.max = max;
    }

    /** A new claim, not yet waiting. */
    Permit permit() {
        return new Permit();
    }

    int held() {
        return held.get();
    }

    private void release() {
        held.decrementAndGet();
        drain();
    }

    /** Hands free permits to waiters in order. Both a new waiter and a release end here, so no grant is missed. */
    private void drain() {
        while (!waiters.isEmpty()) {
            int n = held.get();
            if (n >= max) {
                return;
            }
            if (!held.compareAndSet(n, n + 1)) {
                continue;
            }
            Permit p = waiters.poll();
            if (p == null || !p.grant()) {
                held.decrementAndGet();
            }
        }
    }

    /**
     * One claim: {@link #acquire()} waits for it; then exactly one of {@link #abandon()} (the connect failed
     * or was cancelled) or {@link #transfer()} followed later by {@link #close()} (the connection was made and
     * later closed) gives it back. Every step is idempotent and safe against the others.
     */
    final class Permit {

        private static final int NEW = 0;
        private static final int WAITING = 1;
        private static final int GRANTED = 2;
        private static final int OWNED_BY_CONNECTION = 3;
        private static final int DONE = 4;

        private final AtomicInteger state = new AtomicInteger(NEW);
        private volatile MonoSink<Void> sink;

        Mono<Void> acquire() {
            return Mono.create(s -> {
                sink = s;
                s.onCancel(this::abandon);
                if (state.compareAndSet(NEW, WAITING)) {
                    waiters.add(this);
                    drain();
                }
            });
        }

        private boolean grant() {
            if (!state.compareAndSet(WAITING, GRANTED)) {
                return false;
            }
            sink.success();
            return true;
        }

        /** The connect did not produce a connection: give back whatever is held. */
        void abandon() {
            while (true) {
                int s = state.get();
                if (s == NEW || s == WAITING) {
                    if (state.compareAndSet(s, DONE)) {
                        waiters.remove(this);
                        return;
                    }
                } else if (s == GRANTED) {
                    if (state.compareAndSet(GRANTED, DONE)) {
                        release();
                        return;
                    }
                } else {
                    return;
                }
            }
        }

        /** The connection now holds the permit until {@link #close()}. */
        void transfer() {
            state.compareAndSet(GRANTED, OWNED_BY_CONNECTION);
        }

        /** The connection is closed. */
        void close() {
            if (state.compareAndSet(OWNED_BY_CONNECTION, DONE)) {
                release();
            }
        }
    }
}
