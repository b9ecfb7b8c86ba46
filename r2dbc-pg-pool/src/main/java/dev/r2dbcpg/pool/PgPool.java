package dev.r2dbcpg.pool;

import dev.r2dbcpg.core.PgConnection;
import dev.r2dbcpg.core.PgConnectionFactory;
import dev.r2dbcpg.core.config.PgConnectionConfiguration;
import io.r2dbc.spi.Closeable;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.pool.InstrumentedPool;
import reactor.pool.PoolAcquirePendingLimitException;
import reactor.pool.PoolAcquireTimeoutException;
import reactor.pool.PoolBuilder;
import reactor.pool.PooledRef;

/**
 * A pool of PostgreSQL connections that is itself an R2DBC {@link ConnectionFactory}: {@link #create()}
 * borrows a {@link PgPooledConnection} and its {@code close()} gives it back. Built on reactor-pool;
 * the policy around it follows asyncpg's pool.
 *
 * <p>Acquirers are served first come, first served. A connection that has been used before is checked
 * ({@link PgPoolConfiguration#acquireValidation()}) before it is handed out; one that fails is destroyed
 * and another is tried. The {@code setup} hook runs before each hand-out, the {@code reset} hook on each
 * release; a failing hook destroys the connection and the caller gets the error. Connections retire
 * after {@code maxQueries} statements, after {@code maxLifetime} (with jitter), after
 * {@code maxInactiveConnectionLifetime} idle (never below {@code minSize}), and after
 * {@link #expireConnections()}; a borrowed connection retires when it is released, never under its user.
 *
 * <p>Thread-safe. Every method returns at once; the work happens on subscription.
 */
public final class PgPool implements ConnectionFactory, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(PgPool.class);

    private final PgPoolConfiguration config;
    private final PoolStats stats = new PoolStats();
    private final SlotLifecycle lifecycle;
    private final InstrumentedPool<Slot> pool;
    private final Disposable background;
    private final Disposable meters;
    private volatile boolean closed;
    /** Where leak reports go; tests replace it. */
    volatile Consumer<Throwable> leakReporter = where -> LOG.warn(where.getMessage(), where);

    private PgPool(PgPoolConfiguration config) {
        this.config = config;
        this.lifecycle = new SlotLifecycle(config, stats);
        this.pool = PoolBuilder.from(lifecycle.allocate())
                .sizeBetween(config.minSize(), config.maxSize())
                .maxPendingAcquire(config.maxPendingAcquires())
                .evictionPredicate(lifecycle::shouldRetire)
                .destroyHandler(lifecycle::destroy)
                .evictInBackground(config.backgroundInterval(), Schedulers.parallel())
                .idleResourceReuseMruOrder()
                .buildPool();
        lifecycle.onDestroyed(this::replenish);
        this.background = Flux.interval(config.backgroundInterval(), Schedulers.parallel())
                .onBackpressureDrop()
                .concatMap(tick -> backgroundCheck().onErrorResume(e -> Mono.empty()), 1)
                .subscribe();
        this.meters = config.metrics() ? PgPoolMicrometer.bindGlobal(this) : () -> { };
    }

    /** A pool with the given settings. Opens no connection until the first acquire or {@link #warmup()}. */
    public static PgPool create(PgPoolConfiguration configuration) {
        if (configuration == null) {
            throw new IllegalArgumentException("Configuration must not be null");
        }
        return new PgPool(configuration);
    }

    /** The settings this pool was built with. */
    public PgPoolConfiguration configuration() {
        return config;
    }

    // ---------------------------------------------------------------- acquire and release

    /**
     * Borrows a connection. Fails with {@link R2dbcTimeoutException} when none frees up within
     * {@code acquireTimeout}, with {@link R2dbcTransientResourceException} when {@code maxPendingAcquires}
     * acquirers already wait, with {@link R2dbcNonTransientResourceException} when the pool is closed or a
     * hook fails, and with the driver's error when a new connection cannot be opened. Cancelling gives
     * back whatever was obtained.
     */
    @Override
    public Mono<PgPooledConnection> create() {
        // The caller's stack, for the leak report: taken here, where the caller asks, not where the
        // acquisition completes (some event loop).
        @Nullable Throwable caller = config.leakDetectionThreshold().isZero() ? null
                : new Throwable("Connection from pool '" + config.name() + "' held for more than "
                        + config.leakDetectionThreshold() + "; acquired at:");
        return Mono.defer(() -> {
            if (closed) {
                return Mono.error(new R2dbcNonTransientResourceException("Pool '" + config.name() + "' is closed"));
            }
            long start = System.nanoTime();
            return acquire(1).doOnNext(connection -> {
                stats.recordAcquire(System.nanoTime() - start);
                if (caller != null) {
                    connection.leakCheck(Schedulers.parallel().schedule(() -> leakReporter.accept(caller),
                            config.leakDetectionThreshold().toNanos(), TimeUnit.NANOSECONDS));
                }
            });
        });
    }

    private Mono<PgPooledConnection> acquire(int attempt) {
        Duration timeout = config.acquireTimeout();
        Mono<PooledRef<Slot>> borrow = timeout.isZero() ? pool.acquire() : pool.acquire(timeout);
        return borrow.onErrorMap(this::acquireError)
                .flatMap(ref -> prepare(new PgPooledConnection(this, ref)))
                .onErrorResume(InvalidConnection.class, e -> {
                    if (attempt <= config.maxSize()) {
                        return acquire(attempt + 1);
                    }
                    return Mono.error(new R2dbcNonTransientResourceException("Pool '" + config.name() + "' found no valid "
                            + "connection in " + attempt + " attempts; the last failed " + config.acquireValidation()
                            + " validation"));
                });
    }

    /** Validates (unless the connection is new) and runs the setup hook. */
    private Mono<PgPooledConnection> prepare(PgPooledConnection connection) {
        Slot slot = connection.slot();
        boolean fresh = connection.ref().metadata().acquireCount() <= 1;
        Mono<Void> validation = fresh || config.acquireValidation() == PgValidation.NONE ? Mono.empty()
                : config.acquireValidation().check(slot.connection)
                        .timeout(config.validationTimeout(), Mono.just(false))
                        .flatMap(valid -> valid ? Mono.<Void>empty()
                                : discard(connection).then(Mono.error(new InvalidConnection())));
        PgPoolConfiguration.Hook setup = config.setup();
        Mono<Void> setupHook = setup == null ? Mono.empty()
                : SlotLifecycle.runHook("setup", setup, slot.connection, config.hookTimeout())
                        .onErrorResume(e -> discard(connection).then(Mono.error(e)));
        return validation.then(setupHook)
                .thenReturn(connection)
                // Cancelled half-way through a check: the connection's state is unknown, so it goes.
                .doOnCancel(() -> discard(connection).subscribe());
    }

    private Throwable acquireError(Throwable e) {
        if (e instanceof PoolAcquireTimeoutException) {
            var m = pool.metrics();
            return new R2dbcTimeoutException("No connection from pool '" + config.name() + "' within acquireTimeout "
                    + config.acquireTimeout() + " (maxSize " + config.maxSize() + ", " + m.acquiredSize() + " in use, "
                    + m.pendingAcquireSize() + " waiting)", e);
        }
        if (e instanceof PoolAcquirePendingLimitException) {
            return new R2dbcTransientResourceException("Pool '" + config.name() + "' already has "
                    + config.maxPendingAcquires() + " acquirers waiting (maxPendingAcquires)", e);
        }
        if (closed && !(e instanceof io.r2dbc.spi.R2dbcException)) {
            return new R2dbcNonTransientResourceException("Pool '" + config.name() + "' is closed", e);
        }
        return e;
    }

    /** Destroys a borrowed connection (it failed a check or a hook). */
    private Mono<Void> discard(PgPooledConnection connection) {
        if (!connection.markReleased()) {
            return Mono.empty();
        }
        connection.slot().broken = true;
        return connection.ref().invalidate();
    }

    /** Rolls back, resets and gives the connection back; destroys it when any step fails. */
    Mono<Void> release(PgPooledConnection connection) {
        if (!connection.markReleased()) {
            return Mono.empty();
        }
        Slot slot = connection.slot();
        PooledRef<Slot> ref = connection.ref();
        Mono<Void> release;
        if (!slot.isOpen()) {
            slot.broken = true;
            release = ref.invalidate();
        } else {
            PgConnection c = slot.connection;
            // Idle and in auto-commit (the usual case): no rollback to send, nothing to assemble for it.
            Mono<Void> rollback = c.isAutoCommit() ? Mono.empty()
                    : Mono.from(c.preRelease()).then(c.setAutoCommit(true));
            Mono<Void> reset = skipReset(connection) ? Mono.empty()
                    : SlotLifecycle.runHook("reset", config.reset(), c, config.hookTimeout());
            release = rollback.then(reset)
                    .then(Mono.defer(ref::release))
                    .onErrorResume(e -> {
                        LOG.warn("Pool '{}': {}", config.name(), e.getMessage());
                        slot.broken = true;
                        return ref.invalidate();
                    });
        }
        // Detached: a cancelled close() must not strand the connection half-way back.
        return Mono.fromFuture(release.onErrorResume(e -> Mono.empty()).toFuture(), true);
    }

    /**
     * The reset is skipped for {@link PgSessionReset#none()}, and the default one also when nothing can have
     * changed the session since its last reset (or its start): the borrower sent nothing through it (no
     * statement, no transaction call, no {@code unwrap()}) and the pool ran no SQL of the user's on it (no
     * {@code init} or {@code setup} hook, no validation query). A custom reset always runs: it may do more
     * than clean the session.
     */
    private boolean skipReset(PgPooledConnection connection) {
        PgPoolConfiguration.Hook reset = config.reset();
        if (PgSessionReset.isNone(reset)) {
            return true;
        }
        return reset == PgSessionReset.standard() && !connection.touched() && config.init() == null
                && config.setup() == null && !config.acquireValidation().runsUserSql();
    }

    /**
     * Runs {@code function} with a borrowed connection and gives it back when the function's publisher
     * terminates or errors. When the subscriber cancels, the connection is closed instead of reused: a query
     * cancelled half-way sends a CancelRequest that the server may apply to whatever the connection runs
     * next.
     */
    public <T> Flux<T> withConnection(Function<? super PgPooledConnection, ? extends Publisher<T>> function) {
        return Flux.usingWhen(create(), function, PgPooledConnection::close, (c, e) -> c.close(), this::retire);
    }

    /** Closes a borrowed connection instead of giving it back (by policy, not failure). */
    private Mono<Void> retire(PgPooledConnection connection) {
        if (!connection.markReleased()) {
            return Mono.empty();
        }
        return Mono.fromFuture(connection.ref().invalidate().onErrorResume(e -> Mono.empty()).toFuture(), true);
    }

    /**
     * As {@link #withConnection}, inside a transaction: committed when the function's publisher completes,
     * rolled back when it errors or is cancelled.
     */
    public <T> Flux<T> withTransaction(Function<? super PgPooledConnection, ? extends Publisher<T>> function) {
        return withConnection(c -> Flux.usingWhen(c.beginTransaction().thenReturn(c), function,
                Connection::commitTransaction, (x, e) -> x.rollbackTransaction(), Connection::rollbackTransaction));
    }

    // ---------------------------------------------------------------- control

    /** Opens connections until {@code minSize} are open; emits how many were opened. */
    public Mono<Integer> warmup() {
        return pool.warmup();
    }

    /**
     * Replaces every connection: idle ones are closed now, borrowed ones when they are released (after a
     * credential rotation or a failover). Completes when the idle ones are closed.
     */
    public Mono<Void> expireConnections() {
        return Mono.defer(() -> {
            lifecycle.expire();
            return sweepIdle(PooledRef::release).then(Mono.defer(this::replenishNow));
        });
    }

    /**
     * Connections opened from now on use {@code configuration} (asyncpg {@code set_connect_args}); open
     * ones are kept until they retire, so call {@link #expireConnections()} to replace them now. Codecs
     * registered on the previous {@link #connectionFactory()} do not carry over.
     */
    public void setConnectionConfiguration(PgConnectionConfiguration configuration) {
        if (configuration == null) {
            throw new IllegalArgumentException("Configuration must not be null");
        }
        lifecycle.configuration(configuration);
    }

    /** The factory that opens new connections (its codec registry is the one they use). */
    public PgConnectionFactory connectionFactory() {
        return lifecycle.factory();
    }

    /** A snapshot of sizes, counters and the acquire-time histogram. */
    public PgPoolMetrics metrics() {
        var m = pool.metrics();
        return new PgPoolMetrics(m.allocatedSize(), m.idleSize(), m.acquiredSize(), m.pendingAcquireSize(),
                config.maxSize(), stats.created.sum(), stats.closed.sum(), stats.destroyed.sum(), stats.acquireTimes());
    }

    /** Connections open or being opened or closed (at most maxSize, counted from connect to close). */
    int physicalConnections() {
        return lifecycle.physicalConnections();
    }

    PoolStats stats() {
        return stats;
    }

    /**
     * Stops lending, waits up to {@code closeTimeout} for borrowed connections to come back (each is closed
     * as it does), then {@link #terminate() terminates}. Idempotent.
     */
    @Override
    public Mono<Void> close() {
        return Mono.defer(() -> {
            closed = true;
            lifecycle.closing();
            return Flux.interval(Duration.ZERO, Duration.ofMillis(10))
                            .filter(t -> pool.metrics().acquiredSize() == 0)
                            .next()
                            .timeout(config.closeTimeout(), Mono.just(-1L))
                    .then(terminate());
        });
    }

    /** Closes every connection now, borrowed ones included; waiting acquirers fail. Idempotent. */
    public Mono<Void> terminate() {
        return Mono.defer(() -> {
            closed = true;
            lifecycle.closing();
            background.dispose();
            meters.dispose();
            return pool.disposeLater()
                    .then(Flux.fromIterable(lifecycle.slots())
                            .flatMap(slot -> slot.connection.close().onErrorResume(e -> Mono.empty()))
                            .then());
        });
    }

    /** Whether {@link #close()} or {@link #terminate()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    // ---------------------------------------------------------------- background

    private Mono<Void> backgroundCheck() {
        Mono<Void> validation = config.backgroundValidation().isRemote() ? sweepIdle(ref ->
                config.backgroundValidation().check(ref.poolable().connection)
                        .timeout(config.validationTimeout(), Mono.just(false))
                        .flatMap(valid -> {
                            if (valid) {
                                return ref.release();
                            }
                            ref.poolable().broken = true;
                            return ref.invalidate();
                        })) : Mono.empty();
        return validation.then(Mono.defer(this::replenishNow));
    }

    /**
     * Borrows the connections idle at this moment, without the acquire checks, and applies {@code action}
     * (which must release or invalidate). Nothing happens while acquirers wait: they have first claim.
     */
    private Mono<Void> sweepIdle(Function<PooledRef<Slot>, Mono<Void>> action) {
        return Mono.defer(() -> {
            var m = pool.metrics();
            int idle = m.idleSize();
            if (idle == 0 || m.pendingAcquireSize() > 0) {
                return Mono.empty();
            }
            return Flux.range(0, idle)
                    .flatMap(i -> pool.acquire(Duration.ofMillis(1)).onErrorResume(e -> Mono.empty()))
                    .flatMap(action)
                    .then();
        });
    }

    private void replenish() {
        replenishNow().subscribe(null, e -> LOG.debug("Pool '{}' could not reopen connections: {}", config.name(),
                e.getMessage()));
    }

    private Mono<Void> replenishNow() {
        return closed || config.minSize() == 0 ? Mono.empty() : pool.warmup().then();
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return lifecycle.factory().getMetadata();
    }

    @Override
    public String toString() {
        return "PgPool[" + config.name() + ", " + metrics() + "]";
    }

    /** A validation on acquire failed: the connection was destroyed and another is tried. */
    private static final class InvalidConnection extends RuntimeException {
        InvalidConnection() {
            super(null, null, false, false);
        }
    }
}
