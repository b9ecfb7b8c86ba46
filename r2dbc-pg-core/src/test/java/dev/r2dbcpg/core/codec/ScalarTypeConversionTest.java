package dev.r2dbcpg.core.codec;

import static dev.r2dbcpg.core.codec.CodecTesting.decode;
import static dev.r2dbcpg.core.codec.CodecTesting.encodeHex;
import static dev.r2dbcpg.core.codec.CodecTesting.hex;
import static dev.r2dbcpg.core.codec.CodecTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.r2dbcpg.core.codec.builtin.JsonCodecs;
import dev.r2dbcpg.core.types.BitString;
import dev.r2dbcpg.core.types.Box;
import dev.r2dbcpg.core.types.Cidr;
import dev.r2dbcpg.core.types.Circle;
import dev.r2dbcpg.core.types.Inet;
import dev.r2dbcpg.core.types.Interval;
import dev.r2dbcpg.core.types.Line;
import dev.r2dbcpg.core.types.LineSegment;
import dev.r2dbcpg.core.types.Lsn;
import dev.r2dbcpg.core.types.MacAddress;
import dev.r2dbcpg.core.types.Path;
import dev.r2dbcpg.core.types.Point;
import dev.r2dbcpg.core.types.Polygon;
import dev.r2dbcpg.core.types.Tid;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Period;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScalarTypeConversionTest {

    static Stream<Arguments> boundByClass() throws Exception {
        return Stream.of(
                arguments(Interval.of(1, 2, 3), Oids.INTERVAL),
                arguments(Duration.ofSeconds(1), Oids.INTERVAL),
                arguments(Period.ofDays(1), Oids.INTERVAL),
                arguments(Inet.parse("10.0.0.1/8"), Oids.INET),
                arguments(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}), Oids.INET),
                arguments(Cidr.parse("10.0.0.0/8"), Oids.CIDR),
                arguments(MacAddress.parse("08:00:2b:01:02:03"), Oids.MACADDR),
                arguments(MacAddress.parse("08:00:2b:01:02:03:04:05"), Oids.MACADDR8),
                arguments(new Point(1, 2), Oids.POINT),
                arguments(new Line(1, 2, 3), Oids.LINE),
                arguments(new LineSegment(new Point(1, 2), new Point(3, 4)), Oids.LSEG),
                arguments(new Box(new Point(1, 2), new Point(3, 4)), Oids.BOX),
                arguments(new Path(List.of(new Point(1, 2)), true), Oids.PATH),
                arguments(new Polygon(List.of(new Point(1, 2))), Oids.POLYGON),
                arguments(new Circle(new Point(1, 2), 3), Oids.CIRCLE),
                arguments(BitString.parse("101"), Oids.VARBIT),
                arguments(BitSet.valueOf(new long[] {5}), Oids.VARBIT),
                arguments(Lsn.of(1), Oids.PG_LSN),
                arguments(new Tid(1, 2), Oids.TID),
                arguments(JsonMapper.builder().build().readTree("{\"a\":1}"), Oids.JSONB));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundByClass")
    void valueTypeBindsByClassAndDecodesBack(Object value, int oid) {
        Codec<?> codec = CodecTesting.REGISTRY.forValue(value);
        assertThat(codec.paramOid(value)).isEqualTo(oid);
        Class<?> target = value instanceof JsonNode ? JsonNode.class
                : value instanceof InetAddress ? InetAddress.class : value.getClass();
        Object back = decode(oid, codec.encodeFormat(value), hex(encodeHex(codec, value)), target);
        assertThat(back).isEqualTo(value);
    }

    @Test
    void intervalDecodesAsDurationOnlyWithoutMonths() {
        assertThat(decode(Oids.INTERVAL, Format.TEXT, utf8("3 days 01:00:00"), Duration.class))
                .isEqualTo(Duration.ofHours(73));
        assertThatThrownBy(() -> decode(Oids.INTERVAL, Format.TEXT, utf8("1 mon"), Duration.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("months");
        assertThat(decode(Oids.INTERVAL, Format.TEXT, utf8("1 year 2 days"), Period.class)).isEqualTo(Period.of(1, 0, 2));
        assertThat(decode(Oids.INTERVAL, Format.BINARY, hex("00000000000000000000000100000000"), String.class))
                .isEqualTo("1 day");
    }

    @Test
    void inetWithNetmaskIsNotAHostAddress() throws Exception {
        assertThat(decode(Oids.INET, Format.BINARY, hex("02200004c0a80001"), InetAddress.class))
                .isEqualTo(InetAddress.getByAddress(new byte[] {(byte) 192, (byte) 168, 0, 1}));
        assertThatThrownBy(() -> decode(Oids.INET, Format.BINARY, hex("02180004c0a80001"), InetAddress.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without losing");
    }

    @Test
    void regclassNameComesOnlyFromText() {
        assertThat(decode(Oids.REGCLASS, Format.TEXT, utf8("pg_class"), String.class)).isEqualTo("pg_class");
        assertThat(decode(Oids.REGCLASS, Format.TEXT, utf8("16384"), Object.class)).isEqualTo(16384L);
        assertThatThrownBy(() -> decode(Oids.REGCLASS, Format.TEXT, utf8("pg_class"), Object.class))
                .hasMessageContaining("decode it as String");
        assertThatThrownBy(() -> decode(Oids.REGCLASS, Format.BINARY, hex("000004eb"), String.class))
                .hasMessageContaining("::text");
    }

    @Test
    void xid8BeyondLongRangeNeedsBigInteger() {
        assertThat(decode(Oids.XID8, Format.TEXT, utf8("18446744073709551615"), BigInteger.class))
                .isEqualTo(new BigInteger("18446744073709551615"));
        assertThatThrownBy(() -> decode(Oids.XID8, Format.BINARY, hex("ffffffffffffffff"), Long.class))
                .hasMessageContaining("without losing");
    }

    @Test
    void moneyEncodesAtMostTwoFractionDigits() {
        Codec<?> money = CodecTesting.REGISTRY.forOid(Oids.MONEY);
        assertThat(encodeHex(money, new BigDecimal("1234.5"))).isEqualTo("000000000001e23a");
        assertThatThrownBy(() -> encodeHex(money, new BigDecimal("0.001"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(CodecTesting.REGISTRY.forValue(BigDecimal.ONE).oid()).isEqualTo(Oids.NUMERIC);
    }

    @Test
    void bitDecodesAsBitSetAndString() {
        assertThat(decode(Oids.BIT, Format.BINARY, hex("0000000aa040"), BitSet.class).stream()).containsExactly(0, 2, 9);
        assertThat(decode(Oids.VARBIT, Format.BINARY, hex("0000000aa040"), String.class)).isEqualTo("1010000001");
        assertThatThrownBy(() -> decode(Oids.VARBIT, Format.BINARY, hex("0000000aa0"), Object.class))
                .hasMessageContaining("Malformed");
    }

    @Test
    void tsqueryIsRequestedInText() {
        assertThat(CodecTesting.REGISTRY.hasBinaryCodec(Oids.TSQUERY)).isFalse();
        assertThat(CodecTesting.REGISTRY.hasBinaryCodec(Oids.TSVECTOR)).isTrue();
    }

    @Test
    void jsonbDecodesAsTreeBytesMapAndPojo() {
        byte[] jsonb = hex("017b2261223a205b312c20322e355d2c202262223a206e756c6c7d");
        JsonNode tree = decode(Oids.JSONB, Format.BINARY, jsonb, JsonNode.class);
        assertThat(tree.get("a").get(1).asDouble()).isEqualTo(2.5);
        assertThat(decode(Oids.JSONB, Format.BINARY, jsonb, byte[].class)).isEqualTo(utf8("{\"a\": [1, 2.5], \"b\": null}"));
        assertThat(decode(Oids.JSON, Format.TEXT, utf8("{\"a\": 1}"), Map.class)).isEqualTo(Map.of("a", 1));
        assertThat(decode(Oids.JSONB, Format.TEXT, utf8("{\"name\": \"x\", \"size\": 2}"), Item.class))
                .isEqualTo(new Item("x", 2));
        assertThatThrownBy(() -> decode(Oids.JSONB, Format.BINARY, hex("027b7d"), Object.class))
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> decode(Oids.JSONB, Format.TEXT, utf8("[1]"), Item.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void registeredObjectMapperBindsListedTypesAsJsonb() {
        CodecRegistry registry = CodecRegistry.defaults();
        ObjectMapper mapper = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.UPPER_SNAKE_CASE).build();
        JsonCodecs.withObjectMapper(mapper, Item.class, Map.class).forEach(registry::register);

        Codec<?> codec = registry.forValue(new Item("x", 2));
        assertThat(codec.paramOid(new Item("x", 2))).isEqualTo(Oids.JSONB);
        assertThat(encodeHex(codec, new Item("x", 2))).isEqualTo("01" + io.netty.buffer.ByteBufUtil.hexDump(
                utf8("{\"NAME\":\"x\",\"SIZE\":2}")));
        assertThat(registry.forValue(Map.of("k", 1)).oid()).isEqualTo(Oids.JSONB);
        assertThat(registry.forValue("text").oid()).isEqualTo(Oids.TEXT);
        assertThat(CodecTesting.REGISTRY.forClass(Item.class)).isNull();
    }

    record Item(String name, int size) {
    }
}
