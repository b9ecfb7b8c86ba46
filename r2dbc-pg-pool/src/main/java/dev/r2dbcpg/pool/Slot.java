package dev.r2dbcpg.pool;

import dev.r2dbcpg.core.PgConnection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One physical connection as the pool sees it: what reactor-pool holds. It carries what the retirement
 * rules need (age with jitter, statements run, the generation it was made in) and why it left the pool.
 */
final class Slot {

    final PgConnection connection;
    final long createdNanos;
    /** This connection's maxLifetime after jitter, in nanoseconds; {@code Long.MAX_VALUE} for none. */
    final long lifetimeNanos;
    /** The pool's generation at creation: {@code PgPool.expireConnections()} makes older ones retire. */
    final int generation;
    private final AtomicLong queries = new AtomicLong();
    /** Set once the connection is leaving the pool, so that it is counted out exactly once. */
    final AtomicBoolean retiring = new AtomicBoolean();
    /** Set when the connection failed (validation, a hook, a dead socket) rather than retired by policy. */
    volatile boolean broken;

    /** Held from connect to close: {@link PhysicalPermits}. */
    final PhysicalPermits.Permit permit;

    Slot(PgConnection connection, long createdNanos, long lifetimeNanos, int generation, PhysicalPermits.Permit permit) {
        this.connection = connection;
        this.permit = permit;
        this.createdNanos = createdNanos;
        this.lifetimeNanos = lifetimeNanos;
        this.generation = generation;
    }

    void countQuery() {
        queries.incrementAndGet();
    }

    long queries() {
        return queries.get();
    }

    /** Whether the socket is open. */
    boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public String toString() {
        return connection.toString();
    }
}
