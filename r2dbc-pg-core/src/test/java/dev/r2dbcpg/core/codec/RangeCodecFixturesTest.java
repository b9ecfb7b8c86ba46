package dev.r2dbcpg.core.codec;

import static dev.r2dbcpg.core.codec.CodecTesting.REGISTRY;
import static dev.r2dbcpg.core.codec.CodecTesting.decode;
import static dev.r2dbcpg.core.codec.CodecTesting.encodeHex;
import static dev.r2dbcpg.core.codec.CodecTesting.hex;
import static dev.r2dbcpg.core.codec.CodecTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.r2dbcpg.core.codec.builtin.RangeCodecs;
import dev.r2dbcpg.core.types.Multirange;
import dev.r2dbcpg.core.types.Range;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Range and multirange fixtures captured from PostgreSQL 18 ({@code range_send},
 * {@code multirange_send}, text output under TimeZone UTC), decoded and re-encoded.
 */
class RangeCodecFixturesTest {

    private static final LocalDate JAN_1 = LocalDate.of(2020, 1, 1);
    private static final LocalDateTime TEN = LocalDateTime.of(2020, 1, 1, 10, 0);

    static Stream<Arguments> fixtures() {
        return Stream.of(
                arguments(Oids.INT4RANGE, "0200000004000000010000000400000005", "[1,5)", Range.closedOpen(1, 5)),
                arguments(Oids.INT4RANGE, "01", "empty", Range.empty()),
                arguments(Oids.INT8RANGE, "08000000080000000000000006", "(,6)", Range.closedOpen(null, 6L)),
                arguments(Oids.NUMRANGE, "120000000c000200000000000100011388", "[1.5,)",
                        Range.closedOpen(new BigDecimal("1.5"), null)),
                arguments(Oids.NUMRANGE, "18", "(,)", Range.unbounded()),
                arguments(Oids.DATERANGE, "020000000400001c890000000400001ca8", "[2020-01-01,2020-02-01)",
                        Range.closedOpen(JAN_1, LocalDate.of(2020, 2, 1))),
                arguments(Oids.DATERANGE, "020000000400001c89000000047fffffff", "[2020-01-01,infinity)",
                        Range.closedOpen(JAN_1, LocalDate.MAX)),
                arguments(Oids.TSRANGE, "060000000800023e0fe886c8000000000800023e10bf1a6c00",
                        "[\"2020-01-01 10:00:00\",\"2020-01-01 11:00:00\"]", Range.closed(TEN, TEN.plusHours(1))),
                arguments(Oids.TSTZRANGE, "120000000800023e0fe886c800", "[\"2020-01-01 10:00:00+00\",)",
                        Range.closedOpen(TEN.atOffset(ZoneOffset.UTC), null)),
                arguments(Oids.TSTZRANGE, "020000000800023e0e3b5f80000000000800023e0fe886c800",
                        "[\"2020-01-01 08:00:00+00\",\"2020-01-01 10:00:00+00\")",
                        Range.closedOpen(TEN.minusHours(2).atOffset(ZoneOffset.UTC), TEN.atOffset(ZoneOffset.UTC))),
                arguments(Oids.INT4MULTIRANGE, "00000002000000110200000004000000010000000400000003000000110200000004000000050000000400000007",
                        "{[1,3),[5,7)}", Multirange.of(Range.closedOpen(1, 3), Range.closedOpen(5, 7))),
                arguments(Oids.INT4MULTIRANGE, "00000000", "{}", Multirange.empty()),
                arguments(Oids.DATEMULTIRANGE, "0000000200000009080000000400001c8900000009120000000400001df7",
                        "{(,2020-01-01),[2021-01-01,)}",
                        Multirange.of(Range.closedOpen(null, JAN_1), Range.closedOpen(LocalDate.of(2021, 1, 1), null))));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void decodesBothFormatsAndReencodesBinary(int oid, String hex, String text, Object expected) {
        assertThat(decode(oid, Format.BINARY, hex(hex), Object.class)).isEqualTo(expected);
        assertThat(decode(oid, Format.TEXT, utf8(text), Object.class)).isEqualTo(expected);
        if (expected.equals(Range.empty()) || expected.equals(Multirange.empty())) {
            return; // without bounds the type is unknown: see bindsRangesWithoutBoundsAsUntypedText
        }
        Codec<?> codec = REGISTRY.forOid(oid);
        assertThat(codec.encodeFormat(expected)).isEqualTo(Format.BINARY);
        assertThat(encodeHex(codec, expected)).isEqualTo(hex);
    }

    @Test
    void rangeCodecOfKnownTypeEncodesRangesWithoutBoundsInBinary() {
        Codec<?> int4range = RangeCodecs.rangeOf(REGISTRY.forOid(Oids.INT4), Oids.INT4RANGE, "int4range");
        assertThat(int4range.paramOid(Range.empty())).isEqualTo(Oids.INT4RANGE);
        assertThat(encodeHex(int4range, Range.empty())).isEqualTo("01");
        assertThat(encodeHex(int4range, Range.unbounded())).isEqualTo("18");
        Codec<?> multi = RangeCodecs.multirangeOf(int4range, Oids.INT4MULTIRANGE, "int4multirange");
        assertThat(encodeHex(multi, Multirange.empty())).isEqualTo("00000000");
    }

    @Test
    void bindsRangeAsTheTypeOfItsBounds() {
        assertThat(paramOid(Range.closedOpen(1, 5))).isEqualTo(Oids.INT4RANGE);
        assertThat(paramOid(Range.closedOpen(null, 5L))).isEqualTo(Oids.INT8RANGE);
        assertThat(paramOid(Range.closed(BigDecimal.ONE, null))).isEqualTo(Oids.NUMRANGE);
        assertThat(paramOid(Range.closed(JAN_1, null))).isEqualTo(Oids.DATERANGE);
        assertThat(paramOid(Range.closed(TEN, null))).isEqualTo(Oids.TSRANGE);
        assertThat(paramOid(Range.closed(null, TEN.atOffset(ZoneOffset.UTC)))).isEqualTo(Oids.TSTZRANGE);
        assertThat(paramOid(Range.closed(null, Instant.EPOCH))).isEqualTo(Oids.TSTZRANGE);
        assertThat(paramOid(Multirange.of(Range.closedOpen(1L, 5L)))).isEqualTo(Oids.INT8MULTIRANGE);
        assertThat(encodeHex(REGISTRY.forValue(Range.closedOpen(1, 5)), Range.closedOpen(1, 5)))
                .isEqualTo("0200000004000000010000000400000005");
        assertThatThrownBy(() -> REGISTRY.forValue(Range.closed("a", "b")))
                .hasMessageContaining("Cannot encode value of type dev.r2dbcpg.core.types.Range");
    }

    @Test
    void bindsRangesWithoutBoundsAsUntypedText() {
        for (Object value : new Object[] {Range.empty(), Range.unbounded(), Multirange.empty()}) {
            Codec<?> codec = REGISTRY.forValue(value);
            assertThat(codec.paramOid(value)).isEqualTo(Oids.UNSPECIFIED);
            assertThat(codec.encodeFormat(value)).isEqualTo(Format.TEXT);
            assertThat(text(codec, value)).isEqualTo(value.toString());
        }
        assertThat(REGISTRY.forClass(Range.class).paramOidForNull(Range.class)).isEqualTo(Oids.UNSPECIFIED);
    }

    @Test
    void decodesQuotedAndEscapedBounds() {
        Codec<?> textRange = RangeCodecs.rangeOf(REGISTRY.forOid(Oids.TEXT), 90_100, "textrange");
        assertThat(decodeWith(textRange, "[\"a b\",\"c\"\"d\\\\\"]")).isEqualTo(Range.closed("a b", "c\"d\\"));
        assertThat(decodeWith(textRange, "[a\\,b,c]")).isEqualTo(Range.closed("a,b", "c"));
        assertThat(decodeWith(textRange, "(\"\",z)")).isEqualTo(Range.open("", "z"));
        assertThat(decodeWith(textRange, " EMPTY ")).isEqualTo(Range.empty());
    }

    @Test
    void rejectsMalformedRangeText() {
        for (String text : new String[] {"", "[1,5", "1,5)", "[1;5)", "[1,2,3)", "[\"1,5)", "{[1,2)"}) {
            assertThatThrownBy(() -> decode(Oids.INT4RANGE, Format.TEXT, utf8(text), Object.class))
                    .as(text).hasMessageContaining("int4range");
        }
        assertThatThrownBy(() -> decode(Oids.INT4MULTIRANGE, Format.TEXT, utf8("{[1,2) [3,4)}"), Object.class))
                .hasMessageContaining("int4multirange");
        assertThatThrownBy(() -> decode(Oids.INT4RANGE, Format.BINARY, hex("02000000040000000100000004"), Object.class))
                .hasMessageContaining("Malformed PostgreSQL int4range value in binary format");
    }

    @Test
    void registeredRangeOfTextFormatElementWritesRangeSyntax() {
        Codec<?> element = new ArrayCodecBindingTest.TagCodec();
        Codec<?> codec = RangeCodecs.rangeOf(element, 90_200);
        Range<ArrayCodecBindingTest.Tag> value = Range.closedOpen(new ArrayCodecBindingTest.Tag("a b"),
                new ArrayCodecBindingTest.Tag("x\"y"));
        assertThat(codec.typeName()).isEqualTo("range of tag");
        assertThat(codec.encodeFormat(value)).isEqualTo(Format.TEXT);
        assertThat(text(codec, value)).isEqualTo("[\"a b\",\"x\"\"y\")");
        assertThat(decodeWith(codec, "[\"a b\",\"x\"\"y\")")).isEqualTo(value);
        Codec<?> multi = RangeCodecs.multirangeOf(codec, 90_201, "tagmultirange");
        assertThat(text(multi, Multirange.of(value, value))).isEqualTo("{[\"a b\",\"x\"\"y\"),[\"a b\",\"x\"\"y\")}");
    }

    private static int paramOid(Object value) {
        return REGISTRY.forValue(value).paramOid(value);
    }

    private static String text(Codec<?> codec, Object value) {
        ByteBuf out = Unpooled.buffer();
        try {
            codec.encode(value, out);
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }

    private static Object decodeWith(Codec<?> codec, String text) {
        ByteBuf buf = Unpooled.wrappedBuffer(utf8(text));
        try {
            return codec.decode(buf, 0, buf.readableBytes(), Format.TEXT, Object.class);
        } finally {
            buf.release();
        }
    }

    @Test
    void aRangeCodecWithABoundClassBindsThoseRangesOnlyAndTheOthersStayBuiltIn() {
        // range_send('[1.5,2.5)'::floatrange), a user range over float8
        String fixture = "02000000083ff8000000000000000000084004000000000000";
        int floatrange = 90001;
        CodecRegistry registry = CodecRegistry.defaults();
        Codec<?> codec = RangeCodecs.rangeOf(REGISTRY.forOid(Oids.FLOAT8), floatrange, "floatrange", Double.class);
        registry.register(codec);
        registry.register(RangeCodecs.multirangeOf(codec, 90002, "floatmultirange"));
        Range<Double> range = Range.closedOpen(1.5, 2.5);
        assertThat(registry.forValue(range)).isSameAs(codec);
        assertThat(encodeHex(codec, range)).isEqualTo(fixture);
        assertThat(registry.forValue(Multirange.of(range)).paramOid(Multirange.of(range))).isEqualTo(90002);
        assertThat(registry.forValue(Range.closedOpen(1, 2)).paramOid(Range.closedOpen(1, 2))).isEqualTo(Oids.INT4RANGE);
        assertThat(registry.forValue(Range.empty()).paramOid(Range.empty())).isEqualTo(Oids.UNSPECIFIED);
        assertThat(registry.forValue(Multirange.empty()).paramOid(Multirange.empty())).isEqualTo(Oids.UNSPECIFIED);
        assertThat(registry.forClass(Range.class).paramOidForNull(Range.class)).isEqualTo(Oids.UNSPECIFIED);
    }

    @Test
    @SuppressWarnings("unchecked")
    void decodedRangesAreNotRecheckedAndKeepTheSubtypesOrder() {
        Codec<?> labels = dev.r2dbcpg.core.codec.builtin.UserTypeCodecs.enumType(90003, "mood", null);
        Codec<?> moodrange = RangeCodecs.rangeOf(labels, 90004, "moodrange");
        ByteBuf buf = Unpooled.copiedBuffer("[SAD,HAPPY)", StandardCharsets.UTF_8);
        try {
            Range<?> range = moodrange.decode(buf, 0, buf.readableBytes(), Format.TEXT, Range.class);
            assertThat(range).isEqualTo(Range.ofValid("SAD", "HAPPY", true, false, null));
            assertThatThrownBy(() -> ((Range<Object>) range).contains("OK")).isInstanceOf(IllegalStateException.class);
        } finally {
            buf.release();
        }
        // range_send('[3,1]') cannot come from a server, but is kept as sent
        Range<?> reversed = decode(Oids.INT4RANGE, Format.BINARY, hex("0600000004000000030000000400000001"), Range.class);
        assertThat(reversed.lower()).isEqualTo(3);
    }
}
