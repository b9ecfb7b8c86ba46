package dev.r2dbcpg.pool;

import dev.r2dbcpg.core.PgConnection;
import dev.r2dbcpg.core.PgConnectionFactory;
import dev.r2dbcpg.core.config.PgConnectionConfiguration;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.pool.PooledRefMetadata;

/**
 * The birth and death of physical connections: reactor-pool's allocator, eviction predicate and destroy
 * handler. It keeps the set of live connections (for {@link PgPool#terminate()}), the count that keeps
 * {@code minSize} warm, and the generation that {@link PgPool#expireConnections()} advances.
 */
final class SlotLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SlotLifecycle.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final PgPoolConfiguration config;
    private final PoolStats stats;
    private final AtomicReference<PgConnectionFactory> factory;
    private final AtomicInteger generation = new AtomicInteger();
    /** Connections open and not yet chosen to leave; idle eviction never takes this below minSize. */
    private final AtomicInteger live = new AtomicInteger();
    private final Set<Slot> slots = ConcurrentHashMap.newKeySet();
    private final PhysicalPermits permits;
    private final long maxInactiveMillis;
    private volatile boolean closing;
    private volatile Runnable onDestroyed = () -> { };

    SlotLifecycle(PgPoolConfiguration config, PoolStats stats) {
        this.config = config;
        this.stats = stats;
        this.factory = new AtomicReference<>(PgConnectionFactory.create(config.connection()));
        this.maxInactiveMillis = config.maxInactiveConnectionLifetime().toMillis();
        this.permits = new PhysicalPermits(config.maxSize());
    }

    void onDestroyed(Runnable action) {
        this.onDestroyed = action;
    }

    PgConnectionFactory factory() {
        return factory.get();
    }

    void configuration(PgConnectionConfiguration configuration) {
        // The codecs registered on the old factory keep applying.
        factory.set(PgConnectionFactory.create(configuration, factory.get().codecs()));
    }

    void expire() {
        generation.incrementAndGet();
    }

    /** From now on every connection retires when it is next released or seen idle. */
    void closing() {
        closing = true;
    }

    int physicalConnections() {
        return permits.held();
    }

    List<Slot> slots() {
        return List.copyOf(slots);
    }

    /**
     * Opens a connection and runs the init hook. Subscribed on the parallel scheduler so that a connect
     * never runs on the event loop of the connection whose release triggered it: with colocated event loops
     * (a Reactor Netty option) the new channel would join that loop instead of the next one.
     */
    Mono<Slot> allocate() {
        return Mono.defer(() -> {
            int gen = generation.get();
            PhysicalPermits.Permit permit = permits.permit();
            return permit.acquire()
                    .then(Mono.defer(() -> factory.get().create()))
                    .flatMap(connection -> init(connection)
                            .then(Mono.fromCallable(() -> newSlot(connection, gen, permit)))
                            .onErrorResume(e -> connection.close().onErrorResume(x -> Mono.empty()).then(Mono.error(e))))
                    .doFinally(signal -> permit.abandon());
        }).subscribeOn(Schedulers.parallel());
    }

    private Mono<Void> init(PgConnection connection) {
        PgPoolConfiguration.Hook hook = config.init();
        return hook == null ? Mono.empty() : runHook("init", hook, connection, config.hookTimeout());
    }

    private Slot newSlot(PgConnection connection, int gen, PhysicalPermits.Permit permit) {
        long lifetime = Long.MAX_VALUE;
        if (!config.maxLifetime().isZero()) {
            long jitter = config.maxLifetimeJitter().toNanos();
            lifetime = config.maxLifetime().toNanos() - (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(jitter + 1));
        }
        permit.transfer();
        Slot slot = new Slot(connection, System.nanoTime(), lifetime, gen, permit);
        slots.add(slot);
        live.incrementAndGet();
        stats.created.increment();
        return slot;
    }

    /** reactor-pool's eviction predicate: tested on release, before an idle connection is handed out, and in the background. */
    boolean shouldRetire(Slot slot, PooledRefMetadata metadata) {
        if (slot.broken || !slot.isOpen()) {
            slot.broken = true;
            return true;
        }
        if (closing || slot.generation != generation.get()) {
            return true;
        }
        if (config.maxQueries() > 0 && slot.queries() >= config.maxQueries()) {
            return true;
        }
        if (System.nanoTime() - slot.createdNanos >= slot.lifetimeNanos) {
            return true;
        }
        return maxInactiveMillis > 0 && metadata.idleTime() >= maxInactiveMillis && reserveIdleEviction(slot);
    }

    /** Claims the idle connection for eviction unless that would leave fewer than minSize. */
    private boolean reserveIdleEviction(Slot slot) {
        if (slot.retiring.get()) {
            return true;
        }
        while (true) {
            int n = live.get();
            if (n <= config.minSize()) {
                return false;
            }
            if (live.compareAndSet(n, n - 1)) {
                if (!slot.retiring.compareAndSet(false, true)) {
                    live.incrementAndGet();
                }
                return true;
            }
        }
    }

    /** reactor-pool's destroy handler: closes the connection and counts it. */
    Publisher<Void> destroy(Slot slot) {
        if (slot.retiring.compareAndSet(false, true)) {
            live.decrementAndGet();
        }
        if (slots.remove(slot)) {
            (slot.broken ? stats.destroyed : stats.closed).increment();
            LOG.debug("Pool '{}' {} {}", config.name(), slot.broken ? "destroys failed" : "retires", slot);
        }
        return slot.connection.close()
                .timeout(CLOSE_TIMEOUT)
                .onErrorResume(e -> Mono.empty())
                .doFinally(signal -> {
                    slot.permit.close();
                    onDestroyed.run();
                });
    }

    /** Runs a hook bounded by {@code timeout}; its failure becomes an exception naming the hook and the connection. */
    static Mono<Void> runHook(String name, PgPoolConfiguration.Hook hook, PgConnection connection, Duration timeout) {
        return Mono.defer(() -> {
                    Publisher<?> run = hook.apply(connection);
                    return run instanceof Mono<?> mono ? mono.then() : Flux.from(run).then();
                })
                .timeout(timeout)
                .onErrorMap(e -> new R2dbcNonTransientResourceException("The " + name + " hook failed on " + connection
                        + (e instanceof java.util.concurrent.TimeoutException ? ": no answer within " + timeout
                        : ": " + e.getMessage()) + "; the connection was destroyed", e));
    }
}
