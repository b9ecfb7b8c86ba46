package dev.r2dbcpg.pool;

import static dev.r2dbcpg.pool.PoolTesting.eventually;
import static dev.r2dbcpg.pool.PoolTesting.pool;
import static dev.r2dbcpg.pool.PoolTesting.query;
import static dev.r2dbcpg.pool.PoolTesting.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.core.PgConnectionFactory;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Connections leave the pool by policy (maxQueries, idle time, lifetime) and by failure (killed, invalid). */
@ExtendWith(PostgresExtension.class)
class PgPoolRetirementIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static PostgresServer server;
    private static PgConnectionFactory monitor;

    @BeforeAll
    static void server(PostgresServer s) {
        server = s;
        monitor = PoolTesting.monitor(s);
    }

    private static int pidOfNextBorrow(PgPool pool) {
        return pool.withConnection(PoolTesting::pid).blockLast(WAIT);
    }

    @Test
    void connectionIsRetiredAfterMaxQueries() {
        PgPool pool = PgPool.create(pool(server, uniqueName("maxq")).maxSize(1).maxQueries(3).build());
        try {
            // pid() is one statement per borrow: borrows 1-3 share a backend, the 4th gets a new one.
            int first = pidOfNextBorrow(pool);
            assertThat(pidOfNextBorrow(pool)).isEqualTo(first);
            assertThat(pidOfNextBorrow(pool)).isEqualTo(first);
            assertThat(pidOfNextBorrow(pool)).isNotEqualTo(first);
            assertThat(pool.metrics().closed()).isEqualTo(1);
            assertThat(pool.metrics().destroyed()).isZero();
        } finally {
            pool.terminate().block(WAIT);
        }
    }

    @Test
    void idleConnectionsAboveMinSizeAreClosedAndMinSizeStaysWarm() {
        String app = uniqueName("idle");
        PgPool pool = PgPool.create(pool(server, app).minSize(1).maxSize(3)
                .maxInactiveConnectionLifetime(Duration.ofMillis(300))
                .backgroundInterval(Duration.ofMillis(100)).build());
        try {
            List<PgPooledConnection> three = PoolTesting.collect(Flux.range(0, 3).flatMap(i -> pool.create()), WAIT);
            PoolTesting.collect(Flux.fromIterable(three).flatMap(PgPooledConnection::close), WAIT);
            assertThat(pool.metrics().idle()).isEqualTo(3);
            eventually(WAIT, () -> pool.metrics().size() == 1);
            PoolTesting.eventuallyBackends(monitor, app, 1, WAIT);
            // The survivor stays even though it has been idle longer than the limit by now.
            StepVerifier.create(reactor.core.publisher.Mono.delay(Duration.ofMillis(800)))
                    .expectNextCount(1).expectComplete().verify(WAIT);
            assertThat(pool.metrics().size()).isEqualTo(1);
            assertThat(pool.metrics().closed()).isEqualTo(2);
        } finally {
            pool.terminate().block(WAIT);
        }
    }

    @Test
    void connectionsAreReplacedAfterMaxLifetime() {
        PgPool pool = PgPool.create(pool(server, uniqueName("lifetime")).maxSize(1)
                .maxLifetime(Duration.ofMillis(300)).maxLifetimeJitter(Duration.ofMillis(100))
                .backgroundInterval(Duration.ofMillis(50)).build());
        try {
            int first = pidOfNextBorrow(pool);
            eventually(WAIT, () -> pool.metrics().closed() == 1);
            assertThat(pidOfNextBorrow(pool)).isNotEqualTo(first);
        } finally {
            pool.terminate().block(WAIT);
        }
    }

    @Test
    void backendsKilledWithPgTerminateBackendAreDetectedAndReplaced() {
        String app = uniqueName("killed");
        PgPool pool = PgPool.create(pool(server, app).maxSize(3).build());
        try {
            List<PgPooledConnection> three = PoolTesting.collect(Flux.range(0, 3).flatMap(i -> pool.create()), WAIT);
            List<Integer> before = PoolTesting.collect(Flux.fromIterable(three)
                    .concatMap(c -> PoolTesting.pid(c).flatMap(pid -> c.close().thenReturn(pid))), WAIT);
            server.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + app + "'");
            PoolTesting.eventuallyBackends(monitor, app, 0, WAIT);
            List<Integer> after = PoolTesting.collect(Flux.range(0, 3).flatMap(i -> pool.create())
                    .collectList()
                    .flatMapMany(cs -> Flux.fromIterable(cs)
                            .concatMap(c -> query(c, "SELECT pg_backend_pid()", Integer.class)
                                    .concatWith(c.close().then(reactor.core.publisher.Mono.empty())))), WAIT);
            assertThat(after).hasSize(3).doesNotContainAnyElementsOf(before);
            assertThat(pool.metrics().destroyed()).isEqualTo(3);
        } finally {
            pool.terminate().block(WAIT);
        }
    }

    @Test
    void backendKilledWhileBorrowedIsDestroyedOnRelease() {
        String app = uniqueName("killedborrowed");
        PgPool pool = PgPool.create(pool(server, app).maxSize(1).build());
        try {
            PgPooledConnection c = pool.create().block(WAIT);
            server.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + app + "'");
            eventually(WAIT, () -> !c.slot().isOpen());
            c.close().block(WAIT);
            assertThat(pool.metrics().destroyed()).isEqualTo(1);
            pool.withConnection(x -> query(x, "SELECT 'fresh'", String.class))
                    .as(StepVerifier::create).expectNext("fresh").expectComplete().verify(WAIT);
        } finally {
            pool.terminate().block(WAIT);
        }
    }

    @Test
    void validationThatTimesOutDestroysTheConnectionAndAnotherIsHandedOut() {
        String app = uniqueName("slowcheck");
        String marker = "pool_slow_validation_" + app.substring(app.length() - 8);
        server.execute("CREATE TABLE " + marker + " (slow boolean)", "INSERT INTO " + marker + " VALUES (true)");
        // Slow only while the marker says so: the first connection's check hangs, the replacement's does not.
        PgPool pool = PgPool.create(pool(server, app).maxSize(1)
                .acquireValidation(PgValidation.query("SELECT CASE WHEN slow THEN pg_sleep(5) END FROM " + marker))
                .validationTimeout(Duration.ofMillis(200)).build());
        try {
            int first = pidOfNextBorrow(pool);
            int[] second = new int[1];
            pool.withConnection(c -> PoolTesting.pid(c).doOnNext(pid -> second[0] = pid)
                            .then(reactor.core.publisher.Mono.fromRunnable(() -> server.execute(
                                    "UPDATE " + marker + " SET slow = false")).subscribeOn(
                                    reactor.core.scheduler.Schedulers.boundedElastic())))
                    .blockLast(WAIT);
            assertThat(second[0]).isNotEqualTo(first);
            assertThat(pool.metrics().destroyed()).isEqualTo(1);
            assertThat(pidOfNextBorrow(pool)).isEqualTo(second[0]);
        } finally {
            pool.terminate().block(WAIT);
            server.execute("DROP TABLE " + marker);
        }
    }
}
