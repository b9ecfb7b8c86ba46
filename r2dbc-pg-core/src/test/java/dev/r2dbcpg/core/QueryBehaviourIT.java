package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.Result;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Pipelining, backpressure, cancellation and failure on one connection, against the real server. */
@ExtendWith(PostgresExtension.class)
class QueryBehaviourIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static PgConnectionFactory factory;
    private PgConnection connection;

    @BeforeAll
    static void factory(PostgresServer server) {
        factory = (PgConnectionFactory) ConnectionFactories.get(server.r2dbcUrl());
    }

    @BeforeEach
    void connect() {
        connection = factory.create().block(TIMEOUT);
    }

    @AfterEach
    void close() {
        connection.close().block(TIMEOUT);
    }

    @Test
    void thousandConcurrentStatementsOnOneConnectionAnswerInOrder() {
        Flux.range(0, 1_000)
                .flatMapSequential(i -> Flux.from(connection.createStatement("SELECT $1::int4 * 3").bind(0, i).execute())
                        .flatMap(r -> r.map((row, meta) -> row.get(0, Integer.class))), 1_000)
                .collectList()
                .as(StepVerifier::create)
                .assertNext(values -> {
                    assertThat(values).hasSize(1_000);
                    for (int i = 0; i < 1_000; i++) {
                        assertThat(values.get(i)).isEqualTo(i * 3);
                    }
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void millionRowsToASlowConsumerKeepTheHeapFlat() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peak = new AtomicLong();
        AtomicLong rows = new AtomicLong();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        Flux.from(connection.createStatement("SELECT generate_series(1, 1000000), repeat('x', 100)").execute())
                .flatMap(r -> r.map((row, meta) -> row.get(0, Integer.class)))
                .limitRate(100)
                .publishOn(Schedulers.single(), 32)
                .doOnNext(i -> {
                    // A slow consumer (one thread, small prefetch) that looks at the heap every 200,000 rows.
                    if (rows.incrementAndGet() % 200_000 == 0) {
                        System.gc();
                        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    }
                })
                .then()
                .as(StepVerifier::create)
                .expectComplete()
                .verify(Duration.ofMinutes(3));
        assertThat(rows.get()).isEqualTo(1_000_000);
        // 1,000,000 rows of ~110 bytes are ~110 MB if buffered; flat means a small, bounded growth.
        assertThat(peak.get() - before).as("heap growth while streaming").isLessThan(48L * 1024 * 1024);
    }

    @Test
    void takeTenOfAMillionRowsCancelsTheQueryAndLeavesTheConnectionUsable() {
        // generate_series in the select list streams (in FROM it would materialise first).
        Flux.from(connection.createStatement("SELECT generate_series(1, 100000000) AS g").execute())
                .flatMap(r -> r.map((row, meta) -> row.get(0, Integer.class)))
                .take(10)
                .collectList()
                .as(StepVerifier::create)
                .expectNext(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
                .expectComplete()
                .verify(Duration.ofSeconds(20));

        // The connection answers the next statement, and the big query is gone from the server.
        Flux.from(connection.createStatement("SELECT count(*) FROM pg_stat_activity WHERE query LIKE "
                        + "'%generate_series(1, 100000000) AS g%' AND state = 'active' AND pid <> pg_backend_pid()").execute())
                .flatMap(r -> r.map((row, meta) -> row.get(0, Long.class)))
                .as(StepVerifier::create)
                .expectNext(0L)
                .expectComplete()
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void takeTenOfAMillionRowsInsideATransactionDrainsInsteadOfAbortingIt() {
        run("CREATE TEMP TABLE kept (i int)");
        connection.beginTransaction().block(TIMEOUT);
        run("INSERT INTO kept VALUES (1), (2)");
        Flux.from(connection.createStatement("SELECT generate_series(1, 1000000) AS g").execute())
                .flatMap(r -> r.map((row, meta) -> row.get(0, Integer.class)))
                .take(10)
                .collectList()
                .as(StepVerifier::create)
                .expectNext(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
                .expectComplete()
                .verify(TIMEOUT);
        // No CancelRequest: the transaction is not aborted, the next statement and the commit succeed.
        run("INSERT INTO kept VALUES (3)");
        connection.commitTransaction().block(TIMEOUT);
        assertThat(Flux.from(connection.createStatement("SELECT count(*) FROM kept").execute())
                .flatMap(r -> r.map((row, meta) -> row.get(0, Long.class))).single().block(TIMEOUT)).isEqualTo(3L);
    }

    private void run(String sql) {
        Flux.from(connection.createStatement(sql).execute()).flatMap(Result::getRowsUpdated).blockLast(TIMEOUT);
    }

    @Test
    void terminatedBackendFailsPendingSubscribersPromptly() {
        int pid = connection.processId();
        Mono<List<Integer>> pending = Flux.from(connection.createStatement("SELECT pg_sleep(30)::text::int").execute())
                .flatMap(r -> r.map((row, meta) -> 1)).collectList();
        Mono<Void> kill = Mono.usingWhen(factory.create(),
                other -> Flux.from(other.createStatement("SELECT pg_terminate_backend($1)").bind(0, pid).execute())
                        .flatMap(Result::getRowsUpdated).then(),
                Connection::close);
        Mono.when(pending.then(), kill.delaySubscription(Duration.ofMillis(200)))
                .as(StepVerifier::create)
                .expectError()
                .verify(Duration.ofSeconds(15));
        assertThat(connection.validate(io.r2dbc.spi.ValidationDepth.LOCAL).block(TIMEOUT)).isFalse();
        Flux.from(connection.createStatement("SELECT 1").execute())
                .as(StepVerifier::create)
                .expectError(R2dbcNonTransientResourceException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void cachedStatementIsPreparedAgainAfterAlterTable() {
        run("DROP TABLE IF EXISTS cache_alter", "CREATE TABLE cache_alter (id int, a text)",
                "INSERT INTO cache_alter VALUES (1, 'one')");
        String sql = "SELECT * FROM cache_alter WHERE id = $1";
        assertThat(columns(sql)).isEqualTo(2);
        run("ALTER TABLE cache_alter ADD COLUMN b text DEFAULT 'bee'");
        assertThat(columns(sql)).isEqualTo(3);
        run("ALTER TABLE cache_alter DROP COLUMN a");
        assertThat(columns(sql)).isEqualTo(2);
        run("DROP TABLE cache_alter");
    }

    @Test
    void statementTimeoutIsATimeoutException() {
        connection.setStatementTimeout(Duration.ofMillis(100)).block(TIMEOUT);
        Flux.from(connection.createStatement("SELECT pg_sleep(5)").execute())
                .flatMap(Result::getRowsUpdated)
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(R2dbcTimeoutException.class)
                        .hasMessageContaining("57014"))
                .verify(TIMEOUT);
        connection.setStatementTimeout(Duration.ZERO).block(TIMEOUT);
    }

    @Test
    void explicitCancelStopsARunningStatement() {
        Mono<Long> sleeping = Flux.from(connection.createStatement("SELECT pg_sleep(30)").execute())
                .flatMap(Result::getRowsUpdated).then(Mono.just(0L));
        Mono.when(sleeping, connection.cancel().delaySubscription(Duration.ofMillis(300)))
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(R2dbcTimeoutException.class))
                .verify(Duration.ofSeconds(15));
        assertThat(connection.validate(io.r2dbc.spi.ValidationDepth.REMOTE).block(TIMEOUT)).isTrue();
    }

    @Test
    void noticesArriveAsMessageSegmentsAndAtTheConnectionListener() {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        connection.onNotice(details -> heard.add(details.message()));
        Flux.from(connection.createStatement("DO $$ BEGIN RAISE NOTICE 'hello %', 42; END $$").execute())
                .flatMap(r -> r.flatMap(segment -> Mono.just(segment instanceof Result.Message m ? m.message() : "other")))
                .as(StepVerifier::create)
                .expectNextMatches(m -> m.contains("hello 42"))
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(heard).contains("hello 42");
    }

    private int columns(String sql) {
        return Flux.from(connection.createStatement(sql).bind(0, 1).execute())
                .flatMap(r -> r.map((row, meta) -> meta.getColumnMetadatas().size()))
                .single()
                .block(TIMEOUT);
    }

    private void run(String... statements) {
        for (String sql : statements) {
            Flux.from(connection.createStatement(sql).execute()).flatMap(Result::getRowsUpdated).blockLast(TIMEOUT);
        }
    }
}
