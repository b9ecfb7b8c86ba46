package dev.r2dbcpg.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.r2dbcpg.core.PgConnectionFactory;
import dev.r2dbcpg.core.codec.builtin.ArrayCodecs;
import dev.r2dbcpg.core.codec.builtin.RangeCodecs;
import dev.r2dbcpg.core.types.Multirange;
import dev.r2dbcpg.core.types.Range;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Statement;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Arrays and ranges through a real server: each value bound as a parameter and read back (binary
 * results, extended protocol), and the same value written as a literal in parameterless SQL
 * (text results, simple protocol).
 */
@ExtendWith(PostgresExtension.class)
class ArraysAndRangesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final OffsetDateTime TS = OffsetDateTime.of(2020, 1, 2, 3, 4, 5, 500_000_000, ZoneOffset.UTC);

    private static ConnectionFactory factory;

    private static int major;

    @BeforeAll
    static void factory(PostgresServer server) {
        factory = ConnectionFactories.get(server.r2dbcUrl());
        major = server.majorVersion();
    }

    private static void assumeTypeExists(String type) {
        org.junit.jupiter.api.Assumptions.assumeTrue(!type.contains("multirange") || major >= 14,
                "multirange types arrived in PostgreSQL 14");
    }

    static Stream<Arguments> values() {
        return Stream.of(
                arguments("int4[]", "'{1,NULL,3}'", new Integer[] {1, null, 3}),
                arguments("int4[]", "'{{1,2},{3,4}}'", new Integer[][] {{1, 2}, {3, 4}}),
                arguments("int4[]", "'{}'", new Integer[0]),
                arguments("int2[]", "'{{{1},{2}},{{3},{4}}}'", new Short[][][] {{{1}, {2}}, {{3}, {4}}}),
                arguments("int8[]", "'{9223372036854775807,NULL}'", new Long[] {Long.MAX_VALUE, null}),
                arguments("bool[]", "'{t,f,NULL}'", new Boolean[] {true, false, null}),
                arguments("float8[]", "'{1.5,-Infinity,NaN}'", new Double[] {1.5, Double.NEGATIVE_INFINITY, Double.NaN}),
                arguments("numeric[]", "'{1.5,-2,NULL}'", new BigDecimal[] {new BigDecimal("1.5"), new BigDecimal("-2"), null}),
                arguments("text[]", "ARRAY['a b','c\"d',NULL,'NULL','','x\\y','{}',',',' ']",
                        new String[] {"a b", "c\"d", null, "NULL", "", "x\\y", "{}", ",", " "}),
                arguments("text[]", "'{{a,b},{c,NULL}}'", new String[][] {{"a", "b"}, {"c", null}}),
                arguments("bytea[]", "ARRAY['\\x00ff'::bytea,'\\x']",
                        new ByteBuffer[] {ByteBuffer.wrap(new byte[] {0, -1}), ByteBuffer.allocate(0)}),
                arguments("uuid[]", "'{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'",
                        new UUID[] {UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")}),
                arguments("date[]", "'{2020-01-02,infinity,NULL}'",
                        new LocalDate[] {LocalDate.of(2020, 1, 2), LocalDate.MAX, null}),
                arguments("timestamptz[]", "ARRAY['2020-01-02 03:04:05.5+00'::timestamptz]", new OffsetDateTime[] {TS}),
                arguments("interval[]", "'{\"1 day 02:00:00\",NULL}'",
                        new dev.r2dbcpg.core.types.Interval[] {dev.r2dbcpg.core.types.Interval.of(0, 1, 7_200_000_000L), null}),
                arguments("inet[]", "'{10.0.0.1/8,::1}'", new dev.r2dbcpg.core.types.Inet[] {
                    dev.r2dbcpg.core.types.Inet.parse("10.0.0.1/8"), dev.r2dbcpg.core.types.Inet.parse("::1")}),
                arguments("point[]", "'{\"(1,2)\",\"(-1.5,0)\"}'", new dev.r2dbcpg.core.types.Point[] {
                    new dev.r2dbcpg.core.types.Point(1, 2), new dev.r2dbcpg.core.types.Point(-1.5, 0)}),
                arguments("varbit[]", "'{101,NULL}'", new dev.r2dbcpg.core.types.BitString[] {
                    dev.r2dbcpg.core.types.BitString.parse("101"), null}),
                arguments("pg_lsn[]", "'{0/16B3748}'", new dev.r2dbcpg.core.types.Lsn[] {
                    dev.r2dbcpg.core.types.Lsn.parse("0/16B3748")}),
                arguments("int4range", "'[1,5)'", Range.closedOpen(1, 5)),
                arguments("int4range", "'empty'", Range.empty()),
                arguments("int8range", "'(,6)'", Range.closedOpen(null, 6L)),
                arguments("numrange", "'[1.5,)'", Range.closedOpen(new BigDecimal("1.5"), null)),
                arguments("daterange", "'[2020-01-01,infinity)'", Range.closedOpen(LocalDate.of(2020, 1, 1), LocalDate.MAX)),
                arguments("tsrange", "'[\"2020-01-02 03:04:05.5\",)'", Range.closedOpen(TS.toLocalDateTime(), null)),
                arguments("tstzrange", "'[\"2020-01-02 03:04:05.5+00\",\"2020-01-03 00:00+00\")'",
                        Range.closedOpen(TS, OffsetDateTime.of(2020, 1, 3, 0, 0, 0, 0, ZoneOffset.UTC))),
                arguments("int4range[]", "'{\"[1,3)\",empty,NULL}'", new Range<?>[] {Range.closedOpen(1, 3), Range.empty(), null}),
                arguments("int4multirange", "'{[1,3),[5,7)}'", Multirange.of(Range.closedOpen(1, 3), Range.closedOpen(5, 7))),
                arguments("datemultirange", "'{}'", Multirange.empty()),
                arguments("tsmultirange[]", "ARRAY['{[\"2020-01-02 03:04:05.5\",)}'::tsmultirange]",
                        new Multirange<?>[] {Multirange.of(Range.closedOpen(TS.toLocalDateTime(), null))}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("values")
    void bindsAndReadsBackInBinary(String type, String literal, Object value) {
        assumeTypeExists(type);
        Object back = single(c -> c.createStatement("SELECT $1::" + type).bind(0, value), Object.class);
        assertThat(Arrays.deepEquals(new Object[] {back}, new Object[] {value}))
                .as("%s read back as %s", type, back instanceof Object[] ? Arrays.deepToString((Object[]) back) : back)
                .isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("values")
    void readsTextFormatFromSimpleQuery(String type, String literal, Object value) {
        assumeTypeExists(type);
        Object back = single(c -> c.createStatement("SET TimeZone = 'UTC'; SELECT " + literal + "::" + type), Object.class);
        assertThat(Arrays.deepEquals(new Object[] {back}, new Object[] {value}))
                .as("%s read as %s", type, back instanceof Object[] ? Arrays.deepToString((Object[]) back) : back)
                .isTrue();
    }

    @Test
    void readsArraysAsPrimitiveArraysAndListsAndDropsLowerBounds() {
        assertThat(single(c -> c.createStatement("SELECT $1::int4[]").bind(0, new int[] {1, 2}), int[].class))
                .containsExactly(1, 2);
        assertThat(single(c -> c.createStatement("SELECT '[0:1]={7,8}'::int4[] WHERE $1").bind(0, true), long[].class))
                .containsExactly(7L, 8L);
        assertThat(single(c -> c.createStatement("SELECT '{{1,2},{3,NULL}}'::int4[] WHERE $1").bind(0, true), List.class))
                .isEqualTo(List.of(List.of(1, 2), Arrays.asList(3, null)));
    }

    @Test
    void bindsListsAndUntypedEmptyList() {
        assertThat(single(c -> c.createStatement("SELECT $1::int8[]").bind(0, List.of(1L, 2L)), Long[].class))
                .containsExactly(1L, 2L);
        assertThat(single(c -> c.createStatement("SELECT cardinality($1::uuid[])").bind(0, List.of()), Integer.class))
                .isZero();
        assertThat(single(c -> c.createStatement("SELECT 2 = ANY($1)").bind(0, new Integer[] {1, 2}), Boolean.class))
                .isTrue();
    }

    @Test
    void bindsUntypedEmptyRangeIntoTypedContext() {
        assertThat(single(c -> c.createStatement("SELECT isempty($1::daterange)").bind(0, Range.empty()), Boolean.class))
                .isTrue();
        assertThat(single(c -> c.createStatement("SELECT $1::int8range @> 5::int8")
                .bind(0, Range.closedOpen(1L, 10L)), Boolean.class)).isTrue();
    }

    @Test
    void decodesUserDefinedRangeTypeAndItsArrayOnceRegistered(PostgresServer server) {
        server.execute("DROP TYPE IF EXISTS r2dbcpg_textrange CASCADE",
                "CREATE TYPE r2dbcpg_textrange AS RANGE (subtype = text)");
        PgConnectionFactory pg = (PgConnectionFactory) ConnectionFactories.get(server.r2dbcUrl());
        Mono.usingWhen(pg.create(), c -> Mono.from(c.createStatement(
                        "SELECT oid::int4, typarray::int4 FROM pg_type WHERE typname = 'r2dbcpg_textrange'").execute())
                        .flatMap(r -> Mono.from(r.map((row, meta) -> new int[] {row.get(0, Integer.class), row.get(1, Integer.class)}))),
                Connection::close)
                .doOnNext(oids -> {
                    Codec<?> range = RangeCodecs.rangeOf(pg.codecs().forOid(Oids.TEXT), oids[0], "r2dbcpg_textrange");
                    pg.codecs().register(range);
                    pg.codecs().register(ArrayCodecs.arrayOf(range, oids[1]));
                })
                .as(StepVerifier::create).expectNextCount(1).expectComplete().verify(TIMEOUT);
        Flux.usingWhen(pg.create(), c -> Flux.from(c.createStatement(
                                "SELECT r2dbcpg_textrange('a b', 'c\"d'), ARRAY[r2dbcpg_textrange('x', NULL)] WHERE $1")
                        .bind(0, true).execute())
                        .flatMap(r -> r.map((row, meta) -> List.of(row.get(0), row.get(1, Range[].class)[0]))),
                Connection::close)
                .as(StepVerifier::create)
                .assertNext(l -> assertThat(l).containsExactly(Range.closedOpen("a b", "c\"d"), Range.closedOpen("x", null)))
                .expectComplete()
                .verify(TIMEOUT);
    }

    /** Runs the statement(s) and returns the first column of the last row, read as {@code type}. */
    private static <T> T single(Function<Connection, Statement> statement, Class<T> type) {
        AtomicReference<Optional<T>> result = new AtomicReference<>();
        Flux.usingWhen(factory.create(),
                        c -> Flux.from(statement.apply(c).execute())
                                .concatMap(r -> r.map((row, meta) -> Optional.ofNullable(row.get(0, type)))),
                        Connection::close)
                .last()
                .as(StepVerifier::create)
                .consumeNextWith(result::set)
                .expectComplete()
                .verify(TIMEOUT);
        return result.get().orElse(null);
    }
}
