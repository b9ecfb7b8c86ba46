package dev.r2dbcpg.examples.client;

import dev.r2dbcpg.client.PgDatabase;
import dev.r2dbcpg.client.TransactionOptions;
import dev.r2dbcpg.testing.PostgresFixture;
import io.r2dbc.spi.IsolationLevel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code PgDatabase} end to end: create a table, insert with {@code executeMany}, query rows as maps and
 * records, a transaction with a nested one rolled back to its savepoint, a session, a stream of many rows,
 * and a notification heard by {@code listen}.
 *
 * <p>Run with no argument to use an embedded PostgreSQL started for the demo, or pass a URL
 * ({@code postgresql://user:password@host:5432/db}, a DSN or an {@code r2dbc:} URL).
 */
public final class ClientDemo {

    /** A row as a record: {@code full_name} fills {@code fullName}. */
    public record Event(int id, String kind, String fullName) {
    }

    private ClientDemo() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 && !args[0].isBlank() ? args[0] : PostgresFixture.shared().postgresqlUrl();
        PgDatabase db = PgDatabase.builder().url(url).maxSize(4).build();
        try (AutoCloseable closing = db.closeable(Duration.ofSeconds(30))) {
            tour(db).block(Duration.ofMinutes(2));
        }
        System.out.println("Done.");
    }

    /** The tour as one reactive chain; nothing blocks inside it. */
    public static Mono<Void> tour(PgDatabase db) {
        return db.executeUpdate("DROP TABLE IF EXISTS demo_event; CREATE TABLE demo_event (id int PRIMARY KEY,"
                        + " kind text NOT NULL, full_name text NOT NULL)")
                .then(db.executeMany("INSERT INTO demo_event VALUES (%s, %s, %s)", List.of(
                        List.of(1, "signup", "Alice"), List.of(2, "signup", "Bob"), List.of(3, "login", "Alice"))))
                .doOnNext(n -> System.out.println("executeMany inserted " + n + " rows in one pipelined batch"))
                .thenMany(db.execute("SELECT * FROM demo_event WHERE kind = :kind ORDER BY id", Map.of("kind", "signup")))
                .doOnNext(row -> System.out.println("  row as a map: " + row))
                .thenMany(db.execute("SELECT id, kind, full_name FROM demo_event ORDER BY id", Event.class))
                .doOnNext(event -> System.out.println("  row as a record: " + event))
                .then(db.transaction(TransactionOptions.defaults().isolation(IsolationLevel.REPEATABLE_READ),
                                tx -> tx.executeUpdate("INSERT INTO demo_event VALUES (4, 'logout', 'Bob')")
                                        .then(tx.transaction(inner -> inner.executeUpdate(
                                                        "INSERT INTO demo_event VALUES (1, 'dup', 'x')"))
                                                .then()
                                                .onErrorResume(e -> {
                                                    System.out.println("  nested transaction rolled back to its savepoint: "
                                                            + e.getMessage());
                                                    return Mono.empty();
                                                })))
                        .then())
                .then(db.fetchVal("SELECT count(*) FROM demo_event", Long.class))
                .doOnNext(n -> System.out.println("after the transaction: " + n + " rows (the outer insert kept)"))
                .thenMany(db.session(s -> Flux.concat(s.fetchVal("SELECT pg_backend_pid()", Integer.class),
                        s.fetchVal("SELECT pg_backend_pid()", Integer.class))).collectList())
                .doOnNext(pids -> System.out.println("one session, one backend: " + pids))
                .then(db.stream("SELECT g FROM generate_series(1, %s) g", List.of(200_000), 2_000).count())
                .doOnNext(n -> System.out.println("streamed " + n + " rows, 2,000 per fetch"))
                .then(db.listen("demo_events")
                        .mergeWith(Flux.interval(Duration.ofMillis(50)).onBackpressureDrop()
                                .concatMap(i -> db.notify("demo_events", "hello from notify").then(Mono.<String>empty())))
                        .next()
                        .timeout(Duration.ofSeconds(10)))
                .doOnNext(payload -> System.out.println("listen heard: " + payload))
                .then(db.executeUpdate("DROP TABLE demo_event"))
                .then();
    }
}
