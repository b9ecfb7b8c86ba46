package dev.r2dbcpg.core.codec;

import static dev.r2dbcpg.core.codec.CodecTesting.REGISTRY;
import static dev.r2dbcpg.core.codec.CodecTesting.decode;
import static dev.r2dbcpg.core.codec.CodecTesting.encodeHex;
import static dev.r2dbcpg.core.codec.CodecTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.r2dbcpg.core.codec.builtin.ArrayCodecs;
import dev.r2dbcpg.core.types.Range;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How bound Java arrays and lists choose their PostgreSQL array type, and the bytes they become. */
class ArrayCodecBindingTest {

    /** {@code array_send('{1,2}'::int4[])}. */
    private static final String INT4_1_2 = "00000001000000000000001700000002000000010000000400000001" + "0000000400000002";

    static Stream<Arguments> typeByClass() {
        return Stream.of(
                arguments(new Integer[] {1, 2}, Oids.INT4_ARRAY),
                arguments(new int[] {1, 2}, Oids.INT4_ARRAY),
                arguments(new int[][] {{1}, {2}}, Oids.INT4_ARRAY),
                arguments(new long[] {1}, Oids.INT8_ARRAY),
                arguments(new short[] {1}, Oids.INT2_ARRAY),
                arguments(new boolean[] {true}, Oids.BOOL_ARRAY),
                arguments(new double[] {1}, Oids.FLOAT8_ARRAY),
                arguments(new float[] {1}, Oids.FLOAT4_ARRAY),
                arguments(new BigDecimal[] {BigDecimal.ONE}, Oids.NUMERIC_ARRAY),
                arguments(new String[] {"a"}, Oids.TEXT_ARRAY),
                arguments(new String[][] {{"a"}}, Oids.TEXT_ARRAY),
                arguments(new UUID[] {UUID.randomUUID()}, Oids.UUID_ARRAY),
                arguments(new LocalDate[] {LocalDate.EPOCH}, Oids.DATE_ARRAY),
                arguments(new OffsetDateTime[0], Oids.TIMESTAMPTZ_ARRAY),
                arguments(new byte[][] {{1, 2}}, Oids.BYTEA_ARRAY),
                arguments(new byte[] {1, 2}, Oids.BYTEA),
                arguments(List.of(1, 2), Oids.INT4_ARRAY),
                arguments(List.of(List.of(1L), List.of(2L)), Oids.INT8_ARRAY),
                arguments(Arrays.asList(null, "x"), Oids.TEXT_ARRAY),
                arguments(List.of(new byte[] {1}), Oids.BYTEA_ARRAY),
                arguments(new Object[] {UUID.randomUUID()}, Oids.UUID_ARRAY),
                arguments(new Range<?>[] {Range.empty(), Range.closed(1L, 2L)}, Oids.INT8RANGE_ARRAY),
                arguments(List.of(Range.closed(LocalDate.EPOCH, null)), Oids.DATERANGE_ARRAY));
    }

    @ParameterizedTest
    @MethodSource("typeByClass")
    void bindsAsTheArrayTypeOfItsElements(Object value, int expectedOid) {
        Codec<?> codec = REGISTRY.forValue(value);
        assertThat(codec.paramOid(value)).isEqualTo(expectedOid);
        assertThat(codec.encodeFormat(value)).isEqualTo(Format.BINARY);
    }

    @Test
    void encodesPrimitiveBoxedAndListValuesAlike() {
        assertThat(encode(new int[] {1, 2})).isEqualTo(INT4_1_2);
        assertThat(encode(new Integer[] {1, 2})).isEqualTo(INT4_1_2);
        assertThat(encode(List.of(1, 2))).isEqualTo(INT4_1_2);
    }

    @Test
    void encodesMultidimensionalArrayWithNulls() {
        Integer[][] value = {{1, null}, {3, 4}};
        String hex = encode(value);
        // ndim 2, has-null 1, int4, dims (2,1) (2,1), then 1, NULL, 3, 4
        assertThat(hex).isEqualTo("000000020000000100000017" + "0000000200000001" + "0000000200000001"
                + "0000000400000001" + "ffffffff" + "0000000400000003" + "0000000400000004");
        assertThat(decode(Oids.INT4_ARRAY, Format.BINARY, ByteBufUtil.decodeHexDump(hex), Integer[][].class))
                .isDeepEqualTo(value);
    }

    @Test
    void encodesEmptyArrayWithoutDimensions() {
        assertThat(encode(new Integer[0])).isEqualTo("000000000000000000000017");
        assertThat(encode(new int[2][0])).isEqualTo("000000000000000000000017");
    }

    @Test
    void bindsListWithoutElementTypeAsUntypedText() {
        for (Object value : List.of(List.of(), Arrays.asList(null, null), List.of(List.of(), List.of()), new Object[0])) {
            Codec<?> codec = REGISTRY.forValue(value);
            assertThat(codec.paramOid(value)).isEqualTo(Oids.UNSPECIFIED);
            assertThat(codec.encodeFormat(value)).isEqualTo(Format.TEXT);
        }
        assertThat(text(List.of())).isEqualTo("{}");
        assertThat(text(Arrays.asList(null, null))).isEqualTo("{NULL,NULL}");
        assertThat(text(List.of(Arrays.asList((Object) null), Arrays.asList((Object) null)))).isEqualTo("{{NULL},{NULL}}");
    }

    @Test
    void typedNullOfListOrObjectArrayLetsTheServerInfer() {
        assertThat(REGISTRY.forClass(List.class).paramOidForNull(List.class)).isEqualTo(Oids.UNSPECIFIED);
        assertThat(REGISTRY.forClass(Integer[].class).paramOidForNull(Integer[].class)).isEqualTo(Oids.INT4_ARRAY);
        assertThat(REGISTRY.forClass(String[][].class).paramOidForNull(String[][].class)).isEqualTo(Oids.TEXT_ARRAY);
    }

    @Test
    void rejectsJaggedArraysNullSubArraysAndMixedElements() {
        assertThatThrownBy(() -> encode(new Integer[][] {{1, 2}, {3}}))
                .hasMessageContaining("must be rectangular").hasMessageContaining("expected 2 elements at depth 1, got 1");
        assertThatThrownBy(() -> encode(new Integer[][] {{1}, null}))
                .hasMessageContaining("without NULL sub-arrays");
        assertThatThrownBy(() -> encode(List.of(List.of(1), 2))).hasMessageContaining("must be rectangular");
        assertThatThrownBy(() -> REGISTRY.forValue(new Object[] {1, "a"}))
                .hasMessageContaining("Cannot encode value of type [Ljava.lang.Object;");
    }

    @Test
    void rejectsMoreThanSixDimensions() {
        assertThatThrownBy(() -> encode(new int[1][1][1][1][1][1][1])).hasMessageContaining("more than 6 dimensions");
    }

    /** A user type with a text-format codec: its arrays are written in the array text syntax. */
    @Test
    void arrayOfRegisteredTextFormatTypeBindsAndDecodesByArrayOid() {
        CodecRegistry registry = CodecRegistry.defaults();
        registry.register(new TagCodec());
        registry.register(ArrayCodecs.arrayOf(new TagCodec(), 90_001));
        Tag[] value = {new Tag("a b"), null, new Tag("plain"), new Tag("q\"x\\"), new Tag(""), new Tag("null")};
        Codec<?> codec = registry.forValue(value);
        assertThat(codec.paramOid(value)).isEqualTo(90_001);
        assertThat(codec.typeName()).isEqualTo("tag[]");
        assertThat(codec.encodeFormat(value)).isEqualTo(Format.TEXT);
        ByteBuf out = Unpooled.buffer();
        try {
            codec.encode(value, out);
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(text).isEqualTo("{\"a b\",NULL,plain,\"q\\\"x\\\\\",\"\",\"null\"}");
            Tag[] back = registry.forOid(90_001).decode(out, 0, out.readableBytes(), Format.TEXT, Tag[].class);
            assertThat(back).containsExactly(value);
        } finally {
            out.release();
        }
    }

    @Test
    void decodesTextArrayOfRegisteredType() {
        CodecRegistry registry = CodecRegistry.defaults();
        registry.register(ArrayCodecs.arrayOf(new TagCodec(), 90_001));
        byte[] text = utf8("{x,\"y z\"}");
        ByteBuf buf = Unpooled.wrappedBuffer(text);
        try {
            assertThat(registry.forOid(90_001).decode(buf, 0, text.length, Format.TEXT, Object.class))
                    .isEqualTo(new Tag[] {new Tag("x"), new Tag("y z")});
        } finally {
            buf.release();
        }
    }

    private static String encode(Object value) {
        return encodeHex(REGISTRY.forValue(value), value);
    }

    private static String text(Object value) {
        return new String(ByteBufUtil.decodeHexDump(encode(value)), StandardCharsets.UTF_8);
    }

    record Tag(String name) {
    }

    /** A text-only codec for {@link Tag}, as an extension type might have. */
    static final class TagCodec implements Codec<Tag> {

        @Override
        public int oid() {
            return 90_000;
        }

        @Override
        public String typeName() {
            return "tag";
        }

        @Override
        public Class<Tag> javaType() {
            return Tag.class;
        }

        @Override
        public boolean canDecode(Class<?> target) {
            return target == Object.class || target == Tag.class;
        }

        @Override
        public boolean supportsFormat(Format format) {
            return format == Format.TEXT;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <U> U decode(ByteBuf buf, int offset, int length, Format format, Class<U> target) {
            return (U) new Tag(buf.toString(offset, length, StandardCharsets.UTF_8));
        }

        @Override
        public boolean canEncode(Object value) {
            return value instanceof Tag;
        }

        @Override
        public boolean canEncodeType(Class<?> type) {
            return type == Tag.class;
        }

        @Override
        public int paramOid(Object value) {
            return oid();
        }

        @Override
        public Format encodeFormat(Object value) {
            return Format.TEXT;
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            out.writeCharSequence(((Tag) value).name(), StandardCharsets.UTF_8);
        }
    }
}
