package dev.r2dbcpg.examples;

import dev.r2dbcpg.core.error.PgServerError;
import dev.r2dbcpg.testing.PostgresFixture;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Result;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A short tour of r2dbc-pg through the plain R2DBC API: create a table, insert with binds, run a
 * batch, select and map rows, roll back to a savepoint inside a transaction, stream a large query with
 * backpressure, and show a server error with its SQLSTATE and detail.
 *
 * <p>Run with no argument to use an embedded PostgreSQL started for the demo, or pass an R2DBC URL
 * ({@code r2dbc:postgresql://user:password@host:5432/db}).
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) {
        String url = args.length > 0 && !args[0].isBlank() ? args[0] : PostgresFixture.shared().r2dbcUrl();
        ConnectionFactory factory = ConnectionFactories.get(url);
        Mono.usingWhen(factory.create(), Demo::tour, Connection::close)
                .block(Duration.ofMinutes(2));
        System.out.println("Done.");
    }

    private static Mono<Void> tour(Connection c) {
        return step("Create a table",
                run(c, "DROP TABLE IF EXISTS demo_account; CREATE TABLE demo_account ("
                        + "id int PRIMARY KEY, owner text NOT NULL, balance numeric(12,2) NOT NULL CHECK (balance >= 0))"))
                .then(step("Insert with bound parameters", Flux.range(1, 3)
                        .concatMap(i -> Flux.from(c.createStatement("INSERT INTO demo_account VALUES ($1, $2, $3)")
                                .bind("$1", i).bind("$2", "owner-" + i).bind("$3", new BigDecimal("100.00"))
                                .execute()).flatMap(Result::getRowsUpdated))
                        .reduce(0L, Long::sum)
                        .doOnNext(n -> System.out.println("  inserted " + n + " rows"))
                        .then()))
                .then(step("A batch: several bindings, one pipelined exchange", Flux.from(
                        c.createStatement("INSERT INTO demo_account VALUES ($1, $2, $3)")
                                .bind(0, 4).bind(1, "owner-4").bind(2, new BigDecimal("5.50")).add()
                                .bind(0, 5).bind(1, "owner-5").bind(2, new BigDecimal("7.25"))
                                .execute())
                        .flatMap(Result::getRowsUpdated).reduce(0L, Long::sum)
                        .doOnNext(n -> System.out.println("  batch inserted " + n + " rows"))
                        .then()))
                .then(step("Select and map rows", Flux.from(
                        c.createStatement("SELECT id, owner, balance FROM demo_account WHERE balance > $1 ORDER BY id")
                                .bind("$1", BigDecimal.TEN).execute())
                        .flatMap(r -> r.map((row, meta) -> String.format("  #%d %-8s %8s",
                                row.get("id", Integer.class), row.get("owner", String.class),
                                row.get("balance", BigDecimal.class))))
                        .doOnNext(System.out::println)
                        .then()))
                .then(step("A transaction with a savepoint rolled back", Mono.from(c.beginTransaction())
                        .then(run(c, "UPDATE demo_account SET balance = balance - 10 WHERE id = 1"))
                        .then(Mono.from(c.createSavepoint("before_mistake")))
                        .then(run(c, "DELETE FROM demo_account"))
                        .then(Mono.from(c.rollbackTransactionToSavepoint("before_mistake")))
                        .then(Mono.from(c.commitTransaction()))
                        .then(count(c))
                        .doOnNext(n -> System.out.println("  rows after rolling back the DELETE: " + n))
                        .then()))
                .then(step("Stream 100,000 rows with backpressure (64 at a time)", streamed(c)))
                .then(step("A server error, with its SQLSTATE and detail",
                        run(c, "INSERT INTO demo_account VALUES (1, 'duplicate', 1)")
                                .onErrorResume(R2dbcException.class, e -> {
                                    System.out.println("  SQLSTATE " + e.getSqlState() + ": " + e.getMessage());
                                    if (e instanceof PgServerError pg) {
                                        System.out.println("  detail: " + pg.errorDetails().detail()
                                                + ", constraint: " + pg.errorDetails().constraintName());
                                    }
                                    return Mono.empty();
                                })))
                .then(run(c, "DROP TABLE demo_account"));
    }

    private static Mono<Void> streamed(Connection c) {
        AtomicLong rows = new AtomicLong();
        return Flux.from(c.createStatement("SELECT g, md5(g::text) FROM generate_series(1, 100000) g").execute())
                .flatMap(r -> r.map((row, meta) -> row.get(0, Integer.class)))
                .limitRate(64)
                .doOnNext(i -> rows.incrementAndGet())
                .reduce(0L, (sum, i) -> sum + i)
                .doOnNext(sum -> System.out.println("  read " + rows.get() + " rows, sum of ids " + sum))
                .then();
    }

    private static Mono<Long> count(Connection c) {
        return Flux.from(c.createStatement("SELECT count(*) FROM demo_account").execute())
                .flatMap(r -> r.map((row, meta) -> row.get(0, Long.class)))
                .single();
    }

    private static Mono<Void> run(Connection c, String sql) {
        return Flux.from(c.createStatement(sql).execute()).flatMap(Result::getRowsUpdated).then();
    }

    private static Mono<Void> step(String title, Mono<Void> body) {
        return Mono.fromRunnable(() -> System.out.println("== " + title)).then(body);
    }
}
