package dev.r2dbcpg.pool;

import static dev.r2dbcpg.pool.PoolTesting.collect;
import static dev.r2dbcpg.pool.PoolTesting.eventually;
import static dev.r2dbcpg.pool.PoolTesting.pool;
import static dev.r2dbcpg.pool.PoolTesting.query;
import static dev.r2dbcpg.pool.PoolTesting.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import reactor.core.Disposable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

@ExtendWith(PostgresExtension.class)
class PgPoolIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static PostgresServer server;

    @BeforeAll
    static void server(PostgresServer s) {
        server = s;
    }

    @Test
    void connectionsAreSpreadOverEventLoopsEvenWhenAcquiredFromOne() {
        String app = uniqueName("loops");
        PgPool pool = PgPool.create(pool(server, app).maxSize(8).build());
        try {
            // Acquire all eight from inside a result callback, i.e. on a connection's event loop.
            List<String> threads = collect(Flux.usingWhen(PoolTesting.monitor(server).create(),
                    m -> query(m, "SELECT 1", Integer.class)
                            .flatMap(one -> Flux.range(0, 8).flatMap(i -> pool.create()).collectList())
                            .concatMap(connections -> Flux.fromIterable(connections)
                                    .concatMap(c -> Flux.from(c.createStatement("SELECT 1").execute())
                                            .flatMap(r -> r.map((row, meta) -> Thread.currentThread().getName()))
                                            .concatWith(c.close().then(Mono.empty())))),
                    io.r2dbc.spi.Connection::close), WAIT);
            Set<String> distinct = new HashSet<>(threads);
            assertThat(threads).hasSize(8);
            assertThat(distinct).as("event loops of %s", threads).hasSizeGreaterThan(1);
        } finally {
            pool.terminate().block(WAIT);
        }
    }

    @Test
    void acquireTimeoutFailsWithR2dbcTimeoutExceptionNamingThePool() {
        String app = uniqueName("timeout");
        PgPool pool = PgPool.create(pool(server, app).maxSize(1).acquireTimeout(Duration.ofMillis(200)).build());
        try {
            PgPooledConnection held = pool.create().block(WAIT);
            pool.create()
                    .as(StepVerifier::create)
                    .expectErrorSatisfies(e -> assertThat(e)
                            .isInstanceOf(R2dbcTimeoutException.class)
                            .hasMessageContaining("'" + app + "'")
                            .hasMessageContaining("acquireTimeout PT0.2S")
                            .hasMessageContaining("1 in use"))
                    .verify(WAIT);
            held.close().block(WAIT);
            assertThat(pool.metrics().acquired()).isZero();
        } finally {
            pool.terminate().block(WAIT);
        }
    }

    @Test
    void acquirersBeyondMaxPendingFailAtOnce() {
        PgPool pool = PgPool.create(pool(server, uniqueName("pending")).maxSize(1).maxPendingAcquires(1).build());
        try {
            PgPooledConnection held = pool.create().block(WAIT);
            Mono<PgPooledConnection> waiting = pool.create().cache();
            waiting.subscribe();
            eventually(WAIT, () -> pool.metrics().pending() == 1);
            pool.create()
                    .as(StepVerifier::create)
                    .expectError(R2dbcTransientResourceException.class)
                    .verify(WAIT);
            held.close().block(WAIT);
            waiting.flatMap(PgPooledConnection::close).block(WAIT);
        } finally {
            pool.terminate().block(WAIT);
        }
    }

    @Test
    void withTransactionCommitsOnCompletionAndRollsBackOnError() {
        String table = "pool_tx_" + uniqueName("t").replace('-', '_');
        server.execute("CREATE TABLE " + table + " (i int)");
        PgPool pool = PgPool.create(pool(server, uniqueName("tx")).maxSize(2).build());
        try {
            pool.withTransaction(c -> query(c, "INSERT INTO " + table + " VALUES (1) RETURNING i", Integer.class))
                    .as(StepVerifier::create).expectNext(1).expectComplete().verify(WAIT);
            pool.withTransaction(c -> query(c, "INSERT INTO " + table + " VALUES (2) RETURNING i", Integer.class)
                            .concatWith(Mono.error(new IllegalStateException("boom"))))
                    .as(StepVerifier::create).expectNext(2).expectErrorMessage("boom").verify(WAIT);
            pool.withConnection(c -> query(c, "SELECT array_agg(i)::text FROM " + table, String.class))
                    .as(StepVerifier::create).expectNext("{1}").expectComplete().verify(WAIT);
            eventually(WAIT, () -> pool.metrics().acquired() == 0);
        } finally {
            pool.terminate().block(WAIT);
            server.execute("DROP TABLE " + table);
        }
    }

    @Test
    void withConnectionReleasesWhenTheFunctionThrowsAndClosesWhenCancelled() {
        PgPool pool = PgPool.create(pool(server, uniqueName("release")).maxSize(1).build());
        try {
            pool.withConnection(c -> {
                throw new IllegalArgumentException("thrown");
            }).as(StepVerifier::create).expectErrorMessage("thrown").verify(WAIT);
            pool.withConnection(c -> query(c, "SELECT pg_sleep(5)", String.class))
                    .take(Duration.ofMillis(200))
                    .as(StepVerifier::create).expectComplete().verify(WAIT);
            eventually(WAIT, () -> pool.metrics().acquired() == 0);
            // The cancelled one was closed, not reused; a new one serves.
            assertThat(pool.metrics().closed()).isEqualTo(1);
            pool.withConnection(c -> query(c, "SELECT 'again'", String.class))
                    .as(StepVerifier::create).expectNext("again").expectComplete().verify(WAIT);
            assertThat(pool.metrics().created()).isEqualTo(2);
        } finally {
            pool.terminate().block(WAIT);
        }
    }

    @Test
    void initRunsOncePerPhysicalConnectionAndSetupBeforeEachHandOut() {
        AtomicInteger inits = new AtomicInteger();
        AtomicInteger setups = new AtomicInteger();
        PgPool pool = PgPool.create(pool(server, uniqueName("hooks")).maxSize(1)
                .init(c -> Mono.fromRunnable(inits::incrementAndGet))
                .setup(c -> Flux.from(c.createStatement("SET application_name = 'set-up'").execute())
                        .flatMap(r -> r.getRowsUpdated()).doOnComplete(setups::incrementAndGet))
                .build());
        try {
            for (int i = 0; i < 3; i++) {
                pool.withConnection(c -> query(c, "SELECT current_setting('application_name')", String.class))
                        .as(StepVerifier::create).expectNext("set-up").expectComplete().verify(WAIT);
            }
            assertThat(inits).hasValue(1);
            assertThat(setups).hasValue(3);
        } finally {
            pool.terminate().block(WAIT);
        }
    }

    @Test
    void failingSetupHookDestroysTheConnectionAndTellsTheAcquirer() {
        AtomicInteger calls = new AtomicInteger();
        PgPool pool = PgPool.create(pool(server, uniqueName("badsetup")).maxSize(1)
                .setup(c -> calls.incrementAndGet() == 1 ? Mono.error(new IllegalStateException("no setup today"))
                        : Mono.empty())
                .build());
        try {
            pool.create()
                    .as(StepVerifier::create)
                    .expectErrorSatisfies(e -> assertThat(e)
                            .isInstanceOf(R2dbcNonTransientResourceException.class)
                            .hasMessageContaining("The setup hook failed")
                            .hasMessageContaining("no setup today")
                            .hasMessageContaining("destroyed"))
                    .verify(WAIT);
            pool.withConnection(c -> query(c, "SELECT 1", Integer.class))
                    .as(StepVerifier::create).expectNext(1).expectComplete().verify(WAIT);
            PgPoolMetrics m = pool.metrics();
            assertThat(m.created()).isEqualTo(2);
            assertThat(m.destroyed()).isEqualTo(1);
        } finally {
            pool.terminate().block(WAIT);
        }
    }

    @Test
    void failingInitHookFailsTheAcquireAndClosesTheNewConnection() {
        String app = uniqueName("badinit");
        PgPool pool = PgPool.create(pool(server, app).maxSize(1)
                .init(c -> Flux.from(c.createStatement("SELECT * FROM no_such_table").execute())
                        .flatMap(r -> r.getRowsUpdated()))
                .build());
        try {
            pool.create()
                    .as(StepVerifier::create)
                    .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("The init hook failed")
                            .hasMessageContaining("no_such_table"))
                    .verify(WAIT);
            PoolTesting.eventuallyBackends(PoolTesting.monitor(server), app, 0, WAIT);
            assertThat(pool.metrics().size()).isZero();
        } finally {
            pool.terminate().block(WAIT);
        }
    }

    @Test
    void expireConnectionsReplacesIdleNowAndBorrowedOnRelease() {
        PgPool pool = PgPool.create(pool(server, uniqueName("expire")).maxSize(2).build());
        try {
            PgPooledConnection a = pool.create().block(WAIT);
            PgPooledConnection b = pool.create().block(WAIT);
            int pidA = a.unwrap().processId();
            int pidB = b.unwrap().processId();
            b.close().block(WAIT);
            pool.expireConnections().block(WAIT);
            assertThat(pool.metrics().closed()).isEqualTo(1);
            assertThat(a.unwrap().processId()).isEqualTo(pidA);   // still usable by its borrower
            a.close().block(WAIT);
            assertThat(pool.metrics().closed()).isEqualTo(2);
            List<Integer> pids = collect(Flux.range(0, 2).flatMap(i -> pool.create())
                    .collectList()
                    .flatMapMany(cs -> Flux.fromIterable(cs).concatMap(c -> PoolTesting.pid(c)
                            .flatMap(pid -> c.close().thenReturn(pid)))), WAIT);
            assertThat(pids).doesNotContain(pidA, pidB);
        } finally {
            pool.terminate().block(WAIT);
        }
    }

    @Test
    void newConnectArgumentsApplyToConnectionsOpenedAfterwards() {
        PgPool pool = PgPool.create(pool(server, "before-change").maxSize(1).build());
        try {
            pool.withConnection(c -> query(c, "SELECT current_setting('application_name')", String.class))
                    .as(StepVerifier::create).expectNext("before-change").expectComplete().verify(WAIT);
            pool.setConnectionConfiguration(PoolTesting.connection(server, "after-change"));
            pool.expireConnections().block(WAIT);
            pool.withConnection(c -> query(c, "SELECT current_setting('application_name')", String.class))
                    .as(StepVerifier::create).expectNext("after-change").expectComplete().verify(WAIT);
        } finally {
            pool.terminate().block(WAIT);
        }
    }

    @Test
    void closeWaitsForBorrowedConnectionsThenClosesEverything() {
        String app = uniqueName("close");
        PgPool pool = PgPool.create(pool(server, app).maxSize(2).closeTimeout(Duration.ofSeconds(20)).build());
        PgPooledConnection held = pool.create().block(WAIT);
        pool.create().flatMap(PgPooledConnection::close).block(WAIT);
        Mono<Void> closing = pool.close().cache();
        closing.subscribe();
        pool.create().as(StepVerifier::create).expectError(R2dbcNonTransientResourceException.class).verify(WAIT);
        // The borrower still works while the pool waits for it.
        query(held, "SELECT 7", Integer.class).as(StepVerifier::create).expectNext(7).expectComplete().verify(WAIT);
        held.close().then(closing).as(StepVerifier::create).expectComplete().verify(WAIT);
        PoolTesting.eventuallyBackends(PoolTesting.monitor(server), app, 0, WAIT);
        assertThat(pool.metrics().size()).isZero();
    }

    @Test
    void terminateClosesBorrowedConnectionsToo() {
        String app = uniqueName("terminate");
        PgPool pool = PgPool.create(pool(server, app).maxSize(2).build());
        PgPooledConnection held = pool.create().block(WAIT);
        pool.terminate().as(StepVerifier::create).expectComplete().verify(WAIT);
        PoolTesting.eventuallyBackends(PoolTesting.monitor(server), app, 0, WAIT);
        held.close().as(StepVerifier::create).expectComplete().verify(WAIT);
        assertThat(pool.isClosed()).isTrue();
    }

    @Test
    void connectionHeldPastTheThresholdIsReportedWithItsAcquisitionStack() {
        PgPool pool = PgPool.create(pool(server, uniqueName("leak")).maxSize(1)
                .leakDetectionThreshold(Duration.ofMillis(100)).build());
        List<Throwable> reports = new CopyOnWriteArrayList<>();
        pool.leakReporter = reports::add;
        try {
            PgPooledConnection held = pool.create().block(WAIT);
            eventually(WAIT, () -> !reports.isEmpty());
            assertThat(reports.get(0)).hasMessageContaining("held for more than PT0.1S");
            assertThat(reports.get(0).getStackTrace()).anySatisfy(frame ->
                    assertThat(frame.getMethodName()).isEqualTo("connectionHeldPastTheThresholdIsReportedWithItsAcquisitionStack"));
            held.close().block(WAIT);
            // A connection given back in time is not reported.
            pool.withConnection(c -> query(c, "SELECT 1", Integer.class)).blockLast(WAIT);
            assertThat(reports).hasSize(1);
        } finally {
            pool.terminate().block(WAIT);
        }
    }

    @Test
    void metricsCountAndPublishToMicrometer() {
        String app = uniqueName("metrics");
        PgPool pool = PgPool.create(pool(server, app).maxSize(3).build());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Disposable binding = PgPoolMicrometer.bind(pool, registry);
        try {
            PgPooledConnection held = pool.create().block(WAIT);
            pool.withConnection(c -> query(c, "SELECT 1", Integer.class)).blockLast(WAIT);
            PgPoolMetrics m = pool.metrics();
            assertThat(m.size()).isEqualTo(2);
            assertThat(m.acquired()).isEqualTo(1);
            assertThat(m.idle()).isEqualTo(1);
            assertThat(m.maxSize()).isEqualTo(3);
            assertThat(m.created()).isEqualTo(2);
            assertThat(m.acquireTimes().count()).isEqualTo(2);
            assertThat(m.acquireTimes().buckets().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
            assertThat(registry.get("r2dbc.pg.pool.acquired").tag("pool", app).gauge().value()).isEqualTo(1.0);
            assertThat(registry.get("r2dbc.pg.pool.created").functionCounter().count()).isEqualTo(2.0);
            assertThat(registry.get("r2dbc.pg.pool.acquire").timer().count()).isEqualTo(2);
            held.close().block(WAIT);
            assertThat(registry.get("r2dbc.pg.pool.idle").gauge().value()).isEqualTo(2.0);
        } finally {
            binding.dispose();
            pool.terminate().block(WAIT);
        }
        assertThat(registry.find("r2dbc.pg.pool.size").gauge()).isNull();
    }

    @Test
    void urlWithPgpoolDriverMakesAPoolWithItsOptions() {
        String url = server.r2dbcUrl().replace("r2dbc:postgresql:", "r2dbc:pgpool:")
                + "?maxSize=3&minSize=1&acquireTimeout=2s&maxQueries=7&acquireValidation=remote&poolName=from-url";
        ConnectionFactory factory = ConnectionFactories.get(url);
        assertThat(factory).isInstanceOf(PgPool.class);
        PgPool pool = (PgPool) factory;
        try {
            PgPoolConfiguration c = pool.configuration();
            assertThat(c.maxSize()).isEqualTo(3);
            assertThat(c.minSize()).isEqualTo(1);
            assertThat(c.acquireTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(c.maxQueries()).isEqualTo(7);
            assertThat(c.acquireValidation()).isEqualTo(PgValidation.REMOTE);
            assertThat(c.name()).isEqualTo("from-url");
            Flux.usingWhen(factory.create(), conn -> query(conn, "SELECT 'pooled'", String.class), Connection::close)
                    .as(StepVerifier::create).expectNext("pooled").expectComplete().verify(WAIT);
            assertThat(pool.metrics().idle()).isEqualTo(1);
        } finally {
            pool.terminate().block(WAIT);
        }
    }
}
