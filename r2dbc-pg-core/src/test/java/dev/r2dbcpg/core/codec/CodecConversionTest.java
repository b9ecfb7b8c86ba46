package dev.r2dbcpg.core.codec;

import static dev.r2dbcpg.core.codec.CodecTesting.decode;
import static dev.r2dbcpg.core.codec.CodecTesting.hex;
import static dev.r2dbcpg.core.codec.CodecTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.r2dbc.spi.Blob;
import io.r2dbc.spi.Clob;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Decoding as classes other than the default Java type, and the conversions that must fail. */
class CodecConversionTest {

    static Stream<Arguments> conversions() {
        return Stream.of(
                arguments(Oids.INT2, "002a", Integer.class, 42),
                arguments(Oids.INT8, "000000000000002a", Integer.class, 42),
                arguments(Oids.INT8, "ffffffff80000000", int.class, Integer.MIN_VALUE),
                arguments(Oids.INT8, "ffffffffffff8000", Short.class, Short.MIN_VALUE),
                arguments(Oids.INT4, "0000007f", Byte.class, (byte) 127),
                arguments(Oids.INT8, "0020000000000000", Double.class, 9007199254740992.0),
                arguments(Oids.INT4, "00000001", Boolean.class, true),
                arguments(Oids.INT2, "002a", String.class, "42"),
                arguments(Oids.TEXT, "3432", Integer.class, 42),
                arguments(Oids.VARCHAR, "2d312e3530", BigDecimal.class, new BigDecimal("-1.50")),
                arguments(Oids.TEXT, "74727565", Boolean.class, true),
                arguments(Oids.NUMERIC, "00010001000000000003", Short.class, (short) 30000),
                arguments(Oids.FLOAT8, "4000000000000000", Integer.class, 2),
                arguments(Oids.FLOAT8, "3ff8000000000000", Float.class, 1.5f),
                arguments(Oids.FLOAT8, "3fb999999999999a", BigDecimal.class, new BigDecimal("0.1")),
                arguments(Oids.FLOAT4, "3dcccccd", String.class, "0.1"),
                arguments(Oids.UUID, "a0eebc999c0b4ef8bb6d6bb9bd380a11", String.class, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
                arguments(Oids.TIMESTAMPTZ, "0002bf230c078000", String.class, "2024-07-01 00:00:00+00"),
                arguments(Oids.INT2, "002a", Long.class, 42L),
                arguments(Oids.INT2, "002a", BigDecimal.class, BigDecimal.valueOf(42)),
                arguments(Oids.INT2, "002a", Number.class, (short) 42),
                arguments(Oids.INT2, "002a", short.class, (short) 42),
                arguments(Oids.INT4, "80000000", Long.class, (long) Integer.MIN_VALUE),
                arguments(Oids.INT4, "0000002a", int.class, 42),
                arguments(Oids.INT4, "0000002a", Number.class, 42),
                arguments(Oids.INT8, "7fffffffffffffff", BigInteger.class, BigInteger.valueOf(Long.MAX_VALUE)),
                arguments(Oids.INT8, "7fffffffffffffff", BigDecimal.class, BigDecimal.valueOf(Long.MAX_VALUE)),
                arguments(Oids.OID, "ffffffff", BigInteger.class, BigInteger.valueOf(4294967295L)),
                arguments(Oids.FLOAT4, "3dcccccd", Double.class, (double) 0.1f),
                arguments(Oids.FLOAT4, "7fc00000", double.class, Double.NaN),
                arguments(Oids.NUMERIC, "000200004000000100011388", Double.class, -1.5),
                arguments(Oids.NUMERIC, "000200004000000100011388", Float.class, -1.5f),
                arguments(Oids.NUMERIC, "000100000000000003e8", BigInteger.class, BigInteger.valueOf(1000)),
                arguments(Oids.NUMERIC, "000100000000000003e8", Long.class, 1000L),
                arguments(Oids.NUMERIC, "000100000000000003e8", Integer.class, 1000),
                arguments(Oids.NUMERIC, "0000000000000003", BigInteger.class, BigInteger.ZERO),
                arguments(Oids.NUMERIC, "00000000c0000000", Double.class, Double.NaN),
                arguments(Oids.NUMERIC, "00000000c0000000", Number.class, Double.NaN),
                arguments(Oids.NUMERIC, "00000000d0000020", Double.class, Double.POSITIVE_INFINITY),
                arguments(Oids.NUMERIC, "00000000f0000020", Float.class, Float.NEGATIVE_INFINITY),
                arguments(Oids.BYTEA, "00ff10", byte[].class, new byte[] {0, -1, 16}),
                arguments(Oids.TIMESTAMPTZ, "0002bf230c078000", Instant.class, Instant.parse("2024-07-01T00:00:00Z")),
                arguments(Oids.TIMESTAMPTZ, "0002bf230c078000", ZonedDateTime.class,
                        ZonedDateTime.of(2024, 7, 1, 0, 0, 0, 0, ZoneOffset.UTC)),
                arguments(Oids.TIMESTAMPTZ, "7fffffffffffffff", Instant.class, Instant.MAX),
                arguments(Oids.TIMESTAMPTZ, "8000000000000000", Instant.class, Instant.MIN),
                arguments(Oids.TIMESTAMPTZ, "7fffffffffffffff", ZonedDateTime.class, OffsetDateTime.MAX.toZonedDateTime()));
    }

    @ParameterizedTest(name = "{0} {1} as {2}")
    @MethodSource("conversions")
    void decodesAsRequestedClass(int oid, String hex, Class<?> target, Object expected) {
        assertThat(REGISTRY().forOid(oid).canDecode(target)).isTrue();
        assertThat(decode(oid, Format.BINARY, hex(hex), target)).isEqualTo(expected);
    }

    static Stream<Arguments> textConversions() {
        return Stream.of(
                arguments(Oids.NUMERIC, "NaN", Double.class, Double.NaN),
                arguments(Oids.NUMERIC, "-Infinity", Double.class, Double.NEGATIVE_INFINITY),
                arguments(Oids.NUMERIC, "1.00", BigInteger.class, BigInteger.ONE),
                arguments(Oids.INT8, "-42", BigDecimal.class, BigDecimal.valueOf(-42)),
                arguments(Oids.TIMESTAMPTZ, "infinity", Instant.class, Instant.MAX),
                arguments(Oids.TIMESTAMPTZ, "2024-07-01 05:30:00+05:30", Instant.class, Instant.parse("2024-07-01T00:00:00Z")),
                arguments(Oids.BYTEA, "\\xDEADbeef", byte[].class, hex("deadbeef")));
    }

    @ParameterizedTest(name = "{0} {1} as {2}")
    @MethodSource("textConversions")
    void decodesTextAsRequestedClass(int oid, String text, Class<?> target, Object expected) {
        assertThat(decode(oid, Format.TEXT, utf8(text), target)).isEqualTo(expected);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                arguments(Oids.INT4, "00012345", Short.class, "PostgreSQL int4 value 74565 as java.lang.Short without losing"),
                arguments(Oids.INT8, "0000000100000000", Integer.class, "PostgreSQL int8 value 4294967296 as java.lang.Integer"),
                arguments(Oids.INT8, "000000000000012c", Byte.class, "PostgreSQL int8 value 300 as java.lang.Byte"),
                arguments(Oids.INT8, "0020000000000001", Double.class, "int8 value 9007199254740993 as java.lang.Double"),
                arguments(Oids.INT4, "00000002", Boolean.class, "int4 value 2 as java.lang.Boolean"),
                arguments(Oids.FLOAT8, "3ff8000000000000", Integer.class, "float8 value 1.5 as java.lang.Integer"),
                arguments(Oids.NUMERIC, "00010001000000000004", Short.class, "numeric value 40000 as java.lang.Short"),
                arguments(Oids.BOOL, "01", Integer.class, "PostgreSQL type bool as java.lang.Integer"),
                arguments(Oids.FLOAT8, "3fb999999999999a", Float.class, "PostgreSQL float8 value 0.1 as java.lang.Float"),
                arguments(Oids.NUMERIC, "000200004000000100011388", BigInteger.class,
                        "PostgreSQL numeric value -1.5 as java.math.BigInteger without losing information"),
                arguments(Oids.NUMERIC, "000b000700000009000c0d801ed204d2162e23340d801ed204d2162e2328", Long.class,
                        "as java.lang.Long without losing information"),
                arguments(Oids.NUMERIC, "00000000c0000000", BigDecimal.class, "PostgreSQL numeric NaN as java.math.BigDecimal"),
                arguments(Oids.NUMERIC, "00000000c0000000", Object.class, "PostgreSQL numeric NaN as java.math.BigDecimal"),
                arguments(Oids.NUMERIC, "00000000d0000020", BigInteger.class, "numeric Infinity as java.math.BigInteger"),
                arguments(Oids.NUMERIC, "00000000f0000020", BigDecimal.class, "numeric -Infinity as java.math.BigDecimal"),
                arguments(Oids.TIMESTAMPTZ, "0002bf230c078000", LocalDateTime.class,
                        "PostgreSQL type timestamptz as java.time.LocalDateTime"),
                arguments(Oids.TIMESTAMP, "0002bf230c078000", OffsetDateTime.class,
                        "PostgreSQL type timestamp as java.time.OffsetDateTime"),
                arguments(Oids.DATE, "0000223f", java.util.Date.class, "PostgreSQL type date as java.util.Date"),
                arguments(Oids.UUID, "a0eebc999c0b4ef8bb6d6bb9bd380a11", Integer.class, "PostgreSQL type uuid as java.lang.Integer"),
                arguments(Oids.TEXT, "616263", Integer.class, "PostgreSQL text value \"abc\" as java.lang.Integer"),
                arguments(Oids.VARCHAR, "312e35", Long.class, "PostgreSQL varchar value \"1.5\" as java.lang.Long"),
                arguments(Oids.NAME, "616263", Clob.class, "PostgreSQL type name as io.r2dbc.spi.Clob"),
                arguments(Oids.INT4, "00002a", Integer.class, "int4 value in binary format: 3 bytes, expected 4"),
                arguments(Oids.JSONB, "027b7d", String.class, "jsonb binary version 2"),
                arguments(Oids.NUMERIC, "0001000000000000", BigDecimal.class, "numeric value in binary format: 8 bytes, expected 10"));
    }

    @ParameterizedTest(name = "{0} {1} as {2}")
    @MethodSource("failures")
    void rejectsUnsupportedOrLossyConversion(int oid, String hex, Class<?> target, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> decode(oid, Format.BINARY, hex(hex), target))
                .withMessageContaining(message);
    }

    static Stream<Arguments> malformedText() {
        return Stream.of(
                arguments(Oids.INT2, "32768"),
                arguments(Oids.INT4, "12a"),
                arguments(Oids.INT8, "9223372036854775808"),
                arguments(Oids.INT8, "-"),
                arguments(Oids.BOOL, "yes"),
                arguments(Oids.FLOAT8, "one"),
                arguments(Oids.NUMERIC, "1..2"),
                arguments(Oids.UUID, "not-a-uuid"),
                arguments(Oids.BYTEA, "\\x0"),
                arguments(Oids.BYTEA, "\\9"),
                arguments(Oids.DATE, "2024-02-30"),
                arguments(Oids.TIME, "25:00:00"),
                arguments(Oids.TIMESTAMPTZ, "2024-01-02 03:04:05"),
                arguments(Oids.TIMESTAMP, "2024-01-02T03:04:05"));
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @MethodSource("malformedText")
    void rejectsMalformedText(int oid, String text) {
        String typeName = REGISTRY().forOid(oid).typeName();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> decode(oid, Format.TEXT, utf8(text), Object.class))
                .withMessageContaining("Malformed PostgreSQL " + typeName);
    }

    @Test
    void decodesTextAndVarcharAsClob() {
        Clob clob = decode(Oids.VARCHAR, Format.BINARY, utf8("h\u00e9llo"), Clob.class);
        StepVerifier.create(Flux.from(clob.stream()).map(CharSequence::toString))
                .expectNext("h\u00e9llo")
                .expectComplete()
                .verify(java.time.Duration.ofSeconds(5));
    }

    @Test
    void decodesByteaAsBlob() {
        Blob blob = decode(Oids.BYTEA, Format.TEXT, utf8("\\x00ff"), Blob.class);
        StepVerifier.create(Flux.from(blob.stream()))
                .expectNext(ByteBuffer.wrap(new byte[] {0, -1}))
                .expectComplete()
                .verify(java.time.Duration.ofSeconds(5));
    }

    @Test
    void decodesUnknownTypeAsTextOrBytes() {
        int unknownOid = 987_654;
        Codec<?> codec = REGISTRY().forOid(unknownOid);
        assertThat(codec.oid()).isEqualTo(unknownOid);
        assertThat(codec.javaType()).isEqualTo(String.class);
        assertThat(decode(unknownOid, Format.TEXT, utf8("(1,2)"), Object.class)).isEqualTo("(1,2)");
        assertThat(decode(unknownOid, Format.BINARY, hex("0102"), Object.class)).isEqualTo(ByteBuffer.wrap(hex("0102")));
        assertThat(decode(unknownOid, Format.BINARY, hex("0102"), byte[].class)).isEqualTo(hex("0102"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> decode(unknownOid, Format.TEXT, utf8("x"), UUID.class))
                .withMessageContaining("OID 987654 as java.util.UUID");
    }

    @Test
    void keepsNumericScaleOfZeroWithFraction() {
        BigDecimal value = decode(Oids.NUMERIC, Format.BINARY, hex("0000000000000003"), BigDecimal.class);
        assertThat(value.scale()).isEqualTo(3);
        assertThat(value.signum()).isZero();
    }

    @Test
    void roundTripsSeededRandomNumerics() {
        java.util.Random random = new java.util.Random(20240102);
        Codec<?> codec = REGISTRY().forOid(Oids.NUMERIC);
        for (int i = 0; i < 5000; i++) {
            BigInteger unscaled = new BigInteger(1 + random.nextInt(200), random);
            BigDecimal value = new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), random.nextInt(60) - 10);
            BigDecimal decoded = decode(Oids.NUMERIC, Format.BINARY, hex(CodecTesting.encodeHex(codec, value)), BigDecimal.class);
            assertThat(decoded).isEqualByComparingTo(value);
            assertThat(decoded.scale()).isEqualTo(Math.max(value.scale(), 0));
        }
    }

    private static CodecRegistry REGISTRY() {
        return CodecTesting.REGISTRY;
    }
}
