package dev.r2dbcpg.core.codec;

import static dev.r2dbcpg.core.codec.CodecTesting.REGISTRY;
import static dev.r2dbcpg.core.codec.CodecTesting.decode;
import static dev.r2dbcpg.core.codec.CodecTesting.encodeHex;
import static dev.r2dbcpg.core.codec.CodecTesting.hex;
import static dev.r2dbcpg.core.codec.CodecTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.r2dbcpg.core.types.Multirange;
import dev.r2dbcpg.core.types.PgArray;
import dev.r2dbcpg.core.types.Range;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Array fixtures captured from PostgreSQL 18: {@code encode(array_send('{1,NULL,3}'::int4[]), 'hex')}
 * for binary and {@code SELECT '{1,NULL,3}'::int4[]} output (TimeZone UTC) for text. Binary
 * fixtures whose lower bounds are 1 are re-encoded to the same bytes.
 */
class ArrayCodecFixturesTest {

    private static final OffsetDateTime TS = OffsetDateTime.of(2020, 1, 2, 3, 4, 5, 500_000_000, ZoneOffset.UTC);

    static Stream<Arguments> binary() {
        return Stream.of(
                arguments(Oids.INT4_ARRAY, "00000001000000010000001700000003000000010000000400000001ffffffff0000000400000003",
                        new Integer[] {1, null, 3}),
                arguments(Oids.INT4_ARRAY, "000000020000000000000017000000020000000100000002000000010000000400000001"
                        + "000000040000000200000004000000030000000400000004", new Integer[][] {{1, 2}, {3, 4}}),
                arguments(Oids.INT4_ARRAY, "000000000000000000000017", new Integer[0]),
                arguments(Oids.INT2_ARRAY, "000000030000000000000015000000020000000100000002000000010000000100000001"
                        + "000000020001000000020002000000020003000000020004",
                        new Short[][][] {{{1}, {2}}, {{3}, {4}}}),
                arguments(Oids.INT8_ARRAY, "0000000100000000000000140000000200000001000000080000000000000001000000080000000000000002",
                        new Long[] {1L, 2L}),
                arguments(Oids.BOOL_ARRAY, "000000010000000100000010000000030000000100000001010000000100ffffffff",
                        new Boolean[] {true, false, null}),
                arguments(Oids.FLOAT8_ARRAY, "0000000100000000000002bd0000000200000001000000083ff800000000000000000008fff0000000000000",
                        new Double[] {1.5, Double.NEGATIVE_INFINITY}),
                arguments(Oids.NUMERIC_ARRAY, "0000000100000000000006a400000002000000010000000c000200000000000100011388"
                        + "0000000a00010000400000000002", new BigDecimal[] {new BigDecimal("1.5"), new BigDecimal("-2")}),
                arguments(Oids.TEXT_ARRAY, "00000001000000010000001900000008000000010000000361206200000003632264ffffffff"
                        + "000000044e554c4c0000000000000003785c79000000027b7d000000012c",
                        new String[] {"a b", "c\"d", null, "NULL", "", "x\\y", "{}", ","}),
                arguments(Oids.CHAR_ARRAY, "000000010000000000000012000000020000000100000001610000000162", new String[] {"a", "b"}),
                arguments(Oids.JSON_ARRAY, "0000000100000000000000720000000200000001000000087b2261223a20317d000000065b312c20325d",
                        new String[] {"{\"a\": 1}", "[1, 2]"}),
                arguments(Oids.JSONB_ARRAY, "000000010000000000000eda000000010000000100000009017b2261223a20317d",
                        new String[] {"{\"a\": 1}"}),
                arguments(Oids.BYTEA_ARRAY, "00000001000000000000001100000001000000010000000200ff",
                        new ByteBuffer[] {ByteBuffer.wrap(new byte[] {0, -1})}),
                arguments(Oids.DATE_ARRAY, "00000001000000000000043a00000002000000010000000400001c8a000000047fffffff",
                        new LocalDate[] {LocalDate.of(2020, 1, 2), LocalDate.MAX}),
                arguments(Oids.TIMETZ_ARRAY, "0000000100000000000004f200000001000000010000000c0000000861c46800ffffe3e0",
                        new OffsetTime[] {OffsetTime.of(10, 0, 0, 0, ZoneOffset.ofHours(2))}),
                arguments(Oids.TIMESTAMPTZ_ARRAY, "0000000100000000000004a000000001000000010000000800023e1e36f6b460",
                        new OffsetDateTime[] {TS}),
                arguments(Oids.UUID_ARRAY, "000000010000000000000b86000000010000000100000010a0eebc999c0b4ef8bb6d6bb9bd380a11",
                        new UUID[] {UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")}),
                arguments(Oids.INT4RANGE_ARRAY, "000000010000000100000f4000000003000000010000001102000000040000000100000004"
                        + "000000030000000101ffffffff", new Range<?>[] {Range.closedOpen(1, 3), Range.empty(), null}),
                arguments(Oids.INT8RANGE_ARRAY, "000000010000000000000f560000000200000001000000190200000008000000000000000100"
                        + "00000800000000000000030000000118", new Range<?>[] {Range.closedOpen(1L, 3L), Range.unbounded()}),
                arguments(Oids.INT4MULTIRANGE_ARRAY, "00000001000000000000116300000002000000010000002e0000000200000011020000000400"
                        + "00000100000004000000030000001102000000040000000500000004000000070000000400000000",
                        new Multirange<?>[] {Multirange.of(Range.closedOpen(1, 3), Range.closedOpen(5, 7)), Multirange.empty()}));
    }

    @ParameterizedTest
    @MethodSource("binary")
    void decodesAndReencodesBinaryFixture(int oid, String hex, Object[] expected) {
        Object decoded = decode(oid, Format.BINARY, hex(hex), Object.class);
        assertThat(decoded).isInstanceOf(expected.getClass());
        assertThat(Arrays.deepEquals((Object[]) decoded, expected)).as("decoded %s", Arrays.deepToString((Object[]) decoded)).isTrue();
        Codec<?> codec = REGISTRY.forOid(oid);
        assertThat(codec.encodeFormat(expected)).isEqualTo(Format.BINARY);
        assertThat(encodeHex(codec, expected)).isEqualTo(hex);
    }

    @Test
    void dropsLowerBoundsIntoJavaIndexes() {
        // '[0:1]={1,2}' and '[-2:-1][3:3]={{7},{8}}'
        assertThat(decode(Oids.INT4_ARRAY, Format.BINARY, hex("000000010000000000000017000000020000000000000004000000010000000400000002"),
                int[].class)).containsExactly(1, 2);
        assertThat(decode(Oids.INT4_ARRAY, Format.BINARY,
                hex("00000002000000000000001700000002fffffffe000000010000000300000004000000070000000400000008"),
                Integer[][].class)).isDeepEqualTo(new Integer[][] {{7}, {8}});
        assertThat(decode(Oids.INT4_ARRAY, Format.TEXT, utf8("[-2:-1][3:3]={{7},{8}}"), int[][].class))
                .isDeepEqualTo(new int[][] {{7}, {8}});
    }

    static Stream<Arguments> text() {
        return Stream.of(
                arguments(Oids.INT4_ARRAY, "{1,NULL,3}", new Integer[] {1, null, 3}),
                arguments(Oids.INT4_ARRAY, "{{1,2},{3,4}}", new Integer[][] {{1, 2}, {3, 4}}),
                arguments(Oids.INT4_ARRAY, "{}", new Integer[0]),
                arguments(Oids.INT4_ARRAY, "[0:1]={1,2}", new Integer[] {1, 2}),
                arguments(Oids.INT4_ARRAY, " { 1 , 2 } ", new Integer[] {1, 2}),
                arguments(Oids.INT2_ARRAY, "{{{1},{2}},{{3},{4}}}", new Short[][][] {{{1}, {2}}, {{3}, {4}}}),
                arguments(Oids.BOOL_ARRAY, "{t,f,NULL}", new Boolean[] {true, false, null}),
                arguments(Oids.FLOAT8_ARRAY, "{1.5,-Infinity,NaN}", new Double[] {1.5, Double.NEGATIVE_INFINITY, Double.NaN}),
                arguments(Oids.NUMERIC_ARRAY, "{1.5,-2}", new BigDecimal[] {new BigDecimal("1.5"), new BigDecimal("-2")}),
                arguments(Oids.TEXT_ARRAY, "{\"a b\",\"c\\\"d\",NULL,\"NULL\",\"\",\"x\\\\y\",\"{}\",\",\"}",
                        new String[] {"a b", "c\"d", null, "NULL", "", "x\\y", "{}", ","}),
                arguments(Oids.TEXT_ARRAY, "{\" NULL \",NULL,\"null\",null}", new String[] {" NULL ", null, "null", null}),
                arguments(Oids.TEXT_ARRAY, "{h\u00e9llo,a\\,b}", new String[] {"h\u00e9llo", "a,b"}),
                arguments(Oids.JSON_ARRAY, "{\"{\\\"a\\\": 1}\",\"[1, 2]\"}", new String[] {"{\"a\": 1}", "[1, 2]"}),
                arguments(Oids.BYTEA_ARRAY, "{\"\\\\x00ff\",\"\\\\x\"}",
                        new ByteBuffer[] {ByteBuffer.wrap(new byte[] {0, -1}), ByteBuffer.allocate(0)}),
                arguments(Oids.DATE_ARRAY, "{2020-01-02,infinity}", new LocalDate[] {LocalDate.of(2020, 1, 2), LocalDate.MAX}),
                arguments(Oids.TIMESTAMP_ARRAY, "{\"2020-01-02 03:04:05.5\"}", new LocalDateTime[] {TS.toLocalDateTime()}),
                arguments(Oids.TIMESTAMPTZ_ARRAY, "{\"2020-01-02 03:04:05.5+00\",-infinity}",
                        new OffsetDateTime[] {TS, OffsetDateTime.MIN}),
                arguments(Oids.INT4RANGE_ARRAY, "{\"[1,3)\",empty,NULL}", new Range<?>[] {Range.closedOpen(1, 3), Range.empty(), null}),
                arguments(Oids.TSRANGE_ARRAY, "{\"[\\\"2020-01-02 03:04:05.5\\\",)\"}",
                        new Range<?>[] {Range.closedOpen(TS.toLocalDateTime(), null)}),
                arguments(Oids.INT4MULTIRANGE_ARRAY, "{\"{[1,3),[5,7)}\",\"{}\"}",
                        new Multirange<?>[] {Multirange.of(Range.closedOpen(1, 3), Range.closedOpen(5, 7)), Multirange.empty()}));
    }

    @ParameterizedTest
    @MethodSource("text")
    void decodesTextFormat(int oid, String text, Object[] expected) {
        Object decoded = decode(oid, Format.TEXT, utf8(text), Object.class);
        assertThat(decoded).isInstanceOf(expected.getClass());
        assertThat(Arrays.deepEquals((Object[]) decoded, expected)).as("decoded %s", Arrays.deepToString((Object[]) decoded)).isTrue();
    }

    @Test
    void decodesRequestedJavaTypes() {
        byte[] ints = utf8("{{1,2},{3,4}}");
        assertThat(decode(Oids.INT4_ARRAY, Format.TEXT, ints, int[][].class)).isDeepEqualTo(new int[][] {{1, 2}, {3, 4}});
        assertThat(decode(Oids.INT4_ARRAY, Format.TEXT, ints, long[][].class)).isDeepEqualTo(new long[][] {{1, 2}, {3, 4}});
        assertThat(decode(Oids.INT4_ARRAY, Format.TEXT, ints, BigDecimal[][].class)[1][0]).isEqualTo(BigDecimal.valueOf(3));
        assertThat(decode(Oids.INT4_ARRAY, Format.TEXT, ints, List.class)).isEqualTo(List.of(List.of(1, 2), List.of(3, 4)));
        assertThat(decode(Oids.INT4_ARRAY, Format.TEXT, ints, Object[].class)).isInstanceOf(Integer[][].class);
        assertThat(decode(Oids.INT4_ARRAY, Format.TEXT, utf8("{1,NULL}"), List.class)).containsExactly(1, null);
        assertThat(decode(Oids.BYTEA_ARRAY, Format.TEXT, utf8("{\"\\\\x00ff\"}"), byte[][].class))
                .isDeepEqualTo(new byte[][] {{0, -1}});
        assertThat(decode(Oids.INT4_ARRAY, Format.TEXT, utf8("{}"), int[][].class)).isEqualTo(new int[0][0]);
        assertThat(decode(Oids.INT4_ARRAY, Format.BINARY, hex("000000000000000000000017"), List.class)).isEmpty();
    }

    @Test
    void rejectsNullElementForPrimitiveTarget() {
        assertThatThrownBy(() -> decode(Oids.INT4_ARRAY, Format.TEXT, utf8("{1,NULL}"), int[].class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("int4[] with NULL elements as int[]");
    }

    @Test
    void rejectsDimensionMismatchAndUnsupportedTargets() {
        assertThatThrownBy(() -> decode(Oids.INT4_ARRAY, Format.TEXT, utf8("{{1},{2}}"), Integer[].class))
                .hasMessageContaining("2-dimensional PostgreSQL int4[] value as java.lang.Integer[]");
        assertThatThrownBy(() -> decode(Oids.INT4_ARRAY, Format.TEXT, utf8("{1}"), UUID[].class))
                .hasMessageContaining("Cannot decode PostgreSQL type int4[] as [Ljava.util.UUID;");
        assertThat(REGISTRY.forOid(Oids.INT4_ARRAY).canDecode(UUID[].class)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("malformedText")
    void rejectsMalformedText(String text) {
        assertThatThrownBy(() -> decode(Oids.INT4_ARRAY, Format.TEXT, utf8(text), Object.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("int4[]");
    }

    static Stream<String> malformedText() {
        return Stream.of("", "1,2", "{1,2", "{1,,2}", "{{1,2},{3}}", "{{1},2}", "{1,{2}}", "{\"1}", "[0:1]{1,2}", "{1}x");
    }

    @Test
    void rejectsTruncatedBinary() {
        assertThatThrownBy(() -> decode(Oids.INT4_ARRAY, Format.BINARY,
                hex("00000001000000010000001700000003000000010000000400000001ffffffff00000004"), Object.class))
                .hasMessageContaining("Malformed PostgreSQL int4[] value in binary format");
        assertThatThrownBy(() -> decode(Oids.INT4_ARRAY, Format.BINARY, hex("0000000700000000"), Object.class))
                .hasMessageContaining("Malformed PostgreSQL int4[]");
    }

    @Test
    void lowerBoundsDecodeAsPgArrayAndReencodeToServerBytes() {
        // array_send('[2:3]={1,2}'::int4[]) and array_send('[0:1][-1:-1]={{a},{NULL}}'::text[])
        String oneD = "000000010000000000000017000000020000000200000004000000010000000400000002";
        String twoD = "000000020000000100000019000000020000000000000001ffffffff0000000161ffffffff";
        PgArray expected = PgArray.of(new int[] {2}, new int[] {2}, List.of(1, 2));
        assertThat(decode(Oids.INT4_ARRAY, Format.BINARY, hex(oneD), PgArray.class)).isEqualTo(expected);
        assertThat(decode(Oids.INT4_ARRAY, Format.TEXT, utf8("[2:3]={1,2}"), PgArray.class)).isEqualTo(expected);
        assertThat(encodeHex(REGISTRY.forOid(Oids.INT4_ARRAY), expected)).isEqualTo(oneD);
        assertThat(encodeHex(REGISTRY.forValue(expected), expected)).isEqualTo(oneD);
        assertThat(decode(Oids.INT4_ARRAY, Format.BINARY, hex(oneD), Object.class)).isEqualTo(new Integer[] {1, 2});

        PgArray text = PgArray.of(new int[] {2, 1}, new int[] {0, -1}, Arrays.asList("a", null));
        assertThat(decode(Oids.TEXT_ARRAY, Format.BINARY, hex(twoD), PgArray.class)).isEqualTo(text);
        assertThat(decode(Oids.TEXT_ARRAY, Format.TEXT, utf8("[0:1][-1:-1]={{a},{NULL}}"), PgArray.class)).isEqualTo(text);
        assertThat(encodeHex(REGISTRY.forValue(text), text)).isEqualTo(twoD);
        assertThat(decode(Oids.INT4_ARRAY, Format.TEXT, utf8("{}"), PgArray.class)).isEqualTo(PgArray.empty());
    }

    @Test
    void boundsThatDoNotMatchTheElementsAreMalformed() {
        assertThatThrownBy(() -> decode(Oids.INT4_ARRAY, Format.TEXT, utf8("[2:4]={1,2}"), PgArray.class))
                .hasMessageContaining("Malformed PostgreSQL int4[]");
        assertThatThrownBy(() -> decode(Oids.INT4_ARRAY, Format.TEXT, utf8("[x:2]={1,2}"), PgArray.class))
                .hasMessageContaining("Malformed PostgreSQL int4[]");
        assertThatThrownBy(() -> decode(Oids.INT4_ARRAY, Format.TEXT, utf8("[1:2][1:1]={1,2}"), PgArray.class))
                .hasMessageContaining("Malformed PostgreSQL int4[]");
    }
}
