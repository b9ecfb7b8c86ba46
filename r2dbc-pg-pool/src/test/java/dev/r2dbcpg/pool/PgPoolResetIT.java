package dev.r2dbcpg.pool;

import static dev.r2dbcpg.pool.PoolTesting.pool;
import static dev.r2dbcpg.pool.PoolTesting.query;
import static dev.r2dbcpg.pool.PoolTesting.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.core.config.SslMode;
import dev.r2dbcpg.testing.LoopbackPeer;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;


/** The default reset leaves nothing of one borrower's session to the next (one connection, so it is reused). */
@ExtendWith(PostgresExtension.class)
class PgPoolResetIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static PgPool pool;

    @BeforeAll
    static void createPool(PostgresServer server) {
        pool = PgPool.create(pool(server, uniqueName("reset")).maxSize(1).build());
    }

    @AfterAll
    static void close() {
        pool.terminate().block(WAIT);
    }

    /** Runs {@code dirty} on one borrow and {@code probe} on the next; checks the same backend served both. */
    private static <T> T afterReset(String dirty, String probe, Class<T> type) {
        Integer[] pids = new Integer[2];
        pool.withConnection(c -> PoolTesting.pid(c).doOnNext(p -> pids[0] = p)
                        .thenMany(Flux.from(c.createStatement(dirty).execute()).concatMap(r -> r.getRowsUpdated())))
                .blockLast(WAIT);
        @SuppressWarnings("unchecked")
        T[] out = (T[]) new Object[1];
        pool.withConnection(c -> PoolTesting.pid(c).doOnNext(p -> pids[1] = p)
                        .thenMany(query(c, probe, type)))
                .as(StepVerifier::create)
                .consumeNextWith(v -> out[0] = v)
                .expectComplete()
                .verify(WAIT);
        assertThat(pids[1]).as("same backend").isEqualTo(pids[0]);
        return out[0];
    }

    @Test
    void resetUndoesSet() {
        assertThat(afterReset("SET work_mem = '77MB'", "SHOW work_mem", String.class)).isNotEqualTo("77MB");
    }

    @Test
    void resetStopsListening() {
        assertThat(afterReset("LISTEN pool_reset_channel",
                "SELECT count(*) FROM pg_listening_channels()", Long.class)).isZero();
    }

    @Test
    void resetDropsTemporaryTables() {
        assertThat(afterReset("CREATE TEMP TABLE pool_reset_temp(i int)",
                "SELECT count(*) FROM pg_class WHERE relname = 'pool_reset_temp' AND relpersistence = 't'",
                Long.class)).isZero();
    }

    @Test
    void resetRollsBackAnOpenTransaction() {
        assertThat(afterReset("BEGIN; CREATE TABLE pool_reset_tx(i int)",
                "SELECT count(*) FROM pg_class WHERE relname = 'pool_reset_tx'", Long.class)).isZero();
        assertThat(afterReset("SELECT 1", "SELECT txid_current_if_assigned() IS NULL", Boolean.class)).isTrue();
    }

    @Test
    void resetRollsBackAFailedTransaction() {
        pool.withConnection(c -> Mono.from(c.beginTransaction())
                        .thenMany(query(c, "SELECT 1/0", Integer.class))
                        .onErrorResume(e -> Mono.empty()))
                .blockLast(WAIT);
        pool.withConnection(c -> query(c, "SELECT 'usable'", String.class))
                .as(StepVerifier::create).expectNext("usable").expectComplete().verify(WAIT);
    }

    @Test
    void resetReleasesAdvisoryLocks() {
        assertThat(afterReset("SELECT pg_advisory_lock(4242)",
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242", Long.class)).isZero();
    }

    @Test
    void resetRestoresSessionAuthorizationAndClosesCursors() {
        assertThat(afterReset("BEGIN; DECLARE pool_cursor CURSOR WITH HOLD FOR SELECT 1; COMMIT",
                // (the unnamed portal of the counting statement itself is listed too, with an empty name)
                "SELECT count(*) FROM pg_cursors WHERE name <> ''", Long.class)).isZero();
        assertThat(afterReset("SET SESSION AUTHORIZATION r2dbcpg_trust", "SELECT session_user = current_user "
                + "AND current_user <> 'r2dbcpg_trust'", Boolean.class)).isTrue();
    }

    @Test
    void resetUndoesEverythingOneBorrowerDidAtOnce() {
        assertThat(afterReset("SET work_mem = '77MB'; SET ROLE r2dbcpg_trust; CREATE TEMP TABLE pool_reset_all(i int); "
                        + "LISTEN pool_reset_all; SELECT pg_advisory_lock(4343); "
                        + "BEGIN; DECLARE pool_reset_all_cursor CURSOR WITH HOLD FOR SELECT 1; COMMIT; "
                        + "BEGIN; INSERT INTO pool_reset_all VALUES (1)",
                "SELECT current_setting('work_mem') <> '77MB' AND current_user = session_user "
                        + "AND NOT EXISTS (SELECT FROM pg_class WHERE relname = 'pool_reset_all' AND relpersistence = 't') "
                        + "AND NOT EXISTS (SELECT FROM pg_listening_channels()) "
                        + "AND NOT EXISTS (SELECT FROM pg_locks WHERE locktype = 'advisory' AND objid = 4343) "
                        + "AND NOT EXISTS (SELECT FROM pg_cursors WHERE name <> '') AND txid_current_if_assigned() IS NULL",
                Boolean.class)).isTrue();
    }

    @Test
    void defaultResetIsSkippedOnlyWhenTheBorrowSentNothing(PostgresServer server) throws Exception {
        // The reset rides ahead of the next request, so count the resets the server received.
        try (LoopbackPeer proxy = LoopbackPeer.proxy("127.0.0.1", server.host(), server.port())) {
            PgPool skipping = proxied(server, proxy, uniqueName("reset-skip"));
            try {
                skipping.withConnection(c -> query(c, "SELECT 1", Integer.class)).blockLast(WAIT);
                skipping.withConnection(c -> Mono.just(c.isAutoCommit())).blockLast(WAIT);
                skipping.withConnection(c -> query(c, "SELECT 1", Integer.class)).blockLast(WAIT);
                assertThat(resetsSent(proxy)).as("untouched borrow: no reset").isEqualTo(1);
                skipping.withConnection(c -> Mono.just(c.unwrap().processId())).blockLast(WAIT);
                skipping.withConnection(c -> query(c, "SELECT 1", Integer.class)).blockLast(WAIT);
                assertThat(resetsSent(proxy)).as("unwrap() counts as use: reset").isEqualTo(3);
            } finally {
                skipping.terminate().block(WAIT);
            }
        }
    }

    @Test
    void theDefaultResetRidesAheadOfTheNextBorrowersFirstStatement(PostgresServer server) throws Exception {
        try (LoopbackPeer proxy = LoopbackPeer.proxy("127.0.0.1", server.host(), server.port())) {
            PgPool proxied = proxied(server, proxy, uniqueName("reset-rt"));
            try {
                proxied.withConnection(c -> query(c, "SHOW work_mem", String.class)).blockLast(WAIT);
                proxied.withConnection(c -> query(c, "SET work_mem = '77MB'", Integer.class)).blockLast(WAIT);
                int before = proxy.roundTrips();
                String workMem = proxied.withConnection(c -> query(c, "SHOW work_mem", String.class)).blockLast(WAIT);
                proxied.withConnection(c -> query(c, "SHOW work_mem", String.class)).blockLast(WAIT);
                assertThat(proxy.roundTrips() - before).as("a statement and its reset: one round trip a borrow")
                        .isEqualTo(2);
                assertThat(workMem).isNotEqualTo("77MB");
            } finally {
                proxied.terminate().block(WAIT);
            }
        }
    }

    @Test
    void aDeferredResetThatFailsClosesTheConnectionAndTheNextBorrowerGetsAFreshOne(PostgresServer server) {
        String name = uniqueName("reset-deferred-fail");
        PgPool failing = PgPool.create(pool(server, name).maxSize(1)
                .reset(c -> c.deferCommands("SELECT 1/0")).build());
        try {
            Integer first = failing.withConnection(PoolTesting::pid).blockLast(WAIT);
            failing.withConnection(PoolTesting::pid)
                    .as(StepVerifier::create)
                    .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("division by zero")
                            .hasMessageContaining("connection closed"))
                    .verify(WAIT);
            Integer third = failing.withConnection(PoolTesting::pid).blockLast(WAIT);
            assertThat(third).isNotEqualTo(first);
        } finally {
            failing.terminate().block(WAIT);
        }
    }

    private static PgPool proxied(PostgresServer server, LoopbackPeer proxy, String name) {
        return PgPool.create(PgPoolConfiguration.builder().name(name).maxSize(1)
                .connection(PoolTesting.connection(server, name).toBuilder().host("127.0.0.1").port(proxy.port())
                        .sslMode(SslMode.DISABLE).build())
                .build());
    }

    private static int resetsSent(LoopbackPeer proxy) {
        String sent = new String(proxy.received(), StandardCharsets.ISO_8859_1);
        int n = 0;
        for (int i = sent.indexOf("RESET ALL"); i >= 0; i = sent.indexOf("RESET ALL", i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void failingResetDestroysTheConnectionAndTheNextBorrowerGetsAnother(PostgresServer server) {
        assertResetFailureDestroys(pool(server, uniqueName("reset-fail")).reset(c -> c.runCommands("SELECT 1/0")));
    }

    @Test
    void resetThatOutlastsHookTimeoutDestroysTheConnection(PostgresServer server) {
        assertResetFailureDestroys(pool(server, uniqueName("reset-stuck")).hookTimeout(Duration.ofMillis(200))
                .reset(c -> Mono.never()));
    }

    /** With one connection, whose reset fails: the second borrower gets a new backend, the first was destroyed. */
    private static void assertResetFailureDestroys(PgPoolConfiguration.Builder builder) {
        PgPool failing = PgPool.create(builder.maxSize(1).build());
        try {
            Integer first = failing.withConnection(PoolTesting::pid).blockLast(WAIT);
            Integer second = failing.withConnection(PoolTesting::pid).blockLast(WAIT);
            assertThat(second).isNotEqualTo(first);
            PoolTesting.eventually(WAIT, () -> failing.metrics().destroyed() >= 1);
        } finally {
            failing.terminate().block(WAIT);
        }
    }

    @Test
    void noResetKeepsSessionStateButStillRollsBack(PostgresServer server) {
        PgPool bare = PgPool.create(pool(server, uniqueName("reset-none")).maxSize(1)
                .reset(PgSessionReset.none()).build());
        try {
            // Two requests: in one, the SET would join the transaction block that BEGIN opens and be rolled back.
            bare.withConnection(c -> query(c, "SET work_mem = '33MB'", Integer.class)
                    .thenMany(query(c, "BEGIN; CREATE TABLE pool_reset_none(i int)", Integer.class))).blockLast(WAIT);
            bare.withConnection(c -> query(c, "SELECT current_setting('work_mem') || ' '"
                            + " || (SELECT count(*) FROM pg_class WHERE relname = 'pool_reset_none')", String.class))
                    .as(StepVerifier::create).expectNext("33MB 0").expectComplete().verify(WAIT);
        } finally {
            bare.terminate().block(WAIT);
        }
    }

    @Test
    void autoCommitIsRestoredForTheNextBorrower() {
        pool.withConnection(c -> c.setAutoCommit(false).then(Mono.just(1))).blockLast(WAIT);
        pool.withConnection(c -> Mono.just(c.isAutoCommit()))
                .as(StepVerifier::create).expectNext(true).expectComplete().verify(WAIT);
    }
}
