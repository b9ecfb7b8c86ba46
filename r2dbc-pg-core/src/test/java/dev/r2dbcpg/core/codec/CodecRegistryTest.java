package dev.r2dbcpg.core.codec;

import static dev.r2dbcpg.core.codec.CodecTesting.encodeHex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Choosing codecs by value, class and OID, and the bytes written for bound values. */
class CodecRegistryTest {

    private final CodecRegistry registry = CodecRegistry.defaults();

    static Stream<Arguments> encodings() {
        return Stream.of(
                arguments(true, Oids.BOOL, Format.BINARY, "01"),
                arguments((byte) -1, Oids.INT2, Format.BINARY, "ffff"),
                arguments((short) 42, Oids.INT2, Format.BINARY, "002a"),
                arguments(-2, Oids.INT4, Format.BINARY, "fffffffe"),
                arguments(42L, Oids.INT8, Format.BINARY, "000000000000002a"),
                arguments(Float.NaN, Oids.FLOAT4, Format.BINARY, "7fc00000"),
                arguments(Double.NEGATIVE_INFINITY, Oids.FLOAT8, Format.BINARY, "fff0000000000000"),
                arguments(new BigDecimal("-0.00012"), Oids.NUMERIC, Format.BINARY, "0002ffff40000005000107d0"),
                arguments(new BigDecimal("1E+3"), Oids.NUMERIC, Format.BINARY, "000100000000000003e8"),
                arguments(new BigDecimal("0.000"), Oids.NUMERIC, Format.BINARY, "0000000000000003"),
                arguments(BigInteger.valueOf(10000), Oids.NUMERIC, Format.BINARY, "00010001000000000001"),
                arguments("h\u00e9llo \uD83D\uDE00", Oids.UNSPECIFIED, Format.TEXT, "68c3a96c6c6f20f09f9880"),
                arguments("", Oids.UNSPECIFIED, Format.TEXT, ""),
                arguments('\u00e9', Oids.UNSPECIFIED, Format.TEXT, "c3a9"),
                arguments(new byte[] {0, -1}, Oids.BYTEA, Format.BINARY, "00ff"),
                arguments(LocalDate.of(-43, 3, 15), Oids.DATE, Format.BINARY, "fff49d7b"),
                arguments(LocalDate.MAX, Oids.DATE, Format.BINARY, "7fffffff"),
                arguments(LocalTime.of(3, 4, 5, 123_456_789), Oids.TIME, Format.BINARY, "0000000292573580"),
                arguments(LocalTime.MAX, Oids.TIME, Format.BINARY, "000000141dd76000"),
                arguments(OffsetTime.of(10, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)), Oids.TIMETZ, Format.BINARY,
                        "0000000861c46800ffffb2a8"),
                arguments(LocalDateTime.MIN, Oids.TIMESTAMP, Format.BINARY, "8000000000000000"),
                arguments(LocalDateTime.of(1970, 1, 1, 0, 0), Oids.TIMESTAMP, Format.BINARY, "fffca2fec4c82000"),
                arguments(OffsetDateTime.of(2024, 7, 1, 5, 30, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)),
                        Oids.TIMESTAMPTZ, Format.BINARY, "0002bf230c078000"),
                arguments(Instant.parse("2024-07-01T00:00:00Z"), Oids.TIMESTAMPTZ, Format.BINARY, "0002bf230c078000"),
                arguments(ZonedDateTime.of(2024, 6, 30, 21, 30, 0, 0, ZoneId.of("America/St_Johns")),
                        Oids.TIMESTAMPTZ, Format.BINARY, "0002bf230c078000"),
                arguments(Instant.MAX, Oids.TIMESTAMPTZ, Format.BINARY, "7fffffffffffffff"),
                arguments(OffsetDateTime.MIN, Oids.TIMESTAMPTZ, Format.BINARY, "8000000000000000"),
                arguments(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), Oids.UUID, Format.BINARY,
                        "a0eebc999c0b4ef8bb6d6bb9bd380a11"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("encodings")
    void encodesBoundValue(Object value, int paramOid, Format format, String hex) {
        Codec<?> codec = registry.forValue(value);
        assertThat(codec.canEncode(value)).isTrue();
        assertThat(codec.paramOid(value)).isEqualTo(paramOid);
        assertThat(codec.encodeFormat(value)).isEqualTo(format);
        assertThat(encodeHex(codec, value)).isEqualTo(hex);
        assertThat(registry.forClass(value.getClass())).isSameAs(codec);
    }

    @Test
    void encodesRemainingBytesOfByteBufferWithoutMovingItsPosition() {
        ByteBuffer value = ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
        value.position(1).limit(3);
        assertThat(encodeHex(registry.forValue(value), value)).isEqualTo("0203");
        assertThat(value.position()).isEqualTo(1);
        assertThat(value.limit()).isEqualTo(3);
    }

    @Test
    void rejectsValueOfUnsupportedClassNamingTheClass() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> registry.forValue(Thread.currentThread()))
                .withMessageStartingWith("Cannot encode value of type java.lang.Thread");
        assertThat(registry.forClass(Thread.class)).isNull();
    }

    @Test
    void rejectsTimestampBeyondMicrosecondRange() {
        LocalDateTime farFuture = LocalDateTime.of(300_000, 1, 1, 0, 0);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> encodeHex(registry.forValue(farFuture), farFuture))
                .withMessageContaining("as PostgreSQL timestamp: out of range");
    }

    @Test
    void choosesCodecForPrimitiveAndNullTypes() {
        assertThat(registry.forClass(int.class).oid()).isEqualTo(Oids.INT4);
        assertThat(registry.forClass(String.class).paramOidForNull(String.class)).isEqualTo(Oids.UNSPECIFIED);
        assertThat(registry.forClass(Long.class).paramOidForNull(Long.class)).isEqualTo(Oids.INT8);
        assertThat(registry.forClass(ByteBuffer.allocate(1).getClass()).oid()).isEqualTo(Oids.BYTEA);
    }

    @Test
    void reportsBinaryCodecsOnlyForKnownTypes() {
        assertThat(registry.hasBinaryCodec(Oids.TIMESTAMPTZ)).isTrue();
        assertThat(registry.hasBinaryCodec(Oids.JSONB)).isTrue();
        assertThat(registry.hasBinaryCodec(1033)).isFalse(); // aclitem: no codec
        assertThat(registry.hasBinaryCodec(-1)).isFalse();
        assertThat(registry.forOid(1033).supportsFormat(Format.BINARY)).isFalse();
    }

    @Test
    void registeredCodecOverridesBuiltinAndIsFoundByClass() {
        Codec<?> money = new MoneyCodec();
        registry.register(money);
        assertThat(registry.forOid(790)).isSameAs(money);
        assertThat(registry.hasBinaryCodec(790)).isTrue();
        assertThat(registry.forValue(new Money(5))).isSameAs(money);
        assertThat(registry.forValue(7)).isSameAs(CodecRegistry.defaults().forValue(7));
        assertThat(CodecRegistry.defaults().forOid(790)).isNotSameAs(money);

        Codec<?> int4Override = new MoneyCodec() {
            @Override
            public int oid() {
                return Oids.INT4;
            }
        };
        registry.register(int4Override);
        assertThat(registry.forOid(Oids.INT4)).isSameAs(int4Override);
        assertThat(registry.forValue(new Money(5))).isSameAs(int4Override);
    }

    @Test
    void mapsFormatCodes() {
        assertThat(Format.fromCode(Format.TEXT.code())).isEqualTo(Format.TEXT);
        assertThat(Format.fromCode(Format.BINARY.code())).isEqualTo(Format.BINARY);
        assertThat(Format.BINARY.code()).isEqualTo((short) 1);
        assertThatIllegalArgumentException().isThrownBy(() -> Format.fromCode(2)).withMessageContaining("2");
    }

    record Money(long cents) {
    }

    /** A user codec for {@code money} (int64 cents in binary). */
    static class MoneyCodec implements Codec<Money> {

        @Override
        public int oid() {
            return 790;
        }

        @Override
        public String typeName() {
            return "money";
        }

        @Override
        public Class<Money> javaType() {
            return Money.class;
        }

        @Override
        public boolean canDecode(Class<?> target) {
            return target == Object.class || target == Money.class;
        }

        @Override
        public <U> U decode(ByteBuf buf, int offset, int length, Format format, Class<U> target) {
            return target.cast(new Money(buf.getLong(offset)));
        }

        @Override
        public boolean canEncode(Object value) {
            return value instanceof Money;
        }

        @Override
        public boolean canEncodeType(Class<?> type) {
            return type == Money.class;
        }

        @Override
        public int paramOid(Object value) {
            return 790;
        }

        @Override
        public Format encodeFormat(Object value) {
            return Format.BINARY;
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            out.writeLong(((Money) value).cents());
        }
    }
}
