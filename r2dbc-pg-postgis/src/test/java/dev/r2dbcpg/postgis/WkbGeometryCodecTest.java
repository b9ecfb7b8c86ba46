package dev.r2dbcpg.postgis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.r2dbcpg.core.codec.CodecRegistry;
import dev.r2dbcpg.core.codec.Format;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateXYM;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;

/** Byte fixtures captured from PostGIS 3.3 on PostgreSQL 15 with {@code encode(geometry_send(...), 'hex')}. */
class WkbGeometryCodecTest {

    private static final WkbGeometryCodec GEOMETRY = WkbGeometryCodec.geometry(70001);
    private static final WkbGeometryCodec GEOGRAPHY = WkbGeometryCodec.geography(70002);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SRID=4326;POINT(1 2)                |0101000020e6100000000000000000f03f0000000000000040",
        "SRID=4326;LINESTRING(0 0,1 1,2 0)   |0102000020e61000000300000000000000000000000000000000000000000000000000f03f000000000000f03f00000000000000400000000000000000",
        "SRID=4326;POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))|0103000020e61000000200000005000000000000000000000000000000000000000000000000001040000000000000000000000000000010400000000000001040000000000000000000000000000010400000000000000000000000000000000004000000000000000000f03f000000000000f03f0000000000000040000000000000f03f00000000000000400000000000000040000000000000f03f000000000000f03f",
        "POINT Z (1 2 3)                     |0101000080000000000000f03f00000000000000400000000000000840",
        "POINT EMPTY                         |0101000000000000000000f87f000000000000f87f",
    })
    void decodesAndEncodesTheServersBinaryEwkb(String ewkt, String hex) throws Exception {
        Geometry expected = geometry(ewkt);

        Geometry decoded = decodeBinary(GEOMETRY, hex, Geometry.class);

        assertThat(decoded.equalsExact(expected)).as("%s decoded as %s", ewkt, decoded).isTrue();
        assertThat(decoded.getSRID()).isEqualTo(expected.getSRID());
        assertThat(encode(GEOMETRY, decoded)).isEqualTo(hex);
    }

    @Test
    void encodesAMeasureAsTheServerDoes() {
        Point xym = new GeometryFactory().createPoint(new CoordinateXYM(1, 2, 4));
        xym.setSRID(4326);

        assertThat(encode(GEOMETRY, xym)).isEqualTo("0101000060e6100000000000000000f03f00000000000000400000000000001040");
        assertThat(decodeBinary(GEOMETRY, "0101000060e6100000000000000000f03f00000000000000400000000000001040",
                Point.class).getCoordinate().getM()).isEqualTo(4.0);
    }

    @Test
    void decodesTheHexadecimalTextOutput() {
        ByteBuf buf = Unpooled.copiedBuffer("xx0101000020E610000000000000000000400000000000004840", StandardCharsets.US_ASCII);
        try {
            Point point = GEOGRAPHY.decode(buf, 2, buf.readableBytes() - 2, Format.TEXT, Point.class);
            assertThat(point.getX()).isEqualTo(2.0);
            assertThat(point.getY()).isEqualTo(48.0);
            assertThat(point.getSRID()).isEqualTo(4326);
            assertThat(buf.readerIndex()).isZero();
        } finally {
            buf.release();
        }
    }

    @Test
    void decodesAtAnOffsetWithoutMovingTheBuffer() {
        ByteBuf buf = Unpooled.buffer().writeInt(0xCAFEBABE)
                .writeBytes(ByteBufUtil.decodeHexDump("0101000020e6100000000000000000f03f0000000000000040")).writeInt(-1);
        try {
            Point point = GEOMETRY.decode(buf, 4, 25, Format.BINARY, Point.class);
            assertThat(point.getCoordinate()).isEqualTo(new Coordinate(1, 2));
            assertThat(buf.readerIndex()).isZero();
            assertThat(buf.writerIndex()).isEqualTo(33);
        } finally {
            buf.release();
        }
    }

    @Test
    void rejectsTruncatedAndOverlongValues() {
        assertThatThrownBy(() -> decodeBinary(GEOMETRY, "0101000020e6100000000000000000f03f00000000", Geometry.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Malformed PostgreSQL geometry");
        assertThatThrownBy(() -> decodeBinary(GEOMETRY, "0101000020e6100000000000000000f03f000000000000004000", Geometry.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 bytes after the end");
    }

    @Test
    void decodesToTheRequestedGeometryClassOnly() {
        String point = "0101000020e6100000000000000000f03f0000000000000040";

        assertThat(decodeBinary(GEOMETRY, point, Object.class)).isInstanceOf(Point.class);
        assertThat(GEOMETRY.canDecode(LineString.class)).isTrue();
        assertThat(GEOMETRY.canDecode(String.class)).isFalse();
        assertThatThrownBy(() -> decodeBinary(GEOMETRY, point, Polygon.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Point as org.locationtech.jts.geom.Polygon");
    }

    @Test
    void bothEncodeEveryJtsGeometryButOnlyGeometryIsChosenByClass() throws Exception {
        Geometry polygon = geometry("SRID=4326;POLYGON((0 0,1 0,1 1,0 0))");

        assertThat(GEOMETRY.canEncode(polygon)).isTrue();
        assertThat(GEOMETRY.canEncodeType(Polygon.class)).isTrue();
        assertThat(GEOMETRY.canEncode("POINT(1 2)")).isFalse();
        // geography writes the same EWKB where the column type picks it (binary COPY), never for bind(i, value)
        assertThat(GEOGRAPHY.canEncode(polygon)).isTrue();
        assertThat(GEOGRAPHY.canEncodeType(Geometry.class)).isFalse();
        assertThat(encode(GEOGRAPHY, polygon)).isEqualTo(encode(GEOMETRY, polygon));
    }

    @Test
    void registeredCodecsAreChosenByOidAndByClassIncludingArrays() {
        CodecRegistry codecs = CodecRegistry.defaults();
        PostgisCodecs.register(codecs, List.of(new PostgisCodecs.PostgisType("geography", 70002, 70012),
                new PostgisCodecs.PostgisType("geometry", 70001, 70011)));

        assertThat(codecs.forOid(70001)).isInstanceOf(WkbGeometryCodec.class);
        assertThat(codecs.forOid(70002).typeName()).isEqualTo("geography");
        assertThat(codecs.forClass(Point.class)).extracting(c -> c.oid()).isEqualTo(70001);
        assertThat(codecs.forClass(Point[].class)).extracting(c -> c.oid()).isEqualTo(70011);
        assertThat(codecs.forOid(70012).typeName()).isEqualTo("geography[]");
        Point point = new GeometryFactory().createPoint(new Coordinate(1, 2));
        assertThat(codecs.forValue(point).oid()).isEqualTo(70001);
        assertThat(codecs.forValue(new Point[] {point}).oid()).isEqualTo(70011);
    }

    @Test
    void decodesColonDelimitedTextArraysWithNullsAndLowerBounds() {
        CodecRegistry codecs = CodecRegistry.defaults();
        PostgisCodecs.register(codecs, List.of(new PostgisCodecs.PostgisType("geometry", 70001, 70011)));
        // SELECT '[0:2]={...}'::geometry[]::text on PostGIS 3.3: elements are separated by ':', typdelim of geometry
        String text = "[0:2]={0101000020E6100000000000000000F03F0000000000000040:NULL"
                + ":0101000020E610000000000000000000400000000000004840}";
        ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
        try {
            Point[] points = codecs.forOid(70011).decode(buf, 0, buf.readableBytes(), Format.TEXT, Point[].class);
            assertThat(points).hasSize(3);
            assertThat(points[0].getCoordinate()).isEqualTo(new Coordinate(1, 2));
            assertThat((Object) points[1]).isNull();
            assertThat(points[2].getSRID()).isEqualTo(4326);
            assertThat(buf.toString(StandardCharsets.US_ASCII)).isEqualTo(text);
        } finally {
            buf.release();
        }
    }

    private static Geometry geometry(String ewkt) throws Exception {
        int srid = 0;
        String wkt = ewkt;
        if (ewkt.startsWith("SRID=")) {
            srid = Integer.parseInt(ewkt.substring(5, ewkt.indexOf(';')));
            wkt = ewkt.substring(ewkt.indexOf(';') + 1);
        }
        Geometry g = new WKTReader().read(wkt);
        g.setSRID(srid);
        return g;
    }

    private static <T> T decodeBinary(WkbGeometryCodec codec, String hex, Class<T> target) {
        ByteBuf buf = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
        try {
            return codec.decode(buf, 0, buf.readableBytes(), Format.BINARY, target);
        } finally {
            buf.release();
        }
    }

    private static String encode(WkbGeometryCodec codec, Geometry value) {
        ByteBuf out = Unpooled.buffer();
        try {
            assertThat(codec.encodeFormat(value)).isEqualTo(Format.BINARY);
            codec.encode(value, out);
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }
}
