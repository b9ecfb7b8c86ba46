package dev.r2dbcpg.client.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.r2dbcpg.client.arrow.PgArrow.IfExists;
import dev.r2dbcpg.core.PgConnection;
import dev.r2dbcpg.core.PgConnectionFactory;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.Result;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

@ExtendWith(PostgresExtension.class)
class PgArrowIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Every type of the mapping; row 2 is all NULLs. */
    private static final String ALL_TYPES = "id int4, b bool, i2 int2, i8 int8, f4 float4, f8 float8, n numeric(12, 3),"
            + " nu numeric, t text, vc varchar(20), ch char(3), by bytea, d date, ts timestamp, tz timestamptz, tm time,"
            + " u uuid, j json, jb jsonb, iv interval";
    private static final String ROW_1 = "(1, true, -32768, 9223372036854775807, 1.5, -2.25e300, 123456789.125, 'NaN',"
            + " 'héllo ✓', 'varchar', 'ab', '\\x00ff10', '2000-01-01', '1999-12-31 23:59:59.999999',"
            + " '2024-02-29 12:00:00+00', '23:59:59.5', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": [1, 2]}',"
            + " '{\"b\": null}', '1 year 2 mons 3 days 04:05:06.789')";
    private static final String ROW_3 = "(3, false, 0, -1, 'Infinity', 0, -0.001, 1e-40, '', '', '', '', '1970-01-01',"
            + " '1900-06-15 00:00:00', '1960-01-01 00:00:00-05', '00:00', '00000000-0000-0000-0000-000000000000', 'null',"
            + " '[]', '-3 days -00:00:00.000001')";

    private static PgConnectionFactory factory;
    private static PgConnection connection;
    private BufferAllocator allocator = new RootAllocator();

    @BeforeAll
    static void connect(PostgresServer server) {
        factory = (PgConnectionFactory) ConnectionFactories.get(server.r2dbcUrl());
        connection = factory.create().block(TIMEOUT);
        run("SET TimeZone = 'Europe/Paris'");
    }

    @AfterAll
    static void close() {
        connection.close().block(TIMEOUT);
    }

    @AfterEach
    void allocatorIsEmpty() {
        assertThat(allocator.getAllocatedMemory()).as("Arrow memory left allocated").isZero();
        allocator.close();
    }

    @Test
    void roundTripsEveryTypeWithNulls() {
        run("DROP TABLE IF EXISTS arrow_src, arrow_dst; CREATE TABLE arrow_src (" + ALL_TYPES + ");"
                + " INSERT INTO arrow_src VALUES " + ROW_1 + ", " + ROW_3 + "; INSERT INTO arrow_src (id) VALUES (2)");

        List<VectorSchemaRoot> batches = PgArrow.toArrow(connection, "SELECT * FROM arrow_src ORDER BY id", 2, allocator)
                .collectList().block(TIMEOUT);

        assertThat(batches).extracting(VectorSchemaRoot::getRowCount).containsExactly(2, 1);
        VectorSchemaRoot first = batches.get(0);
        assertThat(first.getSchema().getFields()).extracting(f -> f.getName() + " " + f.getType()).containsExactly(
                "id Int(32, true)", "b Bool", "i2 Int(16, true)", "i8 Int(64, true)", "f4 FloatingPoint(SINGLE)",
                "f8 FloatingPoint(DOUBLE)", "n Decimal(12, 3, 128)", "nu Utf8", "t Utf8", "vc Utf8", "ch Utf8",
                "by Binary", "d Date(DAY)", "ts Timestamp(MICROSECOND, null)", "tz Timestamp(MICROSECOND, UTC)",
                "tm Time(MICROSECOND, 64)", "u FixedSizeBinary(16)", "j Utf8", "jb Utf8",
                "iv Interval(MONTH_DAY_NANO)");
        assertThat(((BigIntVector) first.getVector("i8")).get(0)).isEqualTo(Long.MAX_VALUE);
        assertThat(((Float8Vector) first.getVector("f8")).get(0)).isEqualTo(-2.25e300);
        assertThat(((DecimalVector) first.getVector("n")).getObject(0)).isEqualTo(new BigDecimal("123456789.125"));
        assertThat(new String(((VarCharVector) first.getVector("nu")).get(0), StandardCharsets.US_ASCII)).isEqualTo("NaN");
        assertThat(new String(((VarCharVector) first.getVector("t")).get(0), StandardCharsets.UTF_8)).isEqualTo("héllo ✓");
        assertThat(new String(((VarCharVector) first.getVector("jb")).get(0), StandardCharsets.UTF_8)).isEqualTo("{\"b\": null}");
        assertThat(((DateDayVector) first.getVector("d")).get(0)).isEqualTo(10_957);
        assertThat(((TimeStampMicroVector) first.getVector("ts")).get(0)).isEqualTo(946_684_799_999_999L);
        assertThat(((TimeStampMicroTZVector) first.getVector("tz")).get(0)).isEqualTo(1_709_208_000_000_000L);
        assertThat(((TimeMicroVector) first.getVector("tm")).get(0)).isEqualTo(86_399_500_000L);
        ByteBuffer uuid = ByteBuffer.wrap(((FixedSizeBinaryVector) first.getVector("u")).get(0));
        assertThat(new UUID(uuid.getLong(), uuid.getLong())).hasToString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        ArrowBuf iv = first.getVector("iv").getDataBuffer();
        assertThat(List.of(IntervalMonthDayNanoVector.getMonths(iv, 0), IntervalMonthDayNanoVector.getDays(iv, 0),
                IntervalMonthDayNanoVector.getNanoseconds(iv, 0))).containsExactly(14, 3, 14_706_789_000_000L);
        for (int column = 1; column < first.getFieldVectors().size(); column++) {
            assertThat(first.getVector(column).isNull(1)).as("column %d of the NULL row", column).isTrue();
        }

        StepVerifier.create(PgArrow.fromArrow(connection, Flux.fromIterable(batches), "arrow_dst", IfExists.REPLACE))
                .expectNext(3L).expectComplete().verify(TIMEOUT);

        // the same values, row for row; json, jsonb, varchar and char come back as text, numeric without
        // a type modifier as its text
        assertThat(texts("SELECT r::text FROM arrow_dst r ORDER BY id"))
                .isEqualTo(texts("SELECT (id, b, i2, i8, f4, f8, n, nu::text, t, vc, ch, by, d, ts, tz, tm, u, j, jb, iv)::text"
                        + " FROM arrow_src ORDER BY id"));
        assertThat(texts("SELECT string_agg(format_type(atttypid, atttypmod), ', ' ORDER BY attnum) FROM pg_attribute"
                + " WHERE attrelid = 'arrow_dst'::regclass AND attnum > 0")).containsExactly("integer, boolean, smallint,"
                + " bigint, real, double precision, numeric(12,3), text, text, text, text, bytea, date,"
                + " timestamp without time zone, timestamp with time zone, time without time zone, uuid, text, text, interval");
    }

    @Test
    void aMillionRowsStayWithinAFewBatchesOfMemory() {
        int batchRows = 10_000;
        AtomicLong rows = new AtomicLong();
        AtomicLong sum = new AtomicLong();
        try (BufferAllocator child = allocator.newChildAllocator("million", 0, Long.MAX_VALUE)) {
            StepVerifier.create(PgArrow.toArrow(factory, "SELECT g AS id, g * 0.5::float8 AS half, 'row ' || g AS label"
                                    + " FROM generate_series(1, 1000000) g", batchRows, child)
                            .doOnNext(batch -> {
                                try (batch) {
                                    assertThat(batch.getRowCount()).isEqualTo(batchRows);
                                    IntVector ids = (IntVector) batch.getVector("id");
                                    for (int i = 0; i < batch.getRowCount(); i++) {
                                        sum.addAndGet(ids.get(i));
                                    }
                                    rows.addAndGet(batch.getRowCount());
                                }
                            }))
                    .expectNextCount(100).expectComplete().verify(TIMEOUT);

            assertThat(rows.get()).isEqualTo(1_000_000L);
            assertThat(sum.get()).isEqualTo(500_000_500_000L);
            // one batch is about 10,000 * (4 + 16 + 12 + 8) bytes; the whole result would be 100 times that
            assertThat(child.getPeakMemoryAllocation()).as("peak Arrow memory").isLessThan(4L << 20);
        }
    }

    @Test
    void cancellingMidResultReleasesEverythingAndKeepsTheConnection() {
        StepVerifier.create(PgArrow.toArrow(connection, "SELECT g FROM generate_series(1, 200000) g", 1000, allocator)
                        .take(3).doOnNext(VectorSchemaRoot::close))
                .expectNextCount(3).expectComplete().verify(TIMEOUT);

        assertThat(texts("SELECT 'still usable'")).containsExactly("still usable");
    }

    @Test
    void typesAndValuesWithoutAnArrowFormFailClearly() {
        StepVerifier.create(PgArrow.toArrow(connection, "SELECT 1 AS id, point(1, 2) AS p", 10, allocator))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("Column \"p\" has type point").hasMessageContaining("cast it"))
                .verify(TIMEOUT);
        StepVerifier.create(PgArrow.toArrow(connection, "VALUES (date '2020-01-01'), ('infinity')", 10, allocator))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("infinity"))
                .verify(TIMEOUT);
        assertThat(texts("SELECT 'still usable'")).containsExactly("still usable");
    }

    @Test
    void ifExistsFailsAppendsOrReplaces() {
        run("DROP TABLE IF EXISTS arrow_target; CREATE TABLE arrow_target (id int4, label text)");
        String rows = "VALUES (1, 'one'), (2, NULL)";

        // the batches come from another connection: one connection cannot run the COPY out and in at once
        StepVerifier.create(PgArrow.fromArrow(connection, PgArrow.toArrow(factory, "SELECT * FROM (" + rows
                        + ") v (id, label)", 10, allocator), "arrow_target", IfExists.FAIL))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("\"arrow_target\" already exists"))
                .verify(TIMEOUT);
        assertReleased("step 1");
        StepVerifier.create(PgArrow.fromArrow(connection, PgArrow.toArrow(factory, "SELECT * FROM (" + rows
                        + ") v (id, label)", 1, allocator), "arrow_target", IfExists.APPEND))
                .expectNext(2L).expectComplete().verify(TIMEOUT);
        assertReleased("step 2");
        StepVerifier.create(PgArrow.fromArrow(connection, PgArrow.toArrow(factory,
                        "SELECT 1::int8 AS id, 'x' AS label", 1, allocator), "arrow_target", IfExists.APPEND))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("Column \"id\" of \"arrow_target\" has type int4")
                        .hasMessageContaining("writes bigint"))
                .verify(TIMEOUT);
        assertReleased("step 3");
        assertThat(texts("SELECT count(*)::text FROM arrow_target")).containsExactly("2");

        StepVerifier.create(PgArrow.fromArrow(factory, PgArrow.toArrow(factory, "SELECT 7::int8 AS \"Big Id\"", 1, allocator),
                        "arrow_target", IfExists.REPLACE))
                .expectNext(1L).expectComplete().verify(TIMEOUT);
        assertReleased("step 4");
        assertThat(texts("SELECT \"Big Id\"::text FROM arrow_target")).containsExactly("7");
        // a replace whose source fails after its first batch (dropped, created, COPY begun) is rolled back
        StepVerifier.create(PgArrow.fromArrow(connection, PgArrow.toArrow(factory,
                        "SELECT g AS a, 10 / (3 - g) AS b FROM generate_series(1, 5) g", 1, allocator),
                        "arrow_target", IfExists.REPLACE))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("division by zero"))
                .verify(TIMEOUT);
        assertReleased("step 5");
        assertThat(texts("SELECT \"Big Id\"::text FROM arrow_target")).containsExactly("7");
        assertThat(connection.isAutoCommit()).isTrue();
    }

    @Test
    void writesArrowTypesThatPostgresqlHasNoTwinOf() {
        run("DROP TABLE IF EXISTS arrow_wide");
        VectorSchemaRoot root = VectorSchemaRoot.create(new org.apache.arrow.vector.types.pojo.Schema(List.of(
                org.apache.arrow.vector.types.pojo.Field.nullable("unsigned", new ArrowType.Int(32, false)),
                org.apache.arrow.vector.types.pojo.Field.nullable("nanos",
                        new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.NANOSECOND, null)),
                org.apache.arrow.vector.types.pojo.Field.nullable("large", ArrowType.LargeUtf8.INSTANCE))), allocator);
        root.allocateNew();
        ((UInt4Vector) root.getVector(0)).set(0, -1);
        root.getVector(0).setNull(1);
        ((TimeStampNanoVector) root.getVector(1)).set(0, 1_000_000_001_999L);
        ((TimeStampNanoVector) root.getVector(1)).set(1, -1L);
        ((LargeVarCharVector) root.getVector(2)).setSafe(0, "large ✓".getBytes(StandardCharsets.UTF_8));
        root.getVector(2).setNull(1);
        root.setRowCount(2);

        StepVerifier.create(PgArrow.fromArrow(connection, Mono.just(root), "arrow_wide", IfExists.FAIL))
                .expectNext(2L).expectComplete().verify(TIMEOUT);

        assertThat(texts("SELECT format('%s %s %s', unsigned, nanos, large) FROM arrow_wide ORDER BY nanos DESC"))
                .containsExactly("4294967295 1970-01-01 00:16:40.000001 large ✓", " 1969-12-31 23:59:59.999999 ");
    }

    @Test
    void refusesTableNamesThatAreNotNames() {
        assertThatThrownBy(() -> PgArrow.fromArrow(connection, Flux.<VectorSchemaRoot>empty(), "t; DROP TABLE x",
                IfExists.APPEND))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a valid table name");
        assertThatThrownBy(() -> PgArrow.fromArrow(factory, Flux.<VectorSchemaRoot>empty(), "a.b.c.d", IfExists.FAIL))
                .isInstanceOf(IllegalArgumentException.class);
        StepVerifier.create(PgArrow.fromArrow(connection, Flux.empty(), "never_created", IfExists.FAIL))
                .expectNext(0L).expectComplete().verify(TIMEOUT);
        assertThat(texts("SELECT (to_regclass('never_created') IS NULL)::text")).containsExactly("true");
    }

    private void assertReleased(String step) {
        assertThat(allocator.getAllocatedMemory()).as("Arrow memory left allocated after %s", step).isZero();
    }

    private static List<String> texts(String sql) {
        return Flux.from(connection.createStatement(sql).execute())
                .flatMap(r -> r.map(row -> String.valueOf(row.get(0, String.class)))).collectList().block(TIMEOUT);
    }

    private static void run(String sql) {
        Flux.from(connection.createStatement(sql).execute()).flatMap(Result::getRowsUpdated).then().block(TIMEOUT);
    }
}
