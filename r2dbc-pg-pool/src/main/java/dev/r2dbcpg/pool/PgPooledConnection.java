package dev.r2dbcpg.pool;

import dev.r2dbcpg.core.PgConnection;
import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.pool.PooledRef;

/**
 * A connection borrowed from a {@link PgPool}. {@link #close()} gives it back: an open transaction is
 * rolled back, the reset hook runs (the default one only when this borrow sent the server something or was
 * {@link #unwrap() unwrapped}), and the connection returns to the pool (or is destroyed when the
 * reset fails or a retirement rule applies). After {@code close()} every method but {@code close()}
 * throws {@link IllegalStateException}. {@link #unwrap()} gives the physical {@link PgConnection}; do
 * not close that one.
 */
public final class PgPooledConnection implements Connection, Wrapped<PgConnection> {

    private final PgPool pool;
    private final PooledRef<Slot> ref;
    private final Slot slot;
    private final AtomicBoolean released = new AtomicBoolean();
    /**
     * Whether this borrow may have sent the server anything: set by every method that can (statements,
     * transactions, session settings, a remote validation) and by {@link #unwrap()}, which gives all of that
     * away. An untouched connection goes back without the default reset.
     */
    private volatile boolean touched;
    private volatile @Nullable Disposable leakCheck;

    PgPooledConnection(PgPool pool, PooledRef<Slot> ref) {
        this.pool = pool;
        this.ref = ref;
        this.slot = ref.poolable();
    }

    PooledRef<Slot> ref() {
        return ref;
    }

    Slot slot() {
        return slot;
    }

    void leakCheck(Disposable check) {
        this.leakCheck = check;
    }

    /** Marks this borrow over; true only the first time. Stops the leak check. */
    boolean markReleased() {
        if (!released.compareAndSet(false, true)) {
            return false;
        }
        Disposable check = leakCheck;
        if (check != null) {
            check.dispose();
        }
        return true;
    }

    /** Whether this borrow may have changed the session (see {@link #touched}). */
    boolean touched() {
        return touched;
    }

    private PgConnection connection() {
        if (released.get()) {
            throw new IllegalStateException("This connection has been released to the pool");
        }
        return slot.connection;
    }

    /** The physical connection, for a call that may send the server something. */
    private PgConnection touch() {
        PgConnection c = connection();
        touched = true;
        return c;
    }

    /** The physical connection. Do not close it: close this object to release it. */
    @Override
    public PgConnection unwrap() {
        return touch();
    }

    @Override
    public Statement createStatement(String sql) {
        return new PooledStatement(touch().createStatement(sql), slot);
    }

    @Override
    public Batch createBatch() {
        return new PooledBatch(touch().createBatch(), slot);
    }

    @Override
    public Mono<Void> beginTransaction() {
        return touch().beginTransaction();
    }

    @Override
    public Mono<Void> beginTransaction(TransactionDefinition definition) {
        return touch().beginTransaction(definition);
    }

    @Override
    public Mono<Void> commitTransaction() {
        return touch().commitTransaction();
    }

    @Override
    public Mono<Void> rollbackTransaction() {
        return touch().rollbackTransaction();
    }

    @Override
    public Mono<Void> createSavepoint(String name) {
        return touch().createSavepoint(name);
    }

    @Override
    public Mono<Void> releaseSavepoint(String name) {
        return touch().releaseSavepoint(name);
    }

    @Override
    public Mono<Void> rollbackTransactionToSavepoint(String name) {
        return touch().rollbackTransactionToSavepoint(name);
    }

    @Override
    public boolean isAutoCommit() {
        return connection().isAutoCommit();
    }

    @Override
    public Mono<Void> setAutoCommit(boolean autoCommit) {
        return touch().setAutoCommit(autoCommit);
    }

    @Override
    public IsolationLevel getTransactionIsolationLevel() {
        return connection().getTransactionIsolationLevel();
    }

    @Override
    public Mono<Void> setTransactionIsolationLevel(IsolationLevel level) {
        return touch().setTransactionIsolationLevel(level);
    }

    @Override
    public Mono<Void> setLockWaitTimeout(Duration timeout) {
        return touch().setLockWaitTimeout(timeout);
    }

    @Override
    public Mono<Void> setStatementTimeout(Duration timeout) {
        return touch().setStatementTimeout(timeout);
    }

    @Override
    public Mono<Boolean> validate(ValidationDepth depth) {
        return (depth == ValidationDepth.LOCAL ? connection() : touch()).validate(depth);
    }

    @Override
    public ConnectionMetadata getMetadata() {
        return connection().getMetadata();
    }

    /**
     * Releases the connection to the pool; completes once it is back (or destroyed). Idempotent. The
     * release runs to its end even if the returned {@code Mono} is cancelled.
     */
    @Override
    public Mono<Void> close() {
        return Mono.defer(() -> pool.release(this));
    }

    @Override
    public String toString() {
        return "PgPooledConnection[" + slot + (released.get() ? ", released]" : "]");
    }
}
