package dev.r2dbcpg.core.codec;

import static dev.r2dbcpg.core.codec.CodecTesting.encodeHex;
import static dev.r2dbcpg.core.codec.CodecTesting.hex;
import static dev.r2dbcpg.core.codec.CodecTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.r2dbcpg.core.codec.builtin.ArrayCodecs;
import dev.r2dbcpg.core.codec.builtin.UserTypeCodecs;
import dev.r2dbcpg.core.types.Composite;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Enum, composite, anonymous record and hstore codecs against bytes captured from PostgreSQL 18.6
 * ({@code enum_send}, {@code record_send}, {@code hstore_send} and the types' text output), decoded
 * and re-encoded.
 */
class UserTypeCodecFixturesTest {

    private static final int MOOD = 16520;
    private static final int ADDRESS = 16527;

    enum Mood { SAD, HAPPY }

    record Address(String street, int number) {
    }

    @Test
    void compositeValueEncodesToServerBytesByTypeName() {
        Composite value = Composite.of("address", List.of("street", "number"), List.of("Main St", 5));
        Codec<?> codec = address(null);
        assertThat(codec.canEncode(value)).isTrue();
        assertThat(codec.canEncode(Composite.of("person", List.of("street", "number"), List.of("Main St", 5)))).isFalse();
        assertThat(encodeHex(codec, value)).isEqualTo("0000000200000019000000074d61696e205374000000170000000400000005");
        assertThat(encodeHex(address(Address.class), value))
                .isEqualTo("0000000200000019000000074d61696e205374000000170000000400000005");
        assertThat(codec.paramOidForNull(Composite.class)).isZero();
        assertThatThrownBy(() -> encodeHex(codec, Composite.of("address", List.of("street"), List.of("x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit")
                .hasMessageContaining("[street, number]");
        assertThat(UserTypeCodecs.anonymousRecord(CodecTesting.REGISTRY::forOid)
                .canEncode(Composite.of("record", List.of("f1"), List.of(1)))).isFalse();
    }

    record LooseAddress(String street, Integer number) {
    }

    private static final Codec<?> ENUM = UserTypeCodecs.enumType(MOOD, "mood", null);
    private static final Codec<?> MOOD_ENUM = UserTypeCodecs.enumType(MOOD, "mood", Mood.class);
    private static final Codec<?> TEXT = CodecTesting.REGISTRY.forOid(Oids.TEXT);
    private static final Codec<?> INT4 = CodecTesting.REGISTRY.forOid(Oids.INT4);

    private static Codec<?> address(Class<? extends Record> recordClass) {
        return UserTypeCodecs.composite(ADDRESS, "address", List.of("street", "number"), List.of(Oids.TEXT, Oids.INT4),
                List.of(TEXT, INT4), recordClass);
    }

    private static <T> T decode(Codec<?> codec, Format format, byte[] value, Class<T> target) {
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeBytes(new byte[] {9, 9}).writeBytes(value).writeByte(9);
            T result = codec.decode(buf, 2, value.length, format, target);
            assertThat(buf.readerIndex()).isZero();
            return result;
        } finally {
            buf.release();
        }
    }

    @Test
    void enumLabelDecodesAsStringOrRegisteredConstantAndReencodes() {
        byte[] happy = hex("4841505059");
        assertThat(decode(ENUM, Format.BINARY, happy, Object.class)).isEqualTo("HAPPY");
        assertThat(decode(ENUM, Format.TEXT, happy, Object.class)).isEqualTo("HAPPY");
        assertThat(decode(MOOD_ENUM, Format.BINARY, happy, Object.class)).isEqualTo(Mood.HAPPY);
        assertThat(decode(MOOD_ENUM, Format.BINARY, happy, String.class)).isEqualTo("HAPPY");
        assertThat(encodeHex(MOOD_ENUM, Mood.HAPPY)).isEqualTo("4841505059");
        assertThat(MOOD_ENUM.paramOid(Mood.HAPPY)).isEqualTo(MOOD);
        assertThat(MOOD_ENUM.canEncodeType(Mood.class)).isTrue();
        assertThat(ENUM.canEncodeType(Mood.class)).isFalse();
    }

    @Test
    void enumLabelWithoutJavaConstantFailsNamingBoth() {
        assertThatThrownBy(() -> decode(MOOD_ENUM, Format.TEXT, utf8("OK"), Object.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'OK'").hasMessageContaining("mood").hasMessageContaining(Mood.class.getName());
    }

    @Test
    void unregisteredJavaEnumBindsItsNameUntyped() {
        Codec<?> codec = CodecTesting.REGISTRY.forValue(Mood.SAD);
        assertThat(codec.paramOid(Mood.SAD)).isEqualTo(Oids.UNSPECIFIED);
        assertThat(codec.encodeFormat(Mood.SAD)).isEqualTo(Format.TEXT);
        assertThat(encodeHex(codec, Mood.SAD)).isEqualTo("534144");
    }

    @Test
    void compositeDecodesBothFormatsAndRecordReencodesToServerBytes() {
        byte[] binary = hex("0000000200000019000000074d61696e205374000000170000000400000005");
        Composite expected = Composite.of("address", List.of("street", "number"), List.of("Main St", 5));
        assertThat(decode(address(null), Format.BINARY, binary, Object.class)).isEqualTo(expected);
        assertThat(decode(address(null), Format.TEXT, utf8("(\"Main St\",5)"), Object.class)).isEqualTo(expected);
        assertThat(expected.toString()).isEqualTo("(\"Main St\",5)");
        Codec<?> mapped = address(Address.class);
        assertThat(decode(mapped, Format.BINARY, binary, Object.class)).isEqualTo(new Address("Main St", 5));
        assertThat(decode(mapped, Format.BINARY, binary, Composite.class)).isEqualTo(expected);
        assertThat(encodeHex(mapped, new Address("Main St", 5)))
                .isEqualTo("0000000200000019000000074d61696e205374000000170000000400000005");
    }

    @Test
    void compositeNullsQuotesAndEmptyStrings() {
        Codec<?> loose = address(LooseAddress.class);
        byte[] nulls = hex("0000000200000019ffffffff0000001700000004ffffffff");
        assertThat(decode(loose, Format.BINARY, nulls, Object.class)).isEqualTo(new LooseAddress(null, -1));
        assertThat(decode(loose, Format.TEXT, utf8("(,-1)"), Object.class)).isEqualTo(new LooseAddress(null, -1));
        assertThat(encodeHex(loose, new LooseAddress(null, -1))).isEqualTo("0000000200000019ffffffff0000001700000004ffffffff");

        String tricky = "a \"b\\c,(x)";
        byte[] quoted = hex("00000002000000190000000a612022625c632c287829000000170000000400000000");
        assertThat(decode(loose, Format.BINARY, quoted, Object.class)).isEqualTo(new LooseAddress(tricky, 0));
        assertThat(decode(loose, Format.TEXT, utf8("(\"a \"\"b\\\\c,(x)\",0)"), Object.class))
                .isEqualTo(new LooseAddress(tricky, 0));
        assertThat(Composite.of("address", List.of("street", "number"), List.of(tricky, 0)).toString())
                .isEqualTo("(\"a \"\"b\\\\c,(x)\",0)");

        byte[] empty = hex("000000020000001900000000000000170000000400000007");
        assertThat(decode(loose, Format.BINARY, empty, Object.class)).isEqualTo(new LooseAddress("", 7));
        assertThat(decode(loose, Format.TEXT, utf8("(\"\",7)"), Object.class)).isEqualTo(new LooseAddress("", 7));
        assertThat(encodeHex(loose, new LooseAddress("", 7))).isEqualTo("000000020000001900000000000000170000000400000007");
    }

    @Test
    void nullAttributeForPrimitiveComponentFailsNamingTheComponent() {
        byte[] nulls = hex("0000000200000019ffffffff0000001700000004ffffffff");
        assertThatThrownBy(() -> decode(address(Address.class), Format.BINARY, hex(
                "0000000200000019000000017800000017ffffffff"), Object.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NULL").hasMessageContaining("number");
        assertThatThrownBy(() -> decode(address(Address.class), Format.TEXT, utf8("(x,)"), Object.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NULL").hasMessageContaining("number");
        assertThat(decode(address(Address.class), Format.BINARY, nulls, Composite.class).get("street")).isNull();
    }

    @Test
    void compositeWithWrongAttributeCountIsMalformed() {
        assertThatThrownBy(() -> decode(address(null), Format.BINARY, hex("00000001000000190000000161"), Object.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 attributes, expected 2");
    }

    @Test
    void anonymousRecordTakesCodecsFromTheOidsInTheData() {
        Codec<?> record = UserTypeCodecs.anonymousRecord(CodecTesting.REGISTRY::forOid);
        byte[] binary = hex("00000004000000170000000400000001000002c10000000361206200000019ffffffff000006a40000000c000200000000000100021388");
        assertThat(decode(record, Format.BINARY, binary, Object.class)).isEqualTo(Composite.of("record",
                List.of("f1", "f2", "f3", "f4"), Arrays.asList(1, "a b", null, new BigDecimal("2.5"))));
        assertThat(decode(record, Format.TEXT, utf8("(1,\"a b\",,2.5)"), Object.class)).isEqualTo(Composite.of("record",
                List.of("f1", "f2", "f3", "f4"), Arrays.asList("1", "a b", null, "2.5")));
    }

    @Test
    void arrayOfCompositeBindsRecordArraysByClass() {
        Codec<?> array = ArrayCodecs.arrayOf(address(Address.class), 16526);
        assertThat(array.canEncodeType(Address[].class)).isTrue();
        assertThat(array.paramOid(new Address[] {new Address("x", 1)})).isEqualTo(16526);
    }

    @Test
    void hstoreDecodesBothFormatsAndReencodesToServerBytes() {
        String fixture = "000000030000000161000000013100000002712200000003785c7900000003622063ffffffff";
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("a", "1");
        expected.put("q\"", "x\\y");
        expected.put("b c", null);
        Codec<?> hstore = UserTypeCodecs.hstore(16600, false);
        assertThat(decode(hstore, Format.BINARY, hex(fixture), Object.class)).isEqualTo(expected);
        assertThat(decode(hstore, Format.TEXT, utf8("\"a\"=>\"1\", \"q\\\"\"=>\"x\\\\y\", \"b c\"=>NULL"), Object.class))
                .isEqualTo(expected);
        assertThat(decode(hstore, Format.TEXT, utf8("a=>1, \"b c\"=>NULL ,q\\\"=>\"x\\\\y\""), Object.class))
                .isEqualTo(expected);
        assertThat(decode(hstore, Format.BINARY, hex(fixture), String.class))
                .isEqualTo("\"a\"=>\"1\", \"q\\\"\"=>\"x\\\\y\", \"b c\"=>NULL");
        assertThat(encodeHex(hstore, expected)).isEqualTo(fixture);
        assertThat(decode(hstore, Format.BINARY, hex("00000000"), Object.class)).isEqualTo(Map.of());
        assertThat(decode(hstore, Format.TEXT, new byte[0], Object.class)).isEqualTo(Map.of());
        assertThat(hstore.canEncodeType(Map.class)).isFalse();
        assertThat(UserTypeCodecs.hstore(16600, true).canEncodeType(LinkedHashMap.class)).isTrue();
    }

    @Test
    void malformedHstoreFailsClearly() {
        Codec<?> hstore = UserTypeCodecs.hstore(16600, false);
        assertThatThrownBy(() -> decode(hstore, Format.TEXT, utf8("\"a\"=\"b\""), Object.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Malformed PostgreSQL hstore");
        assertThatThrownBy(() -> decode(hstore, Format.BINARY, hex("0000000100000005"), Object.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Malformed PostgreSQL hstore");
    }

    @Test
    void retypedCodecReadsAsItsBaseAndFunctionCodecUsesOneFormat() {
        Codec<?> domain = UserTypeCodecs.retyped(INT4, 16700, "positive");
        assertThat(domain.oid()).isEqualTo(16700);
        assertThat(decode(domain, Format.BINARY, hex("00000007"), Object.class)).isEqualTo(7);
        assertThat(domain.canEncodeType(Integer.class)).isFalse();

        Codec<Double> numeric = UserTypeCodecs.text(Oids.NUMERIC, "numeric", Double.class, String::valueOf, Double::valueOf);
        assertThat(numeric.supportsFormat(Format.BINARY)).isFalse();
        assertThat(decode(numeric, Format.TEXT, utf8("1.25"), Object.class)).isEqualTo(1.25d);
        assertThat(encodeHex(numeric, 1.25d)).isEqualTo("312e3235");
        assertThat(numeric.canEncodeType(double.class)).isTrue();
        assertThatThrownBy(() -> decode(numeric, Format.BINARY, hex("00"), Object.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text format only");
    }
}
