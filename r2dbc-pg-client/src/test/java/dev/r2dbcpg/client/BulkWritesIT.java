package dev.r2dbcpg.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.core.PgConnection;
import dev.r2dbcpg.core.PgConnectionFactory;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.R2dbcException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

@ExtendWith(PostgresExtension.class)
class BulkWritesIT {

    private static final Duration TIMEOUT = TestSql.TIMEOUT;

    private static PgConnection connection;

    record Player(int id, String userName, @Nullable Double highScore) {
    }

    record Other(int id) {
    }

    @BeforeAll
    static void connect(PostgresServer server) {
        connection = ((PgConnectionFactory) ConnectionFactories.get(server.r2dbcUrl())).create().block(TIMEOUT);
    }

    @AfterAll
    static void close() {
        connection.close().block(TIMEOUT);
    }

    /** Every test leaves the connection idle and usable. */
    @AfterEach
    void connectionIsUsable() {
        assertThat(connection.transactionStatus()).isEqualTo('I');
        assertThat(queryText("SELECT 'ok'")).isEqualTo("ok");
    }

    // ---------------------------------------------------------------- helpers

    private static String table(String columns) {
        return TestSql.table(connection, "bulk_", columns);
    }

    private static void run(String sql) {
        TestSql.run(connection, sql);
    }

    private static String queryText(String sql) {
        return TestSql.queryText(connection, sql);
    }

    private static long count(String table) {
        return Long.parseLong(queryText("SELECT count(*) FROM " + table));
    }

    private static String content(String table) {
        return queryText("SELECT string_agg(t::text, ' ' ORDER BY t) FROM " + table + " t");
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    private static Flux<Map<String, Object>> numbered(int from, int to) {
        return Flux.range(from, to - from + 1).map(i -> row("id", i, "name", "n" + i));
    }

    /** The four methods, for the tests that every one of them must pass. */
    private static List<Function<String, Mono<Long>>> everyMethod(Publisher<?> rows) {
        return List.of(
                t -> BulkWrites.insertBatch(connection, t, rows, null),
                t -> BulkWrites.insertMany(connection, t, rows, null),
                t -> BulkWrites.upsertMany(connection, t, rows, List.of("id"), null),
                t -> BulkWrites.copyInsert(connection, t, rows));
    }

    // ---------------------------------------------------------------- maps and records

    @Test
    void everyMethodWritesMapsWithNulls() {
        for (Function<String, Mono<Long>> method : everyMethod(Flux.just(row("id", 1, "name", "a", "note", null),
                row("id", 2, "name", null, "note", "it's \"quoted\""), row("id", 3, "name", "ü日", "note", "")))) {
            String t = table("id int PRIMARY KEY, name text, note text");
            StepVerifier.create(method.apply(t)).expectNext(3L).expectComplete().verify(TIMEOUT);
            assertThat(content(t)).isEqualTo("(1,a,) (2,,\"it's \"\"quoted\"\"\") (3,ü日,\"\")");
        }
    }

    @Test
    void everyMethodWritesRecordsWithCamelCaseComponentsAsSnakeCaseColumns() {
        for (Function<String, Mono<Long>> method : everyMethod(Flux.just(new Player(1, "ann", 2.5),
                new Player(2, "bob", null)))) {
            String t = table("id int PRIMARY KEY, user_name text, high_score float8");
            StepVerifier.create(method.apply(t)).expectNext(2L).expectComplete().verify(TIMEOUT);
            assertThat(content(t)).isEqualTo("(1,ann,2.5) (2,bob,)");
        }
    }

    @Test
    void everyMethodWritesNoRowsForAnEmptyInput() {
        for (Function<String, Mono<Long>> method : everyMethod(Flux.empty())) {
            String t = table("id int PRIMARY KEY, name text");
            StepVerifier.create(method.apply(t)).expectNext(0L).expectComplete().verify(TIMEOUT);
        }
    }

    @Test
    void schemaQualifiedAndQuotedNamesAreKept() {
        run("CREATE SCHEMA IF NOT EXISTS bulk_app");
        run("CREATE TABLE IF NOT EXISTS bulk_app.\"Mixed Users\" (id int PRIMARY KEY, \"Odd Col\" text, \"camelCol\" text)");
        run("TRUNCATE bulk_app.\"Mixed Users\"");
        Map<String, Object> first = row("id", 1, "\"Odd Col\"", "x", "camelCol", "y");
        StepVerifier.create(BulkWrites.insertBatch(connection, "bulk_app.\"Mixed Users\"", Flux.just(first), null))
                .expectNext(1L).expectComplete().verify(TIMEOUT);
        StepVerifier.create(BulkWrites.copyInsert(connection, "bulk_app.\"Mixed Users\"",
                Flux.just(row("id", 2, "\"Odd Col\"", "p", "camelCol", "q")))).expectNext(1L).expectComplete().verify(TIMEOUT);
        assertThat(content("bulk_app.\"Mixed Users\"")).isEqualTo("(1,x,y) (2,p,q)");
    }

    // ---------------------------------------------------------------- rows that differ

    @Test
    void aLaterRowWithOtherKeysFailsNamingItsIndexAndKeysAndWritesNothing() {
        Flux<Object> rows = Flux.just(row("id", 1, "name", "a"), row("id", 2, "name", "b"), row("id", 3, "nam", "c"));
        for (Function<String, Mono<Long>> method : everyMethod(rows)) {
            String t = table("id int PRIMARY KEY, name text");
            StepVerifier.create(method.apply(t)).expectErrorSatisfies(e -> assertThat(e)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Row 2 has the keys [id, nam] but the first row (row 0) has [id, name]"))
                    .verify(TIMEOUT);
            assertThat(count(t)).isZero();
        }
    }

    @Test
    void aLaterRowOfAnotherKindFails() {
        for (Function<String, Mono<Long>> method : everyMethod(Flux.just(new Other(1), row("id", 2)))) {
            String t = table("id int PRIMARY KEY, name text");
            StepVerifier.create(method.apply(t)).expectErrorSatisfies(e -> assertThat(e)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Row 1 is a Map with the keys [id] but the first row (row 0) is a")
                    .hasMessageContaining("Other")).verify(TIMEOUT);
            assertThat(count(t)).isZero();
        }
    }

    @Test
    void aRowThatIsNeitherMapNorRecordIsRefused() {
        for (Function<String, Mono<Long>> method : everyMethod(Flux.just("not a row"))) {
            String t = table("id int");
            StepVerifier.create(method.apply(t)).expectErrorSatisfies(e -> assertThat(e)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("a row must be a Map<String, ?> or a record")).verify(TIMEOUT);
        }
    }

    @Test
    void aValueWithoutCodecFailsNamingRowAndColumn() {
        String t = table("id int, name text");
        Flux<Map<String, Object>> rows = Flux.just(row("id", 1, "name", "a"), row("id", 2, "name", new Object()));
        StepVerifier.create(BulkWrites.insertBatch(connection, t, rows, null)).expectErrorSatisfies(e -> assertThat(e)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Row 1, column \"name\"")).verify(TIMEOUT);
        assertThat(count(t)).isZero();
    }

    // ---------------------------------------------------------------- names from callers

    @Test
    void injectionThroughTableSchemaOrColumnNamesIsRefusedAndCreatesNothing() {
        run("CREATE TABLE IF NOT EXISTS bulk_victim (id int)");
        String t = table("id int PRIMARY KEY, name text");
        List<String> badTables = List.of(t + "; DROP TABLE bulk_victim", t + " (id) SELECT 1; CREATE TABLE bulk_evil (x int); --",
                "bulk_victim\"; DROP TABLE bulk_victim; --", "public; DROP TABLE bulk_victim --." + t, "a.b.c." + t,
                "\"" + t + "\" --", "");
        for (String bad : badTables) {
            for (Function<String, Mono<Long>> method : everyMethod(numbered(1, 2))) {
                StepVerifier.create(method.apply(bad)).expectError(IllegalArgumentException.class).verify(TIMEOUT);
            }
        }
        Map<String, Object> badColumn = row("id", 1, "name) VALUES (1, 'x'); CREATE TABLE bulk_evil (x int); --", "x");
        for (Function<String, Mono<Long>> method : everyMethod(Flux.just(badColumn))) {
            StepVerifier.create(method.apply(t)).expectErrorSatisfies(e -> assertThat(e)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a valid column name"))
                    .verify(TIMEOUT);
        }
        StepVerifier.create(BulkWrites.upsertMany(connection, t, numbered(1, 1), List.of("id) DO NOTHING; --"), null))
                .expectError(IllegalArgumentException.class).verify(TIMEOUT);
        StepVerifier.create(BulkWrites.upsertMany(connection, t, numbered(1, 1), List.of("id"), List.of("name = 'x'")))
                .expectError(IllegalArgumentException.class).verify(TIMEOUT);
        assertThat(queryText("SELECT to_regclass('bulk_victim') IS NOT NULL AND to_regclass('bulk_evil') IS NULL"))
                .isEqualTo("true");
        assertThat(count(t)).isZero();
    }

    // ---------------------------------------------------------------- insertBatch

    @Test
    void insertBatchChunksAcrossTheParameterLimit() {
        String t = table("id int PRIMARY KEY, name text");
        // 35,000 rows of 2 columns are 70,000 parameters, more than one statement can take: 70 statements of 500
        // rows, sent as 5 pipelined batches of up to 16.
        StepVerifier.create(BulkWrites.insertBatch(connection, t, numbered(1, 35_000), null))
                .expectNext(35_000L).expectComplete().verify(TIMEOUT);
        assertThat(queryText("SELECT count(*) || ' ' || sum(id) || ' ' || max(name) FROM " + t))
                .isEqualTo("35000 612517500 n9999");
    }

    @Test
    void insertBatchOverSeveralStatementsIsAllOrNothing() {
        String t = table("id int PRIMARY KEY, name text");
        // 500 rows per statement: the duplicate is the third statement's only row, and the rows of the two
        // statements before it are rolled back with it.
        Flux<Map<String, Object>> rows = numbered(1, 1_000).concatWith(Flux.just(row("id", 7, "name", "dup")));
        StepVerifier.create(BulkWrites.insertBatch(connection, t, rows, null))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(R2dbcException.class)
                        .hasMessageContaining("duplicate key")).verify(TIMEOUT);
        assertThat(count(t)).isZero();
    }

    @Test
    void insertBatchTakesPartInTheCallersTransaction() {
        String t = table("id int PRIMARY KEY, name text");
        Long written = Mono.from(connection.beginTransaction())
                .then(BulkWrites.insertBatch(connection, t, numbered(1, 100), null))
                .flatMap(n -> Mono.from(connection.rollbackTransaction()).thenReturn(n)).block(TIMEOUT);
        assertThat(written).isEqualTo(100L);
        assertThat(count(t)).isZero();
    }

    @Test
    void insertBatchAppendsOnConflict() {
        String t = table("id int PRIMARY KEY, name text");
        run("INSERT INTO " + t + " VALUES (2, 'old')");
        StepVerifier.create(BulkWrites.insertBatch(connection, t, numbered(1, 3), "(id) DO NOTHING"))
                .expectNext(2L).expectComplete().verify(TIMEOUT);
        StepVerifier.create(BulkWrites.insertBatch(connection, t, numbered(3, 4), "(id) DO UPDATE SET name = 'again'"))
                .expectNext(2L).expectComplete().verify(TIMEOUT);
        assertThat(content(t)).isEqualTo("(1,n1) (2,old) (3,again) (4,n4)");
    }

    @Test
    void onConflictIsNeverASecondStatement() {
        String t = table("id int PRIMARY KEY, name text");
        // Bound parameters mean the extended protocol, where the server refuses more than one statement.
        StepVerifier.create(BulkWrites.insertBatch(connection, t, numbered(1, 1), "DO NOTHING; CREATE TABLE bulk_evil2 (x int)"))
                .expectError(R2dbcException.class).verify(TIMEOUT);
        assertThat(queryText("SELECT to_regclass('bulk_evil2') IS NULL")).isEqualTo("true");
    }

    // ---------------------------------------------------------------- insertMany

    @Test
    void insertManyRunsPipelinedBatchesAndIsAllOrNothing() {
        String t = table("id int PRIMARY KEY, name text");
        StepVerifier.create(BulkWrites.insertMany(connection, t, numbered(1, 1_001), null))
                .expectNext(1_001L).expectComplete().verify(TIMEOUT);
        assertThat(queryText("SELECT sum(id) FROM " + t)).isEqualTo("501501");

        String u = table("id int PRIMARY KEY, name text");
        Flux<Map<String, Object>> rows = numbered(1, 1_000).concatWith(Flux.just(row("id", 5, "name", "dup")));
        StepVerifier.create(BulkWrites.insertMany(connection, u, rows, null))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("duplicate key")).verify(TIMEOUT);
        assertThat(count(u)).isZero();
    }

    @Test
    void insertManyAppendsOnConflict() {
        String t = table("id int PRIMARY KEY, name text");
        run("INSERT INTO " + t + " VALUES (1, 'old')");
        StepVerifier.create(BulkWrites.insertMany(connection, t, numbered(1, 3), "(id) DO NOTHING"))
                .expectNext(2L).expectComplete().verify(TIMEOUT);
        assertThat(content(t)).isEqualTo("(1,old) (2,n2) (3,n3)");
    }

    // ---------------------------------------------------------------- upsertMany

    @Test
    void upsertManyUpdatesEveryOtherColumnByDefault() {
        String t = table("id int PRIMARY KEY, name text, score int");
        run("INSERT INTO " + t + " VALUES (1, 'old', 10), (2, 'keep', 20)");
        Flux<Map<String, Object>> rows = Flux.just(row("id", 1, "name", "new", "score", 11), row("id", 3, "name", "c", "score", 30));
        StepVerifier.create(BulkWrites.upsertMany(connection, t, rows, List.of("id"), null))
                .expectNext(2L).expectComplete().verify(TIMEOUT);
        assertThat(content(t)).isEqualTo("(1,new,11) (2,keep,20) (3,c,30)");
    }

    @Test
    void upsertManyUpdatesOnlyTheNamedColumns() {
        String t = table("id int PRIMARY KEY, name text, score int");
        run("INSERT INTO " + t + " VALUES (1, 'old', 10)");
        Flux<Map<String, Object>> rows = Flux.just(row("id", 1, "name", "new", "score", 99));
        StepVerifier.create(BulkWrites.upsertMany(connection, t, rows, List.of("id"), List.of("score")))
                .expectNext(1L).expectComplete().verify(TIMEOUT);
        assertThat(content(t)).isEqualTo("(1,old,99)");
    }

    @Test
    void upsertManyWithNoUpdateColumnsDoesNothingOnConflict() {
        String t = table("id int PRIMARY KEY, name text");
        run("INSERT INTO " + t + " VALUES (1, 'old')");
        StepVerifier.create(BulkWrites.upsertMany(connection, t, numbered(1, 2), List.of("id"), List.of()))
                .expectNext(1L).expectComplete().verify(TIMEOUT);
        assertThat(content(t)).isEqualTo("(1,old) (2,n2)");
    }

    @Test
    void upsertManyWithRecords() {
        String t = table("id int PRIMARY KEY, user_name text, high_score float8");
        run("INSERT INTO " + t + " SELECT i, 'old', 0 FROM generate_series(1, 500) i");
        List<Player> players = new ArrayList<>();
        for (int i = 1; i <= 1_000; i++) {
            players.add(new Player(i, "p" + i, (double) i));
        }
        StepVerifier.create(BulkWrites.upsertMany(connection, t, Flux.fromIterable(players), List.of("id"), null))
                .expectNext(1_000L).expectComplete().verify(TIMEOUT);
        assertThat(queryText("SELECT count(*) || ' ' || sum(high_score) || ' ' || count(*) FILTER (WHERE user_name = 'old') FROM " + t))
                .isEqualTo("1000 500500 0");
    }

    @Test
    void upsertManyRefusesAnUpdateColumnTheRowsDoNotHave() {
        String t = table("id int PRIMARY KEY, name text, score int");
        StepVerifier.create(BulkWrites.upsertMany(connection, t, numbered(1, 1), List.of("id"), List.of("score")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("Update column \"score\" is not a column of the rows")).verify(TIMEOUT);
        StepVerifier.create(BulkWrites.upsertMany(connection, t, numbered(1, 1), List.of(), null))
                .expectError(IllegalArgumentException.class).verify(TIMEOUT);
        assertThat(count(t)).isZero();
    }

    // ---------------------------------------------------------------- copyInsert

    @Test
    void copyInsertLoadsManyRowsInColumnsOrderOfTheRows() {
        String t = table("name text, id int PRIMARY KEY");
        StepVerifier.create(BulkWrites.copyInsert(connection, t, numbered(1, 20_000)))
                .expectNext(20_000L).expectComplete().verify(TIMEOUT);
        assertThat(queryText("SELECT count(*) || ' ' || sum(id) || ' ' || min(name) FROM " + t))
                .isEqualTo("20000 200010000 n1");
    }

    @Test
    void copyInsertFailureRollsBackAndKeepsTheConnection() {
        String t = table("id int PRIMARY KEY, name text");
        StepVerifier.create(BulkWrites.copyInsert(connection, t, numbered(1, 10).concatWith(numbered(3, 3))))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("duplicate key")).verify(TIMEOUT);
        StepVerifier.create(BulkWrites.copyInsert(connection, "bulk_missing_table", numbered(1, 1)))
                .expectError(R2dbcException.class).verify(TIMEOUT);
        assertThat(count(t)).isZero();
    }
}
