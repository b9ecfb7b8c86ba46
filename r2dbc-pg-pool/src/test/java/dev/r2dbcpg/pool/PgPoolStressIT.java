package dev.r2dbcpg.pool;

import static dev.r2dbcpg.pool.PoolTesting.eventually;
import static dev.r2dbcpg.pool.PoolTesting.query;
import static dev.r2dbcpg.pool.PoolTesting.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.core.PgConnectionFactory;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.R2dbcException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * 2,000 concurrent acquirers on ten connections, a tenth of them cancelled while waiting, a tenth cancelled
 * while using the connection, a fifth failing. Afterwards nothing is borrowed or leaked, and there were never
 * more than ten connections.
 */
@ExtendWith(PostgresExtension.class)
class PgPoolStressIT {

    private static final int ACQUIRERS = 2_000;
    private static final int MAX_SIZE = 10;
    private static final Duration WAIT = Duration.ofSeconds(60);

    enum Outcome { OK, FAILED, CANCELLED }

    private PgPool pool;

    @Test
    void twoThousandAcquirersWithCancellationsAndErrorsLeaveEveryConnectionIdle(PostgresServer server) {
        String app = uniqueName("stress");
        pool = PgPool.create(PgPoolConfiguration.builder().connection(PoolTesting.cheapConnection(server, app))
                .maxSize(MAX_SIZE).acquireTimeout(Duration.ofSeconds(50))
                .acquireValidation(PgValidation.REMOTE).build());
        try {
            AtomicInteger maxPhysical = new AtomicInteger();
            Map<Outcome, Long> outcomes = run(true, () -> maxPhysical.accumulateAndGet(
                    pool.physicalConnections(), Math::max));

            // Every plain use succeeded, every failing one failed with its own error; the rest were cancelled.
            assertThat(outcomes.get(Outcome.OK)).isEqualTo(ACQUIRERS * 6 / 10);
            assertThat(outcomes.get(Outcome.FAILED)).isEqualTo(ACQUIRERS * 2 / 10);
            assertThat(outcomes.get(Outcome.CANCELLED)).isEqualTo(ACQUIRERS * 2 / 10);
            assertThat(maxPhysical.get()).isBetween(1, MAX_SIZE);
            assertAllIdleAndAccountedFor(PoolTesting.monitor(server), app);
        } finally {
            pool.terminate().block(WAIT);
        }
    }

    /**
     * Without cancellations mid-use no connection is replaced, so the server's own count is exact (a replaced
     * connection's backend lingers in pg_stat_activity for a moment after the driver has closed it).
     */
    @Test
    void serverNeverSeesMoreThanMaxSizeBackends(PostgresServer server) {
        String app = uniqueName("stress-server");
        PgConnectionFactory monitor = PoolTesting.monitor(server);
        pool = PgPool.create(PgPoolConfiguration.builder().connection(PoolTesting.cheapConnection(server, app))
                .maxSize(MAX_SIZE).acquireTimeout(Duration.ofSeconds(50)).build());
        try {
            AtomicLong maxBackends = new AtomicLong();
            Sinks.Empty<Void> done = Sinks.empty();
            Mono<Void> watch = Flux.interval(Duration.ZERO, Duration.ofMillis(10))
                    .onBackpressureDrop()
                    .concatMap(t -> PoolTesting.backends(monitor, app))
                    .doOnNext(n -> maxBackends.accumulateAndGet(n, Math::max))
                    .takeUntilOther(done.asMono().then(Mono.just(1)))
                    .then();
            Mono<Map<Outcome, Long>> work = Mono.fromCallable(() -> run(false, () -> { }))
                    .subscribeOn(Schedulers.boundedElastic())
                    .doFinally(signal -> done.tryEmitEmpty());
            Map<Outcome, Long> outcomes = Mono.zip(work, watch.thenReturn(true)).map(t -> t.getT1()).block(WAIT);
            assertThat(outcomes.get(Outcome.OK)).isEqualTo(ACQUIRERS * 7 / 10);
            assertThat(maxBackends.get()).isBetween(1L, (long) MAX_SIZE);
            assertAllIdleAndAccountedFor(monitor, app);
        } finally {
            pool.terminate().block(WAIT);
        }
    }

    private Map<Outcome, Long> run(boolean cancelMidUse, Runnable sample) {
        return Flux.range(0, ACQUIRERS)
                .flatMap(i -> acquirer(i, cancelMidUse).doOnNext(o -> sample.run()), ACQUIRERS)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .block(WAIT);
    }

    private void assertAllIdleAndAccountedFor(PgConnectionFactory monitor, String app) {
        eventually(WAIT, () -> {
            PgPoolMetrics m = pool.metrics();
            return m.acquired() == 0 && m.pending() == 0 && m.idle() == m.size();
        });
        PgPoolMetrics m = pool.metrics();
        assertThat(m.size()).isBetween(1, MAX_SIZE);
        assertThat(m.created() - m.closed() - m.destroyed()).as("connections unaccounted for").isEqualTo(m.size());
        PoolTesting.eventuallyBackends(monitor, app, m.size(), WAIT);
        // And the pool still serves.
        pool.withConnection(c -> query(c, "SELECT 'after'", String.class))
                .as(StepVerifier::create).expectNext("after").expectComplete().verify(WAIT);
    }

    private Mono<Outcome> acquirer(int i, boolean cancelMidUse) {
        return switch (i % 10) {
            // Fails inside the connection: a server error mid-result (which must not leave a stray cancel
            // behind for the connection's next user).
            case 0 -> use(c -> query(c, "SELECT 1/0", Integer.class));
            case 1 -> use(c -> {
                throw new IllegalStateException("user code failed");
            });
            // Cancelled while waiting for a connection.
            case 2 -> use(c -> query(c, "SELECT 1", Integer.class)).timeout(Duration.ofMillis(1 + i % 7), Mono.just(Outcome.CANCELLED));
            // Cancelled while using it: mid-query, a little after the hand-out.
            case 3 -> cancelMidUse ? cancelledWhileUsing(i) : use(c -> query(c, "SELECT 3", Integer.class));
            default -> use(c -> Flux.from(c.createStatement("SELECT $1::int").bind(0, i).execute())
                    .flatMap(r -> r.map((row, meta) -> row.get(0, Integer.class)))
                    .concatWith(Flux.from(c.createStatement("SELECT pg_sleep(0.001)").execute())
                            .flatMap(r -> r.getRowsUpdated()).then(Mono.empty())));
        };
    }

    private Mono<Outcome> use(Function<PgPooledConnection, Flux<? extends Object>> body) {
        return pool.<Object>withConnection(c -> body.apply(c).cast(Object.class)).then(Mono.just(Outcome.OK))
                .onErrorResume(e -> e instanceof R2dbcException || e instanceof IllegalStateException,
                        e -> Mono.just(Outcome.FAILED));
    }

    private Mono<Outcome> cancelledWhileUsing(int i) {
        Sinks.Empty<Void> handedOut = Sinks.empty();
        return pool.withConnection(c -> {
                    handedOut.tryEmitEmpty();
                    return query(c, "SELECT pg_sleep(0.05)", String.class);
                })
                .takeUntilOther(handedOut.asMono().then(Mono.delay(Duration.ofMillis(i % 3))))
                .then(Mono.just(Outcome.CANCELLED));
    }
}
