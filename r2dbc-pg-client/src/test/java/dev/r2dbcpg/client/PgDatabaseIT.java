package dev.r2dbcpg.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.r2dbcpg.core.PgNotification;
import dev.r2dbcpg.core.config.PgEnvironment;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.IsolationLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

@ExtendWith(PostgresExtension.class)
class PgDatabaseIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static PgDatabase db;

    record User(int id, String fullName, boolean active) {
    }

    public static final class UserBean {
        private int id;
        private String fullName;

        public UserBean() {
        }

        public void setId(int id) {
            this.id = id;
        }

        public void setFullName(String fullName) {
            this.fullName = fullName;
        }
    }

    @BeforeAll
    static void open(PostgresServer server) {
        db = PgDatabase.builder().url(server.postgresqlUrl() + "?sslmode=disable").maxSize(4).build();
        db.executeUpdate("DROP TABLE IF EXISTS client_users; CREATE TABLE client_users (id int PRIMARY KEY,"
                + " full_name text NOT NULL, active boolean NOT NULL DEFAULT true)").block(WAIT);
    }

    @AfterAll
    static void close() {
        db.close().block(WAIT);
    }

    private static void reset() {
        db.executeUpdate("TRUNCATE client_users").block(WAIT);
    }

    @Test
    void executeGivesMapsInColumnOrderAndCommandsGiveCounts() {
        reset();
        assertThat(db.executeMany("INSERT INTO client_users (id, full_name) VALUES (%s, %s)",
                List.of(List.of(1, "Alice"), new Object[] {2, "Bob"}, List.of(3, "it's %s"))).block(WAIT)).isEqualTo(3);
        assertThat(db.executeUpdate("UPDATE client_users SET active = :a WHERE id = :id",
                Map.of("a", false, "id", 2)).block(WAIT)).isEqualTo(1);
        List<Map<String, Object>> rows = db.fetchAll("SELECT full_name, id, active FROM client_users ORDER BY id")
                .block(WAIT);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).keySet()).containsExactly("full_name", "id", "active");
        assertThat(rows.get(1)).containsEntry("active", false).containsEntry("full_name", "Bob");
        assertThat(rows.get(2)).containsEntry("full_name", "it's %s");
        assertThat(db.fetchOne("SELECT * FROM client_users WHERE id = $1", 9999).blockOptional(WAIT)).isEmpty();
        assertThat(db.fetchVal("SELECT count(*) FROM client_users WHERE full_name <> %(n)s", Long.class,
                Map.of("n", "x")).block(WAIT)).isEqualTo(3L);
        assertThat(db.fetchVal("SELECT NULL::text", String.class).blockOptional(WAIT)).isEmpty();
        assertThat(db.fetchVal("SELECT coalesce(%s, 'none')", String.class, (Object) null).block(WAIT))
                .isEqualTo("none");
    }

    @Test
    void mapsRowsToRecordsAndBeansBySnakeCaseNames() {
        reset();
        db.executeUpdate("INSERT INTO client_users VALUES (1, 'Alice', true), (2, 'Bob', false)").block(WAIT);
        assertThat(db.fetchAll("SELECT * FROM client_users ORDER BY id", User.class).block(WAIT))
                .containsExactly(new User(1, "Alice", true), new User(2, "Bob", false));
        UserBean bean = db.fetchOne("SELECT id, full_name FROM client_users WHERE id = %s", UserBean.class, 2)
                .block(WAIT);
        assertThat(bean.id).isEqualTo(2);
        assertThat(bean.fullName).isEqualTo("Bob");
        StepVerifier.create(db.fetchAll("SELECT id FROM client_users", User.class))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("No column for component 'fullName'"))
                .verify(WAIT);
    }

    @Test
    void duplicateColumnNamesFailClearlyAndTheConnectionStaysUsable() {
        StepVerifier.create(db.execute("SELECT 1 AS a, 2 AS a"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("two columns named \"a\""))
                .verify(WAIT);
        assertThat(db.fetchVal("SELECT 42", Integer.class).block(WAIT)).isEqualTo(42);
    }

    @Test
    void anErrorInsideTransactionLeavesNothingBehind() {
        reset();
        StepVerifier.create(db.transaction(tx -> tx.executeUpdate("INSERT INTO client_users (id, full_name) VALUES (1, 'a')")
                        .then(tx.executeUpdate("INSERT INTO client_users (id, full_name) VALUES (1, 'dup')"))))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("duplicate key"))
                .verify(WAIT);
        assertThat(db.fetchVal("SELECT count(*) FROM client_users", Long.class).block(WAIT)).isZero();
        StepVerifier.create(db.transaction(tx -> tx.executeUpdate("INSERT INTO client_users (id, full_name) VALUES (5, 'x')")
                        .then(Mono.error(new IllegalStateException("boom")))))
                .expectErrorMessage("boom")
                .verify(WAIT);
        assertThat(db.fetchVal("SELECT count(*) FROM client_users", Long.class).block(WAIT)).isZero();
    }

    @Test
    void aNestedTransactionRollsBackToItsSavepointOnly() {
        reset();
        List<Boolean> seen = db.transaction(tx -> tx.executeUpdate("INSERT INTO client_users (id, full_name) VALUES (1, 'outer')")
                .then(tx.transaction(inner -> inner.executeUpdate("INSERT INTO client_users (id, full_name) VALUES (2, 'inner')")
                                .then(inner.executeUpdate("INSERT INTO client_users (id, full_name) VALUES (2, 'dup')")))
                        .then()
                        .onErrorResume(e -> Mono.empty()))
                .then(tx.transaction(inner -> inner.executeUpdate("INSERT INTO client_users (id, full_name) VALUES (3, 'kept')")).then())
                .thenMany(Flux.concat(tx.inTransaction(), tx.inSession())))
                .collectList().block(WAIT);
        assertThat(seen).containsExactly(true, true);
        assertThat(db.fetchAll("SELECT id FROM client_users ORDER BY id", Integer.class).block(WAIT))
                .containsExactly(1, 3);
    }

    @Test
    void transactionOptionsReachTheServerAndNestedSessionsFail() {
        String level = db.transaction(TransactionOptions.defaults().isolation(IsolationLevel.SERIALIZABLE)
                        .readOnly(true).deferrable(true),
                tx -> tx.fetchVal("SELECT current_setting('transaction_isolation') || ' '"
                        + " || current_setting('transaction_read_only') || ' ' || current_setting('transaction_deferrable')",
                        String.class)).blockLast(WAIT);
        assertThat(level).isEqualTo("serializable on on");
        StepVerifier.create(db.session(s -> s.session(inner -> inner.execute("SELECT 1"))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("sessions do not nest"))
                .verify(WAIT);
        // One connection for the whole session: the backend pid is the same and session state survives.
        List<?> pids = db.session(s -> s.executeUpdate("SET application_name = 'in-session'")
                .thenMany(Flux.concat(s.fetchVal("SELECT pg_backend_pid()", Integer.class),
                        s.fetchVal("SELECT pg_backend_pid()", Integer.class),
                        s.fetchVal("SELECT current_setting('application_name')", String.class))))
                .collectList().block(WAIT);
        assertThat(pids.get(0)).isEqualTo(pids.get(1));
        assertThat(pids.get(2)).isEqualTo("in-session");
        assertThat(db.inSession().block(WAIT)).isFalse();
    }

    @Test
    void notifyAndListenWithHostileChannelNamesStayNames() {
        reset();
        String channel = "ev\"; DROP TABLE client_users; --";
        // listen takes names as Identifiers does: the raw text is refused, its quoted form names the channel.
        assertThatIllegalArgumentException().isThrownBy(() -> db.listenNotifications(channel))
                .withMessageStartingWith("Not a valid channel name");
        Flux<PgNotification> notifications = db.listenNotifications("\"" + channel.replace("\"", "\"\"") + "\"");
        // Notify until the LISTEN (asynchronous, on its own connection) has taken effect: bounded by the timeout.
        PgNotification first = notifications.mergeWith(Flux.interval(Duration.ofMillis(50)).onBackpressureDrop()
                        .concatMap(i -> db.notify(channel, "payload'); DROP TABLE client_users; --").then(Mono.empty())))
                .next().block(WAIT);
        assertThat(first.channel()).isEqualTo(channel);
        assertThat(first.payload()).isEqualTo("payload'); DROP TABLE client_users; --");
        assertThat(db.fetchVal("SELECT count(*) FROM client_users", Long.class).block(WAIT)).isZero();
        String payload = db.listen("plain").mergeWith(Flux.interval(Duration.ofMillis(50)).onBackpressureDrop()
                .concatMap(i -> db.notify("plain", "hello").then(Mono.empty()))).next().block(WAIT);
        assertThat(payload).isEqualTo("hello");
    }

    @Test
    void executeAutocommitRefusesToRunInsideATransaction() {
        StepVerifier.create(db.transaction(tx -> tx.executeAutocommit("VACUUM client_users")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class))
                .verify(WAIT);
        assertThat(db.executeAutocommit("VACUUM client_users").block(WAIT)).isZero();
    }

    @Test
    void fromEnvReadsDatabaseUrlAndR2dbcUrlsWork(PostgresServer server) {
        PgDatabase env = PgDatabase.fromEnv(PgEnvironment.of(Map.of("DATABASE_URL", server.postgresqlUrl(),
                "PGSSLMODE", "disable", "PGAPPNAME", "from-env")));
        try {
            assertThat(env.fetchVal("SELECT current_setting('application_name')", String.class).block(WAIT))
                    .isEqualTo("from-env");
        } finally {
            env.close().block(WAIT);
        }
        PgDatabase r2dbc = PgDatabase.fromUrl(server.r2dbcUrl());
        try {
            assertThat(r2dbc.fetchVal("SELECT 1", Integer.class).block(WAIT)).isEqualTo(1);
        } finally {
            r2dbc.close().block(WAIT);
        }
    }

    @Test
    void streamsAMillionRowsToASlowConsumerWithBoundedHeap() {
        Runtime runtime = Runtime.getRuntime();
        List<Long> heap = new ArrayList<>();
        long[] count = new long[1];
        db.stream("SELECT g, repeat('x', 100) AS pad FROM generate_series(1, %s) g", List.of(1_000_000), 500)
                // The slow consumer, off the event loop: 64 rows in flight, a 1 ms pause every 2,000 rows.
                .publishOn(Schedulers.boundedElastic(), 64)
                .doOnNext(row -> {
                    count[0]++;
                    if (count[0] % 2000 == 0) {
                        LockSupport.parkNanos(1_000_000);
                    }
                    if (count[0] % 200_000 == 0) {
                        System.gc();
                        heap.add(runtime.totalMemory() - runtime.freeMemory());
                    }
                })
                .then().block(Duration.ofSeconds(60));
        assertThat(count[0]).isEqualTo(1_000_000);
        // A million rows of ~110 bytes is over 100 MB; held at once it could not stay under 64 MB over the first sample.
        System.out.println("stream: used heap after GC every 200,000 rows (bytes): " + heap);
        long firstSample = heap.get(0);
        assertThat(heap).allSatisfy(used -> assertThat(used - firstSample).isLessThan(64L << 20));
    }
}
