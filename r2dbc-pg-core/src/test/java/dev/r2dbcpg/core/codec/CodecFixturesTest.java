package dev.r2dbcpg.core.codec;

import static dev.r2dbcpg.core.codec.CodecTesting.decode;
import static dev.r2dbcpg.core.codec.CodecTesting.encodeHex;
import static dev.r2dbcpg.core.codec.CodecTesting.hex;
import static dev.r2dbcpg.core.codec.CodecTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte fixtures captured from PostgreSQL 18 ({@code encode(int4send(42), 'hex')},
 * {@code numeric_send}, {@code timestamptz_send} ... and {@code SELECT v} text output under
 * {@code DateStyle = ISO} with the TimeZone noted per row), decoded to the expected value and,
 * in binary, re-encoded to the same bytes.
 */
class CodecFixturesTest {

    static Stream<Arguments> binary() {
        return Stream.of(
                arguments(Oids.BOOL, "01", true),
                arguments(Oids.BOOL, "00", false),
                arguments(Oids.INT2, "8000", Short.MIN_VALUE),
                arguments(Oids.INT2, "7fff", Short.MAX_VALUE),
                arguments(Oids.INT2, "002a", (short) 42),
                arguments(Oids.INT4, "80000000", Integer.MIN_VALUE),
                arguments(Oids.INT4, "7fffffff", Integer.MAX_VALUE),
                arguments(Oids.INT4, "0000002a", 42),
                arguments(Oids.INT8, "8000000000000000", Long.MIN_VALUE),
                arguments(Oids.INT8, "7fffffffffffffff", Long.MAX_VALUE),
                arguments(Oids.INT8, "0000000000000000", 0L),
                arguments(Oids.OID, "ffffffff", 4294967295L),
                arguments(Oids.OID, "0000001a", 26L),
                arguments(Oids.FLOAT4, "7fc00000", Float.NaN),
                arguments(Oids.FLOAT4, "7f800000", Float.POSITIVE_INFINITY),
                arguments(Oids.FLOAT4, "ff800000", Float.NEGATIVE_INFINITY),
                arguments(Oids.FLOAT4, "3dcccccd", 0.1f),
                arguments(Oids.FLOAT4, "7f7fffff", Float.MAX_VALUE),
                arguments(Oids.FLOAT8, "7ff8000000000000", Double.NaN),
                arguments(Oids.FLOAT8, "7ff0000000000000", Double.POSITIVE_INFINITY),
                arguments(Oids.FLOAT8, "fff0000000000000", Double.NEGATIVE_INFINITY),
                arguments(Oids.FLOAT8, "3fb999999999999a", 0.1),
                arguments(Oids.FLOAT8, "7fe1ccf385ebc8a0", 1e308),
                arguments(Oids.FLOAT8, "0000000000000001", Double.MIN_VALUE),
                arguments(Oids.NUMERIC, "0000000000000000", new BigDecimal("0")),
                arguments(Oids.NUMERIC, "0000000000000003", new BigDecimal("0.000")),
                arguments(Oids.NUMERIC, "00010000000000000001", new BigDecimal("1")),
                arguments(Oids.NUMERIC, "000200004000000100011388", new BigDecimal("-1.5")),
                arguments(Oids.NUMERIC, "0003000100000004000109291a85", new BigDecimal("12345.6789")),
                arguments(Oids.NUMERIC, "0002ffff40000005000107d0", new BigDecimal("-0.00012")),
                arguments(Oids.NUMERIC, "00010001000000000001", new BigDecimal("10000")),
                arguments(Oids.NUMERIC, "000100000000000003e8", new BigDecimal("1000")),
                arguments(Oids.NUMERIC, "00010005000000000001", new BigDecimal("100000000000000000000")),
                arguments(Oids.NUMERIC, "0001ffff0000000103e8", new BigDecimal("0.1")),
                arguments(Oids.NUMERIC, "0003000140000002270f270f26ac", new BigDecimal("-99999999.99")),
                arguments(Oids.NUMERIC, "000b000700000009000c0d801ed204d2162e23340d801ed204d2162e2328",
                        new BigDecimal("123456789012345678901234567890.123456789")),
                arguments(Oids.TEXT, "68c3a96c6c6f20f09f9880", "h\u00e9llo \uD83D\uDE00"),
                arguments(Oids.TEXT, "", ""),
                arguments(Oids.VARCHAR, "616263", "abc"),
                arguments(Oids.BPCHAR, "616220", "ab "),
                arguments(Oids.NAME, "616263", "abc"),
                arguments(Oids.CHAR, "61", "a"),
                arguments(Oids.UNKNOWN, "616263", "abc"),
                arguments(Oids.JSON, "7b2261223a317d", "{\"a\":1}"),
                arguments(Oids.JSONB, "017b2261223a205b312c202278225d7d", "{\"a\": [1, \"x\"]}"),
                arguments(Oids.BYTEA, "00ff10", ByteBuffer.wrap(new byte[] {0, -1, 16})),
                arguments(Oids.BYTEA, "", ByteBuffer.allocate(0)),
                arguments(Oids.UUID, "a0eebc999c0b4ef8bb6d6bb9bd380a11",
                        UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")),
                arguments(Oids.DATE, "0000223f", LocalDate.of(2024, 1, 2)),
                arguments(Oids.DATE, "00000000", LocalDate.of(2000, 1, 1)),
                arguments(Oids.DATE, "ffffffff", LocalDate.of(1999, 12, 31)),
                arguments(Oids.DATE, "7fffffff", LocalDate.MAX),
                arguments(Oids.DATE, "80000000", LocalDate.MIN),
                arguments(Oids.DATE, "fff49d7b", LocalDate.of(-43, 3, 15)),
                arguments(Oids.DATE, "ffda97cd", LocalDate.of(-4712, 1, 1)),
                arguments(Oids.DATE, "7fda970c", LocalDate.of(5874897, 12, 31)),
                arguments(Oids.TIME, "0000000292573580", LocalTime.of(3, 4, 5, 123_456_000)),
                arguments(Oids.TIME, "0000000000000000", LocalTime.MIDNIGHT),
                arguments(Oids.TIME, "000000141dd75fff", LocalTime.of(23, 59, 59, 999_999_000)),
                arguments(Oids.TIME, "000000141dd76000", LocalTime.MAX),
                arguments(Oids.TIMETZ, "0000000861c46800ffffb2a8", OffsetTime.of(10, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30))),
                arguments(Oids.TIMETZ, "0000000861c4680000007080", OffsetTime.of(10, 0, 0, 0, ZoneOffset.ofHours(-8))),
                arguments(Oids.TIMETZ, "000000000000000000000000", OffsetTime.of(0, 0, 0, 0, ZoneOffset.UTC)),
                arguments(Oids.TIMETZ, "000000141dcfbee0ffffad28",
                        OffsetTime.of(23, 59, 59, 500_000_000, ZoneOffset.ofHoursMinutesSeconds(5, 53, 28))),
                arguments(Oids.TIMETZ, "0000000a0eebb0000000e0c4", OffsetTime.of(12, 0, 0, 0, ZoneOffset.ofHoursMinutes(-15, -59))),
                arguments(Oids.TIMESTAMP, "0002b0ec8517d580", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000)),
                arguments(Oids.TIMESTAMP, "7fffffffffffffff", LocalDateTime.MAX),
                arguments(Oids.TIMESTAMP, "8000000000000000", LocalDateTime.MIN),
                arguments(Oids.TIMESTAMP, "ff1af9e74e1f8800", LocalDateTime.of(-43, 3, 15, 10, 0)),
                arguments(Oids.TIMESTAMP, "0000000000000000", LocalDateTime.of(2000, 1, 1, 0, 0)),
                arguments(Oids.TIMESTAMP, "fffca2fec4c82000", LocalDateTime.of(1970, 1, 1, 0, 0)),
                arguments(Oids.TIMESTAMP, "7fffff5bb3b29fff", LocalDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000)),
                arguments(Oids.TIMESTAMPTZ, "0002b0ebae843180", utc(2024, 1, 2, 2, 4, 5, 123_456_000)),
                arguments(Oids.TIMESTAMPTZ, "7fffffffffffffff", OffsetDateTime.MAX),
                arguments(Oids.TIMESTAMPTZ, "8000000000000000", OffsetDateTime.MIN),
                arguments(Oids.TIMESTAMPTZ, "ff1af9e68ee95600", utc(-43, 3, 15, 9, 6, 32, 0)),
                arguments(Oids.TIMESTAMPTZ, "ffef3acd63069000", utc(1850, 6, 1, 12, 0, 0, 0)),
                arguments(Oids.TIMESTAMPTZ, "0002bf230c078000", utc(2024, 7, 1, 0, 0, 0, 0)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("binary")
    void decodesAndReencodesBinaryFixture(int oid, String hex, Object expected) {
        Object value = decode(oid, Format.BINARY, hex(hex), Object.class);
        assertThat(value).isEqualTo(expected);
        assertThat(value).isInstanceOf(CodecTesting.REGISTRY.forOid(oid).javaType());
        assertThat(encodeHex(CodecTesting.REGISTRY.forOid(oid), value)).isEqualTo(hex);
    }

    static Stream<Arguments> text() {
        return Stream.of(
                arguments(Oids.BOOL, "t", true),
                arguments(Oids.BOOL, "f", false),
                arguments(Oids.BOOL, "true", true),
                arguments(Oids.INT2, "-32768", Short.MIN_VALUE),
                arguments(Oids.INT4, "-2147483648", Integer.MIN_VALUE),
                arguments(Oids.INT4, "2147483647", Integer.MAX_VALUE),
                arguments(Oids.INT8, "-9223372036854775808", Long.MIN_VALUE),
                arguments(Oids.INT8, "9223372036854775807", Long.MAX_VALUE),
                arguments(Oids.OID, "4294967295", 4294967295L),
                arguments(Oids.FLOAT4, "NaN", Float.NaN),
                arguments(Oids.FLOAT4, "-Infinity", Float.NEGATIVE_INFINITY),
                arguments(Oids.FLOAT4, "3.4028235e+38", Float.MAX_VALUE),
                arguments(Oids.FLOAT8, "Infinity", Double.POSITIVE_INFINITY),
                arguments(Oids.FLOAT8, "1e+308", 1e308),
                arguments(Oids.FLOAT8, "5e-324", Double.MIN_VALUE),
                arguments(Oids.FLOAT8, "0.1", 0.1),
                arguments(Oids.NUMERIC, "0.000", new BigDecimal("0.000")),
                arguments(Oids.NUMERIC, "-0.00012", new BigDecimal("-0.00012")),
                arguments(Oids.NUMERIC, "123456789012345678901234567890.123456789",
                        new BigDecimal("123456789012345678901234567890.123456789")),
                arguments(Oids.TEXT, "h\u00e9llo \uD83D\uDE00", "h\u00e9llo \uD83D\uDE00"),
                arguments(Oids.TEXT, "", ""),
                arguments(Oids.JSONB, "{\"a\": [1, \"x\"]}", "{\"a\": [1, \"x\"]}"),
                arguments(Oids.BYTEA, "\\x00ff10", ByteBuffer.wrap(new byte[] {0, -1, 16})),
                arguments(Oids.BYTEA, "\\x", ByteBuffer.allocate(0)),
                // bytea_output = escape
                arguments(Oids.BYTEA, "\\000\\377\\\\A", ByteBuffer.wrap(new byte[] {0, -1, '\\', 'A'})),
                arguments(Oids.UUID, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                        UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")),
                arguments(Oids.DATE, "2024-01-02", LocalDate.of(2024, 1, 2)),
                arguments(Oids.DATE, "0044-03-15 BC", LocalDate.of(-43, 3, 15)),
                arguments(Oids.DATE, "4713-01-01 BC", LocalDate.of(-4712, 1, 1)),
                arguments(Oids.DATE, "5874897-12-31", LocalDate.of(5874897, 12, 31)),
                arguments(Oids.DATE, "infinity", LocalDate.MAX),
                arguments(Oids.DATE, "-infinity", LocalDate.MIN),
                arguments(Oids.TIME, "03:04:05.123456", LocalTime.of(3, 4, 5, 123_456_000)),
                arguments(Oids.TIME, "00:00:00", LocalTime.MIDNIGHT),
                arguments(Oids.TIME, "24:00:00", LocalTime.MAX),
                arguments(Oids.TIMETZ, "10:00:00+05:30", OffsetTime.of(10, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30))),
                arguments(Oids.TIMETZ, "10:00:00-08", OffsetTime.of(10, 0, 0, 0, ZoneOffset.ofHours(-8))),
                arguments(Oids.TIMETZ, "23:59:59.5+05:53:28",
                        OffsetTime.of(23, 59, 59, 500_000_000, ZoneOffset.ofHoursMinutesSeconds(5, 53, 28))),
                arguments(Oids.TIMETZ, "12:00:00-15:59", OffsetTime.of(12, 0, 0, 0, ZoneOffset.ofHoursMinutes(-15, -59))),
                arguments(Oids.TIMESTAMP, "2024-01-02 03:04:05.123456", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000)),
                arguments(Oids.TIMESTAMP, "0044-03-15 10:00:00 BC", LocalDateTime.of(-43, 3, 15, 10, 0)),
                arguments(Oids.TIMESTAMP, "294276-12-31 23:59:59.999999", LocalDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000)),
                arguments(Oids.TIMESTAMP, "infinity", LocalDateTime.MAX),
                arguments(Oids.TIMESTAMP, "-infinity", LocalDateTime.MIN),
                // TimeZone Europe/Berlin
                arguments(Oids.TIMESTAMPTZ, "2024-01-02 03:04:05.123456+01", utc(2024, 1, 2, 2, 4, 5, 123_456_000)),
                arguments(Oids.TIMESTAMPTZ, "0044-03-15 10:00:00+00:53:28 BC", utc(-43, 3, 15, 9, 6, 32, 0)),
                arguments(Oids.TIMESTAMPTZ, "infinity", OffsetDateTime.MAX),
                arguments(Oids.TIMESTAMPTZ, "-infinity", OffsetDateTime.MIN),
                // TimeZone Asia/Kolkata (local mean time before 1854), then America/St_Johns
                arguments(Oids.TIMESTAMPTZ, "1850-06-01 17:53:28+05:53:28", utc(1850, 6, 1, 12, 0, 0, 0)),
                arguments(Oids.TIMESTAMPTZ, "2024-07-01 05:30:00+05:30", utc(2024, 7, 1, 0, 0, 0, 0)),
                arguments(Oids.TIMESTAMPTZ, "2024-06-30 21:30:00-02:30", utc(2024, 7, 1, 0, 0, 0, 0)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("text")
    void decodesTextFixture(int oid, String text, Object expected) {
        Object value = decode(oid, Format.TEXT, utf8(text), Object.class);
        assertThat(value).isEqualTo(expected);
        assertThat(value).isInstanceOf(CodecTesting.REGISTRY.forOid(oid).javaType());
    }

    private static OffsetDateTime utc(int year, int month, int day, int hour, int minute, int second, int nano) {
        return OffsetDateTime.of(year, month, day, hour, minute, second, nano, ZoneOffset.UTC);
    }
}
