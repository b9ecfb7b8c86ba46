package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.netty.buffer.PooledByteBufAllocator;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.R2dbcException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

@ExtendWith(PostgresExtension.class)
class CopyIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int MILLION = 1_000_000;
    /** 100 characters of padding: 1M rows are over 100 MB, more than the heap bound allows to hold. */
    private static final String PAD = "x".repeat(100);
    private static final long BOUND = 64L << 20;

    private static PgConnectionFactory factory;
    private static PgConnection connection;

    @BeforeAll
    static void connect(PostgresServer server) {
        factory = (PgConnectionFactory) ConnectionFactories.get(server.r2dbcUrl());
        connection = factory.create().block(TIMEOUT);
    }

    @AfterAll
    static void close() {
        connection.close().block(TIMEOUT);
    }

    private static String table(String columns) {
        String name = "copy_" + UUID.randomUUID().toString().replace("-", "");
        run("CREATE TABLE " + name + " (" + columns + ")");
        return name;
    }

    private static void run(String sql) {
        connection.createStatement(sql).execute().concatMap(PgResult::getRowsUpdated).then().block(TIMEOUT);
    }

    private static long count(String table) {
        return connection.createStatement("SELECT count(*) FROM " + table).execute()
                .concatMap(r -> r.map((row, m) -> row.get(0, Long.class))).blockLast(TIMEOUT);
    }

    /** Used heap plus pooled direct memory, after a full GC: what is actually retained. */
    private static long retained() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
                + PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
    }

    /** A generated source that measures what is retained every 200,000 elements, on its own thread. */
    private static <T> Flux<T> measured(Function<Integer, T> row, AtomicLong peak) {
        return Flux.range(1, MILLION).map(i -> {
            if (i % 200_000 == 0) {
                peak.accumulateAndGet(retained(), Math::max);
            }
            return row.apply(i);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Test
    void copiesAMillionTextRowsInWithBoundedMemory() {
        String table = table("id int, pad text");
        long before = retained();
        AtomicLong peak = new AtomicLong();
        connection.copyIn("COPY " + table + " FROM STDIN", measured(i -> i + "\t" + PAD + "\n", peak))
                .as(StepVerifier::create)
                .expectNext((long) MILLION)
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(peak.get() - before).isLessThan(BOUND);
        assertThat(count(table)).isEqualTo(MILLION);
    }

    record Item(int id, String name, LocalDate day) {
    }

    @Test
    void copiesAMillionRowsInBinaryFormatWithBoundedMemory() {
        String table = table("id int, name text, day date");
        long before = retained();
        AtomicLong peak = new AtomicLong();
        connection.copyInRows(table, measured(i -> new Item(i, PAD + i, LocalDate.ofEpochDay(i % 1000)), peak),
                        CopyOptions.defaults())
                .as(StepVerifier::create)
                .expectNext((long) MILLION)
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(peak.get() - before).isLessThan(BOUND);
        assertThat(connection.createStatement("SELECT sum(id), max(day), min(length(name)) FROM " + table).execute()
                .concatMap(r -> r.map((row, m) -> List.of(row.get(0, Long.class), row.get(1, LocalDate.class),
                        row.get(2, Integer.class)))).blockLast(TIMEOUT))
                .containsExactly((long) MILLION * (MILLION + 1) / 2, LocalDate.ofEpochDay(999), PAD.length() + 1);
    }

    @Test
    void copiesAMillionRowsOutToASlowConsumerWithBoundedMemory() {
        String table = table("id int, pad text");
        run("INSERT INTO " + table + " SELECT g, repeat('x', 100) FROM generate_series(1, " + MILLION + ") g");
        long before = retained();
        AtomicLong peak = new AtomicLong();
        AtomicLong rows = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        // Takes 100,000 rows at a time, then stalls 100 ms: meanwhile the server keeps sending, and only
        // paused socket reads keep the driver from buffering the rest.
        Mono<Void> done = Mono.create(sink -> connection.copyOut("COPY " + table + " TO STDOUT")
                .subscribe(new BaseSubscriber<byte[]>() {
                    @Override
                    protected void hookOnSubscribe(Subscription subscription) {
                        request(100_000);
                    }

                    @Override
                    protected void hookOnNext(byte[] row) {
                        bytes.addAndGet(row.length);
                        if (rows.incrementAndGet() % 100_000 == 0) {
                            Mono.delay(Duration.ofMillis(100)).publishOn(Schedulers.boundedElastic()).subscribe(t -> {
                                peak.accumulateAndGet(retained(), Math::max);
                                request(100_000);
                            });
                        }
                    }

                    @Override
                    protected void hookOnComplete() {
                        sink.success();
                    }

                    @Override
                    protected void hookOnError(Throwable error) {
                        sink.error(error);
                    }
                }));
        done.as(StepVerifier::create).expectComplete().verify(TIMEOUT);
        assertThat(rows.get()).isEqualTo(MILLION);
        assertThat(bytes.get()).isGreaterThan(100L * MILLION);
        assertThat(peak.get() - before).isLessThan(BOUND);
    }

    @Test
    void sourceErrorMidCopyLeavesNoRowsAndAUsableConnection() {
        String table = table("id int");
        IllegalStateException boom = new IllegalStateException("source broke");
        connection.copyIn("COPY " + table + " FROM STDIN",
                        Flux.range(1, 50_000).map(i -> i + "\n").concatWith(Flux.error(boom)))
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(boom))
                .verify(TIMEOUT);
        assertThat(count(table)).isZero();
        assertThat(connection.transactionStatus()).isEqualTo('I');
    }

    @Test
    void cancelledCopyInIsRolledBackAndTheConnectionStaysUsable() {
        String table = table("id int");
        connection.copyIn("COPY " + table + " FROM STDIN", Flux.range(1, MILLION).map(i -> i + "\n")
                        .delayElements(Duration.ofMillis(1)))
                .as(StepVerifier::create)
                .thenAwait(Duration.ofMillis(200))
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(count(table)).isZero();
    }

    @Test
    void badDataFailsWithTheServerErrorAndTheConnectionStaysUsable() {
        String table = table("id int");
        connection.copyIn("COPY " + table + " FROM STDIN", Flux.just("1\n", "two\n", "3\n"))
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(((R2dbcException) e).getSqlState()).isEqualTo("22P02"))
                .verify(TIMEOUT);
        assertThat(count(table)).isZero();
    }

    @Test
    void acceptsByteArraysByteBuffersAndStrings() {
        String table = table("id int, name text");
        connection.copyIn("COPY " + table + " FROM STDIN", Flux.just("1\ta\n", "2\tb\n".getBytes(StandardCharsets.UTF_8),
                        java.nio.ByteBuffer.wrap("3\tc\n".getBytes(StandardCharsets.UTF_8))))
                .as(StepVerifier::create)
                .expectNext(3L)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void csvRoundTripWithQuotedIdentifiersAndOptions() {
        String table = table("\"Id\" int, \"odd \"\"name\" text");
        CopyOptions in = CopyOptions.builder().columns("Id", "\"odd \"\"name\"").format(CopyOptions.Format.CSV)
                .header(true).delimiter(";").nullString("NULL").forceNull("\"odd \"\"name\"").build();
        connection.copyToTable(table, Flux.just("Id;odd \"\"name\n1;it's\n2;NULL\n3;\"\"\n"), in)
                .as(StepVerifier::create)
                .expectNext(3L)
                .expectComplete()
                .verify(TIMEOUT);
        CopyOptions out = CopyOptions.builder().columns("\"odd \"\"name\"").format(CopyOptions.Format.CSV)
                .forceQuote().nullString("-").build();
        connection.copyFromTable(table, out).map(b -> new String(b, StandardCharsets.UTF_8))
                .as(StepVerifier::create)
                .expectNext("\"it's\"\n", "-\n", "\"\"\n")
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void copyOutRowsDecodesBinaryCopy() {
        connection.copyOutRows("SELECT g AS id, 'n' || g AS name, NULL::date AS day FROM generate_series(1, 3) g",
                        (row, metadata) -> row.get("id", Integer.class) + row.get("name", String.class)
                                + row.get("day", LocalDate.class))
                .as(StepVerifier::create)
                .expectNext("1n1null", "2n2null", "3n3null")
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void copyInRowsTakesMapsAndLists() {
        String table = table("id int, name text");
        connection.copyInRows(table, Flux.just(Map.of("id", 1, "name", "a"), List.of(2, "b"), new Object[] {3, null}),
                        CopyOptions.defaults())
                .as(StepVerifier::create)
                .expectNext(3L)
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(connection.copyFromQuery("SELECT * FROM " + table + " ORDER BY id", CopyOptions.defaults())
                .map(b -> new String(b, StandardCharsets.UTF_8)).collectList().block(TIMEOUT))
                .containsExactly("1\ta\n", "2\tb\n", "3\t\\N\n");
    }

    @Test
    void copyInRowsIntoColumnsWhoseNamesNeedQuotes() {
        // The columns come from the server's description, not from a caller: any name, quoted as it is.
        String table = table("id int, \"Odd Col\" text, \"we\"\"ird\" text");
        connection.copyInRows(table, Flux.just(List.of(1, "a", "b")), CopyOptions.defaults())
                .as(StepVerifier::create)
                .expectNext(1L)
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(connection.copyFromQuery("SELECT * FROM " + table, CopyOptions.defaults())
                .map(b -> new String(b, StandardCharsets.UTF_8)).collectList().block(TIMEOUT))
                .containsExactly("1\ta\tb\n");
    }

    @Test
    void aStatementThatIsNotCopyFailsAndTheConnectionStaysUsable() {
        connection.copyIn("SELECT 1", Flux.just("1\n"))
                .as(StepVerifier::create)
                .expectError(IllegalArgumentException.class)
                .verify(TIMEOUT);
        connection.copyOut("SELECT 1")
                .as(StepVerifier::create)
                .expectError(IllegalArgumentException.class)
                .verify(TIMEOUT);
        assertThat(count("(SELECT 1) q")).isEqualTo(1);
    }
}
