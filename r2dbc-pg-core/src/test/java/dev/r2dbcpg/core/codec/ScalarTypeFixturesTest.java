package dev.r2dbcpg.core.codec;

import static dev.r2dbcpg.core.codec.CodecTesting.decode;
import static dev.r2dbcpg.core.codec.CodecTesting.encodeHex;
import static dev.r2dbcpg.core.codec.CodecTesting.hex;
import static dev.r2dbcpg.core.codec.CodecTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte fixtures captured from PostgreSQL 18.6 with the type's send function
 * ({@code SELECT encode(interval_send('1 day'), 'hex')}, {@code typsend} from {@code pg_type}
 * for the others) and the server's text output ({@code lc_monetary = C}, {@code IntervalStyle}
 * noted per row), decoded to the expected value and, in binary, re-encoded to the same bytes.
 */
class ScalarTypeFixturesTest {

    static Stream<Arguments> binary() {
        return Stream.of(
                arguments(Oids.REGCLASS, "000004eb", 1259L),
                arguments(Oids.REGCLASS, "00000000", 0L),
                arguments(Oids.REGTYPE, "00000017", 23L),
                arguments(Oids.REGTYPE, "00000413", 1043L),
                arguments(Oids.REGPROC, "00000513", 1299L),
                arguments(Oids.REGNAMESPACE, "0000000b", 11L),
                arguments(Oids.XID, "00000000", 0L),
                arguments(Oids.XID, "ffffffff", 4294967295L),
                arguments(Oids.XID8, "000000000000002a", 42L),
                arguments(Oids.CID, "00000007", 7L),
                arguments(Oids.MONEY, "000000000001e240", new BigDecimal("1234.56")),
                arguments(Oids.MONEY, "8000000000000000", new BigDecimal("-92233720368547758.08")),
                arguments(Oids.MONEY, "7fffffffffffffff", new BigDecimal("92233720368547758.07")),
                arguments(Oids.MONEY, "0000000000000000", new BigDecimal("0.00")),
                arguments(Oids.MONEY, "ffffffffffffffff", new BigDecimal("-0.01")),
                arguments(Oids.INTERVAL, "00000000000000000000000100000000", Interval.of(0, 1, 0)),
                arguments(Oids.INTERVAL, "000000036c97ca88000000030000000e", Interval.of(14, 3, 14_706_789_000L)),
                arguments(Oids.INTERVAL, "fffffffc93743f8000000003fffffff2", Interval.of(-14, 3, -14_706_000_000L)),
                arguments(Oids.INTERVAL, "00000000000000000000000000000000", Interval.ZERO),
                arguments(Oids.INTERVAL, "ffffffffffffffff0000000000000000", Interval.of(0, 0, -1)),
                arguments(Oids.INTERVAL, "0000000000000000000000007f50c600", Interval.of(2_136_000_000, 0, 0)),
                arguments(Oids.INTERVAL, "7fffffffffffffff7fffffff7fffffff", Interval.POSITIVE_INFINITY),
                arguments(Oids.INTERVAL, "80000000000000008000000080000000", Interval.NEGATIVE_INFINITY),
                arguments(Oids.INET, "02200004c0a80001", Inet.parse("192.168.0.1")),
                arguments(Oids.INET, "02180004c0a80001", Inet.parse("192.168.0.1/24")),
                arguments(Oids.INET, "0380001000000000000000000000000000000001", Inet.parse("::1")),
                arguments(Oids.INET, "0340001020010db8000000000000000000000001", Inet.parse("2001:db8::1/64")),
                arguments(Oids.INET, "0380001000000000000000000000ffff01020304", Inet.parse("::ffff:1.2.3.4")),
                arguments(Oids.CIDR, "020801040a000000", Cidr.parse("10.0.0.0/8")),
                arguments(Oids.CIDR, "0320011020010db8000000000000000000000000", Cidr.parse("2001:db8::/32")),
                arguments(Oids.CIDR, "0200010400000000", Cidr.parse("0.0.0.0/0")),
                arguments(Oids.MACADDR, "08002b010203", MacAddress.parse("08:00:2b:01:02:03")),
                arguments(Oids.MACADDR8, "08002b0102030405", MacAddress.parse("08:00:2b:01:02:03:04:05")),
                arguments(Oids.POINT, "3ff8000000000000c000000000000000", new Point(1.5, -2)),
                arguments(Oids.POINT, "7ff80000000000007ff0000000000000", new Point(Double.NaN, Double.POSITIVE_INFINITY)),
                arguments(Oids.LINE, "3ff0000000000000bff00000000000000000000000000000", new Line(1, -1, 0)),
                arguments(Oids.LSEG, "000000000000000000000000000000003ff00000000000003ff0000000000000",
                        new LineSegment(new Point(0, 0), new Point(1, 1))),
                arguments(Oids.BOX, "3ff00000000000003ff000000000000000000000000000000000000000000000",
                        new Box(new Point(0, 0), new Point(1, 1))),
                arguments(Oids.PATH, "0000000003000000000000000000000000000000003ff00000000000003ff0000000000000"
                        + "40000000000000000000000000000000", new Path(List.of(new Point(0, 0), new Point(1, 1), new Point(2, 0)), false)),
                arguments(Oids.PATH, "0100000002000000000000000000000000000000003ff00000000000003ff0000000000000",
                        new Path(List.of(new Point(0, 0), new Point(1, 1)), true)),
                arguments(Oids.POLYGON, "00000003000000000000000000000000000000003ff00000000000003ff0000000000000"
                        + "3ff00000000000000000000000000000", new Polygon(List.of(new Point(0, 0), new Point(1, 1), new Point(1, 0)))),
                arguments(Oids.CIRCLE, "3ff000000000000040000000000000004008000000000000", new Circle(new Point(1, 2), 3)),
                arguments(Oids.BIT, "0000000180", BitString.parse("1")),
                arguments(Oids.BIT, "0000000aa040", BitString.parse("1010000001")),
                arguments(Oids.VARBIT, "00000000", BitString.parse("")),
                arguments(Oids.VARBIT, "0000000bffe0", BitString.parse("11111111111")),
                arguments(Oids.PG_LSN, "00000016b374d848", Lsn.parse("16/B374D848")),
                arguments(Oids.PG_LSN, "0000000000000000", Lsn.INVALID),
                arguments(Oids.PG_LSN, "ffffffffffffffff", Lsn.parse("FFFFFFFF/FFFFFFFF")),
                arguments(Oids.TID, "000000000001", new Tid(0, 1)),
                arguments(Oids.TID, "ffffffffffff", new Tid(4294967295L, 65535)),
                arguments(Oids.PG_SNAPSHOT, "00000003000000000000000a0000000000000014000000000000000a000000000000000e"
                        + "000000000000000f", "10:20:10,14,15"),
                arguments(Oids.PG_SNAPSHOT, "0000000000000000000000050000000000000005", "5:5:"),
                arguments(Oids.TXID_SNAPSHOT, "0000000000000000000000050000000000000005", "5:5:"),
                arguments(Oids.XML, "3c6120783d2231223e743c2f613e", "<a x=\"1\">t</a>"),
                arguments(Oids.JSONPATH, "01242e2261225b2a5d3f2840203e203129", "$.\"a\"[*]?(@ > 1)"),
                arguments(Oids.JSONPATH, "0173747269637420242e227822", "strict $.\"x\""),
                arguments(Oids.JSON, "7b2261223a205b312c202278225d7d", "{\"a\": [1, \"x\"]}"),
                arguments(Oids.JSONB, "017b2261223a205b312c20322e355d2c202262223a206e756c6c7d", "{\"a\": [1, 2.5], \"b\": null}"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("binary")
    void decodesAndReencodesBinaryFixture(int oid, String hex, Object expected) {
        Codec<?> codec = CodecTesting.REGISTRY.forOid(oid);
        assertThat(codec.supportsFormat(Format.BINARY)).isTrue();
        Object value = decode(oid, Format.BINARY, hex(hex), Object.class);
        assertThat(value).isEqualTo(expected);
        assertThat(value).isInstanceOf(codec.javaType());
        assertThat(codec.canEncode(value)).isTrue();
        assertThat(encodeHex(codec, value)).isEqualTo(hex);
    }

    static Stream<Arguments> text() {
        return Stream.of(
                arguments(Oids.REGCLASS, "-", 0L),
                arguments(Oids.XID, "4294967295", 4294967295L),
                arguments(Oids.XID8, "42", 42L),
                arguments(Oids.CID, "7", 7L),
                arguments(Oids.MONEY, "$1,234.56", new BigDecimal("1234.56")),
                arguments(Oids.MONEY, "-$92,233,720,368,547,758.08", new BigDecimal("-92233720368547758.08")),
                arguments(Oids.MONEY, "$92,233,720,368,547,758.07", new BigDecimal("92233720368547758.07")),
                arguments(Oids.MONEY, "$0.00", new BigDecimal("0.00")),
                arguments(Oids.MONEY, "-$0.01", new BigDecimal("-0.01")),
                // lc_monetary de_DE.UTF-8 and en_US accounting style
                arguments(Oids.MONEY, "1.234,56 \u20ac", new BigDecimal("1234.56")),
                arguments(Oids.MONEY, "($1.00)", new BigDecimal("-1.00")),
                // IntervalStyle postgres
                arguments(Oids.INTERVAL, "1 year 2 mons 3 days 04:05:06.789", Interval.of(14, 3, 14_706_789_000L)),
                arguments(Oids.INTERVAL, "-1 years -2 mons +3 days -04:05:06", Interval.of(-14, 3, -14_706_000_000L)),
                arguments(Oids.INTERVAL, "00:00:00", Interval.ZERO),
                arguments(Oids.INTERVAL, "-00:00:00.000001", Interval.of(0, 0, -1)),
                arguments(Oids.INTERVAL, "178000000 years", Interval.of(2_136_000_000, 0, 0)),
                arguments(Oids.INTERVAL, "1 day -00:00:01", Interval.of(0, 1, -1_000_000)),
                arguments(Oids.INTERVAL, "2562047788:00:54.775807", Interval.of(0, 0, Long.MAX_VALUE)),
                arguments(Oids.INTERVAL, "infinity", Interval.POSITIVE_INFINITY),
                arguments(Oids.INTERVAL, "-infinity", Interval.NEGATIVE_INFINITY),
                // IntervalStyle postgres_verbose
                arguments(Oids.INTERVAL, "@ 1 year 2 mons 3 days 4 hours 5 mins 6.789 secs", Interval.of(14, 3, 14_706_789_000L)),
                arguments(Oids.INTERVAL, "@ 1 year 2 mons -3 days 4 hours 5 mins 6 secs ago", Interval.of(-14, 3, -14_706_000_000L)),
                arguments(Oids.INTERVAL, "@ 0", Interval.ZERO),
                arguments(Oids.INTERVAL, "@ 0.000001 secs ago", Interval.of(0, 0, -1)),
                arguments(Oids.INTERVAL, "@ 1 day -1 sec", Interval.of(0, 1, -1_000_000)),
                // IntervalStyle sql_standard
                arguments(Oids.INTERVAL, "+1-2 +3 +4:05:06.789", Interval.of(14, 3, 14_706_789_000L)),
                arguments(Oids.INTERVAL, "-1-2 +3 -4:05:06", Interval.of(-14, 3, -14_706_000_000L)),
                arguments(Oids.INTERVAL, "0", Interval.ZERO),
                arguments(Oids.INTERVAL, "-2 0:00:00", Interval.of(0, -2, 0)),
                arguments(Oids.INTERVAL, "-3 4:05:06", Interval.of(0, -3, -14_706_000_000L)),
                arguments(Oids.INTERVAL, "0-1", Interval.of(1, 0, 0)),
                arguments(Oids.INTERVAL, "+0-0 +1 -0:00:01", Interval.of(0, 1, -1_000_000)),
                // IntervalStyle iso_8601
                arguments(Oids.INTERVAL, "P1Y2M3DT4H5M6.789S", Interval.of(14, 3, 14_706_789_000L)),
                arguments(Oids.INTERVAL, "P-1Y-2M3DT-4H-5M-6S", Interval.of(-14, 3, -14_706_000_000L)),
                arguments(Oids.INTERVAL, "PT0S", Interval.ZERO),
                arguments(Oids.INTERVAL, "PT-0.000001S", Interval.of(0, 0, -1)),
                arguments(Oids.INTERVAL, "PT25H", Interval.of(0, 0, 25 * 3_600_000_000L)),
                arguments(Oids.INTERVAL, "P1DT-1S", Interval.of(0, 1, -1_000_000)),
                arguments(Oids.INET, "192.168.0.1", Inet.parse("192.168.0.1/32")),
                arguments(Oids.INET, "2001:db8::1/64", Inet.parse("2001:db8::1/64")),
                arguments(Oids.INET, "::ffff:1.2.3.4", Inet.parse("::ffff:1.2.3.4/128")),
                arguments(Oids.CIDR, "2001:db8::/32", Cidr.parse("2001:db8::/32")),
                arguments(Oids.MACADDR, "08:00:2b:01:02:03", MacAddress.of(new byte[] {8, 0, 0x2b, 1, 2, 3})),
                arguments(Oids.MACADDR8, "08:00:2b:01:02:03:04:05", MacAddress.of(new byte[] {8, 0, 0x2b, 1, 2, 3, 4, 5})),
                arguments(Oids.POINT, "(NaN,Infinity)", new Point(Double.NaN, Double.POSITIVE_INFINITY)),
                arguments(Oids.POINT, "(-1e+300,1e-05)", new Point(-1e300, 1e-5)),
                arguments(Oids.LINE, "{1,-1,0}", new Line(1, -1, 0)),
                arguments(Oids.LSEG, "[(0,0),(1,1)]", new LineSegment(new Point(0, 0), new Point(1, 1))),
                arguments(Oids.BOX, "(1,1),(0,0)", new Box(new Point(1, 1), new Point(0, 0))),
                arguments(Oids.PATH, "[(0,0),(1,1),(2,0)]", new Path(List.of(new Point(0, 0), new Point(1, 1), new Point(2, 0)), false)),
                arguments(Oids.PATH, "((0,0),(1,1))", new Path(List.of(new Point(0, 0), new Point(1, 1)), true)),
                arguments(Oids.POLYGON, "((0,0),(1,1),(1,0))", new Polygon(List.of(new Point(0, 0), new Point(1, 1), new Point(1, 0)))),
                arguments(Oids.CIRCLE, "<(1,2),3>", new Circle(new Point(1, 2), 3)),
                arguments(Oids.BIT, "1010000001", BitString.parse("1010000001")),
                arguments(Oids.VARBIT, "", BitString.parse("")),
                arguments(Oids.TSVECTOR, "'a' 'cat':3A 'fat':2,4 'it''s':1B", "'a' 'cat':3A 'fat':2,4 'it''s':1B"),
                arguments(Oids.TSQUERY, "'fat' & ( 'rat' | !'cat' ) <-> 'mouse':* <2> 'b':AB",
                        "'fat' & ( 'rat' | !'cat' ) <-> 'mouse':* <2> 'b':AB"),
                arguments(Oids.PG_LSN, "16/B374D848", Lsn.of(0x16_B374D848L)),
                arguments(Oids.TID, "(4294967295,65535)", new Tid(4294967295L, 65535)),
                arguments(Oids.PG_SNAPSHOT, "10:20:10,14,15", "10:20:10,14,15"),
                arguments(Oids.JSONB, "{\"a\": [1, 2.5], \"b\": null}", "{\"a\": [1, 2.5], \"b\": null}"),
                arguments(Oids.JSONPATH, "strict $.\"x\"", "strict $.\"x\""));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("text")
    void decodesTextFixture(int oid, String text, Object expected) {
        Object value = decode(oid, Format.TEXT, utf8(text), Object.class);
        assertThat(value).isEqualTo(expected);
        assertThat(value).isInstanceOf(CodecTesting.REGISTRY.forOid(oid).javaType());
    }

    /** Binary tsvector from tsvectorsend; tsvector is sent as text, so only decoding is checked. */
    static Stream<Arguments> binaryDecodeOnly() {
        return Stream.of(
                arguments(Oids.TSVECTOR, "0000000461000000636174000001c00366617400000200020004697427730000018001",
                        "'a' 'cat':3A 'fat':2,4 'it''s':1B"),
                arguments(Oids.TSVECTOR, "00000000", ""),
                arguments(Oids.XID8, "ffffffffffffffff", null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("binaryDecodeOnly")
    void decodesBinaryTsvectorAsServerText(int oid, String hex, Object expected) {
        if (expected == null) {
            assertThat(decode(oid, Format.BINARY, hex(hex), java.math.BigInteger.class))
                    .isEqualTo(new java.math.BigInteger("18446744073709551615"));
            return;
        }
        assertThat(decode(oid, Format.BINARY, hex(hex), Object.class)).isEqualTo(expected);
    }
}
