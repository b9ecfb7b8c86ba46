package dev.r2dbcpg.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
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
