package dev.r2dbcpg.pool;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import reactor.core.Disposable;

/**
 * Publishes a {@link PgPool}'s metrics to Micrometer. Needs {@code io.micrometer:micrometer-core} on the
 * class path (the pool declares it optional); this is the only class that touches it, and it is loaded only
 * when called.
 *
 * <p>Meters, each tagged {@code pool=<name>}: gauges {@code r2dbc.pg.pool.size}, {@code .idle},
 * {@code .acquired}, {@code .pending}, {@code .max}; counters {@code r2dbc.pg.pool.created},
 * {@code .closed}, {@code .destroyed}; timer {@code r2dbc.pg.pool.acquire} with a percentile histogram.
 */
public final class PgPoolMicrometer {

    private PgPoolMicrometer() {
    }

    /**
     * Registers {@code pool}'s meters with {@code registry}.
     *
     * @return disposing it removes the meters (the acquire timer stops receiving samples)
     */
    public static Disposable bind(PgPool pool, MeterRegistry registry) {
        Tags tags = Tags.of("pool", pool.configuration().name());
        List<Meter> meters = List.of(
                gauge(registry, pool, "size", "Connections open", tags, m -> m.size()),
                gauge(registry, pool, "idle", "Connections open and not in use", tags, m -> m.idle()),
                gauge(registry, pool, "acquired", "Connections in use", tags, m -> m.acquired()),
                gauge(registry, pool, "pending", "Acquirers waiting", tags, m -> m.pending()),
                gauge(registry, pool, "max", "Most connections allowed", tags, m -> m.maxSize()),
                counter(registry, pool, "created", "Connections opened", tags, m -> m.created()),
                counter(registry, pool, "closed", "Connections retired by policy", tags, m -> m.closed()),
                counter(registry, pool, "destroyed", "Connections closed after a failure", tags, m -> m.destroyed()));
        Timer acquire = Timer.builder("r2dbc.pg.pool.acquire").description("Time to acquire a connection")
                .tags(tags).publishPercentileHistogram().register(registry);
        AtomicBoolean active = new AtomicBoolean(true);
        pool.stats().addAcquireListener(nanos -> {
            if (active.get()) {
                acquire.record(nanos, TimeUnit.NANOSECONDS);
            }
        });
        return () -> {
            active.set(false);
            meters.forEach(registry::remove);
            registry.remove(acquire);
        };
    }

    /** Registers with {@link Metrics#globalRegistry} (which Spring Boot feeds by default). */
    static Disposable bindGlobal(PgPool pool) {
        return bind(pool, Metrics.globalRegistry);
    }

    private static Meter gauge(MeterRegistry registry, PgPool pool, String name, String description, Tags tags,
                               ToDoubleFunction<PgPoolMetrics> value) {
        return Gauge.builder("r2dbc.pg.pool." + name, pool, p -> value.applyAsDouble(p.metrics()))
                .description(description).tags(tags).register(registry);
    }

    private static Meter counter(MeterRegistry registry, PgPool pool, String name, String description, Tags tags,
                                 ToDoubleFunction<PgPoolMetrics> value) {
        return FunctionCounter.builder("r2dbc.pg.pool." + name, pool, p -> value.applyAsDouble(p.metrics()))
                .description(description).tags(tags).register(registry);
    }
}
