package dev.r2dbcpg.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The bulk writes, CSV copy and the helpers {@link PgDatabase} hands out, through the database itself: on a
 * borrowed connection, and inside {@code transaction(fn)} on the transaction's connection.
 */
@ExtendWith(PostgresExtension.class)
class PgDatabaseHelpersIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static PgDatabase db;
    @TempDir
    Path tmp;

    record Person(int id, String fullName) {
    }

    @BeforeAll
    static void open(PostgresServer server) {
        db = PgDatabase.builder().url(server.postgresqlUrl() + "?sslmode=disable").maxSize(2).build();
    }

    @AfterAll
    static void close() {
        db.close().block(WAIT);
    }

    @BeforeEach
    void table() {
        db.executeUpdate("DROP TABLE IF EXISTS helpers_person").block(WAIT);
        db.executeUpdate("CREATE TABLE helpers_person (id int PRIMARY KEY, full_name text)").block(WAIT);
    }

    @Test
    void everyBulkWriteThroughTheDatabase() {
        assertThat(db.insertBatch("helpers_person", List.of(new Person(1, "a"), new Person(2, "b")), null).block(WAIT))
                .isEqualTo(2);
        assertThat(db.insertMany("helpers_person", List.of(Map.of("id", 3, "full_name", "c")), null).block(WAIT))
                .isEqualTo(1);
        assertThat(db.copyInsert("helpers_person", Flux.range(4, 100).map(i -> new Person(i, "p" + i))).block(WAIT))
                .isEqualTo(100);
        assertThat(db.upsertMany("helpers_person", List.of(new Person(1, "A"), new Person(200, "new")), List.of("id"),
                null).block(WAIT)).isEqualTo(2);
        assertThat(db.fetchVal("SELECT count(*) FROM helpers_person", Long.class).block(WAIT)).isEqualTo(104);
        assertThat(db.fetchVal("SELECT full_name FROM helpers_person WHERE id = 1", String.class).block(WAIT))
                .isEqualTo("A");
    }

    @Test
    void aBulkWriteInsideATransactionIsRolledBackWithIt() {
        db.transaction(tx -> tx.insertBatch("helpers_person", List.of(new Person(1, "a")), null)
                        .then(tx.copyInsert("helpers_person", List.of(new Person(2, "b"))))
                        .then(Mono.error(new IllegalStateException("boom"))))
                .as(StepVerifier::create)
                .expectErrorMessage("boom")
                .verify(WAIT);
        assertThat(db.fetchVal("SELECT count(*) FROM helpers_person", Long.class).block(WAIT)).isZero();
    }

    @Test
    void aCancelledTransactionIsRolledBackAndItsConnectionGivenBack() throws Exception {
        // The pool has 2 connections: if cancelled transactions or sessions kept theirs, later steps would wait.
        for (int i = 0; i < 3; i++) {
            CountDownLatch inserted = new CountDownLatch(1);
            Disposable running = db.transaction(tx -> tx.executeUpdate("INSERT INTO helpers_person VALUES (1, 'gone')")
                            .doOnNext(n -> inserted.countDown())
                            .thenMany(Flux.<Long>never()))
                    .subscribe();
            assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
            running.dispose();
        }
        for (int i = 0; i < 3; i++) {
            CountDownLatch inserted = new CountDownLatch(1);
            Disposable running = db.session(s -> s.executeUpdate(
                                    "INSERT INTO helpers_person VALUES (2, 'kept') ON CONFLICT DO NOTHING")
                            .doOnNext(n -> inserted.countDown())
                            .thenMany(Flux.<Long>never()))
                    .subscribe();
            assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
            running.dispose();
        }
        // The rollback of a cancelled transaction runs after the cancel: wait (bounded) until it is seen.
        Mono.defer(() -> db.fetchVal("SELECT count(*) FROM helpers_person WHERE id = 1", Long.class))
                .filter(n -> n == 0L)
                .repeatWhenEmpty(50, f -> f.delayElements(Duration.ofMillis(20)))
                .as(StepVerifier::create)
                .expectNext(0L)
                .verifyComplete();
        assertThat(db.fetchVal("SELECT count(*) FROM helpers_person WHERE id = 2", Long.class).block(WAIT))
                .as("a session is no transaction: its insert stays").isEqualTo(1L);
        assertThat(Flux.range(0, 4).flatMap(i -> db.fetchVal("SELECT 1", Integer.class)).count().block(WAIT))
                .as("both connections are back").isEqualTo(4L);
    }

    @Test
    void csvRoundTripThroughTheDatabase() {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            people.add(new Person(i, i % 7 == 0 ? null : "name, \"quoted\" " + i));
        }
        db.copyInsert("helpers_person", people).block(WAIT);
        Path file = tmp.resolve("people.csv");
        assertThat(db.copyToCsv("helpers_person", file, CsvOptions.defaults()).block(WAIT)).isEqualTo(1_000);
        db.executeUpdate("TRUNCATE helpers_person").block(WAIT);
        assertThat(db.copyFromCsv("helpers_person", file, CsvOptions.defaults()).block(WAIT)).isEqualTo(1_000);
        assertThat(db.fetchVal("SELECT count(*) FILTER (WHERE full_name IS NULL) FROM helpers_person", Long.class)
                .block(WAIT)).isEqualTo(143);
    }

    @Test
    void theHandedOutHelpersWork() {
        assertThat(db.schema().tableExists("helpers_person").block(WAIT)).isTrue();
        assertThat(db.admin().roleExists("postgres").block(WAIT)).isTrue();
        db.maintenance().analyze("helpers_person").block(WAIT);
        db.insertBatch("helpers_person; DROP TABLE x", List.of(new Person(1, "a")), null)
                .as(StepVerifier::create)
                .expectError(IllegalArgumentException.class)
                .verify(WAIT);
        assertThat(db.schema().tableExists("helpers_person").block(WAIT)).isTrue();
    }
}
