package dev.r2dbcpg.postgis;

import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.Format;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.InStream;
import org.locationtech.jts.io.Ordinate;
import org.locationtech.jts.io.OutStream;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * PostGIS {@code geometry} or {@code geography} as a JTS {@link Geometry}, through (E)WKB.
 *
 * <p>The binary send/receive format of both PostGIS types is EWKB (WKB with the SRID and the Z/M
 * flags in the type word), and their text output is the same EWKB in hexadecimal, so both formats
 * decode with JTS's {@link WKBReader}: the geometry keeps the value's SRID ({@link Geometry#getSRID()},
 * 0 when the value has none). Values are encoded in binary, little-endian EWKB by {@link WKBWriter},
 * with the geometry's SRID when it is not 0 and with Z and M when the coordinates carry them (Z when
 * some coordinate's Z is not NaN, M when the coordinate sequences have a measure).
 *
 * <p>Decoding gives {@code Geometry} for {@code Object.class}, and accepts any JTS geometry class as
 * the target ({@code row.get(0, Polygon.class)}); a value of another geometry class then fails with
 * {@link IllegalArgumentException}. Both codecs encode every JTS geometry, but only the {@code geometry}
 * codec is chosen by class ({@code bind(i, point)}, {@code bindNull(i, Point.class)}): a bound geometry
 * is declared {@code geometry}, which PostgreSQL casts to {@code geography} implicitly. The
 * {@code geography} codec writes where the column's type chooses the codec, as binary COPY does
 * ({@code copyInRows} into a {@code geography} column); {@code geography_recv} reads the same EWKB and
 * gives SRID 0 the default 4326.
 *
 * <p>The type OIDs differ from database to database (PostGIS is an extension):
 * {@link PostgisCodecs#register} looks them up and registers these codecs on a connection factory.
 * Instances are immutable and thread-safe.
 */
public final class WkbGeometryCodec implements Codec<Geometry> {

    private final int oid;
    private final String typeName;
    private final boolean chosenByClass;
    private final GeometryFactory factory;

    private WkbGeometryCodec(int oid, String typeName, boolean chosenByClass, GeometryFactory factory) {
        this.oid = oid;
        this.typeName = typeName;
        this.chosenByClass = chosenByClass;
        this.factory = factory;
    }

    /**
     * The codec of PostGIS {@code geometry} in one database: decodes and encodes JTS geometries.
     *
     * @param oid the OID of {@code geometry} in the database ({@code 'geometry'::regtype::oid})
     * @return a new codec
     */
    public static WkbGeometryCodec geometry(int oid) {
        return new WkbGeometryCodec(oid, "geometry", true, new GeometryFactory());
    }

    /**
     * The codec of PostGIS {@code geography} in one database: decodes to JTS geometries (longitude as
     * X, latitude as Y, SRID 4326 unless the value says otherwise), and encodes them where the column's
     * type chooses it (binary COPY), never for a value bound by class.
     *
     * @param oid the OID of {@code geography} in the database ({@code 'geography'::regtype::oid})
     * @return a new codec
     */
    public static WkbGeometryCodec geography(int oid) {
        return new WkbGeometryCodec(oid, "geography", false, new GeometryFactory());
    }

    @Override
    public int oid() {
        return oid;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public Class<Geometry> javaType() {
        return Geometry.class;
    }

    @Override
    public boolean canDecode(Class<?> target) {
        return target == Object.class || Geometry.class.isAssignableFrom(target);
    }

    @Override
    public <U> U decode(ByteBuf buf, int offset, int length, Format format, Class<U> target) {
        if (!canDecode(target)) {
            throw new IllegalArgumentException("Cannot decode PostgreSQL type " + typeName + " as " + target.getName());
        }
        Geometry geometry;
        try {
            WKBReader reader = new WKBReader(factory);
            if (format == Format.BINARY) {
                ByteBufInStream in = new ByteBufInStream(buf, offset, length);
                geometry = reader.read(in);
                if (in.remaining() != 0) {
                    throw new ParseException(in.remaining() + " bytes after the end of the geometry");
                }
            } else {
                geometry = reader.read(WKBReader.hexToBytes(buf.toString(offset, length, StandardCharsets.US_ASCII)));
            }
        } catch (IOException | ParseException | RuntimeException e) {
            throw new IllegalArgumentException("Malformed PostgreSQL " + typeName + " value in "
                    + format.name().toLowerCase(java.util.Locale.ROOT) + " format (" + length + " bytes): "
                    + e.getMessage(), e);
        }
        if (target != Object.class && !target.isInstance(geometry)) {
            throw new IllegalArgumentException("Cannot decode PostgreSQL " + typeName + " value of type "
                    + geometry.getGeometryType() + " as " + target.getName());
        }
        @SuppressWarnings("unchecked")
        U value = (U) geometry;
        return value;
    }

    @Override
    public boolean canEncode(Object value) {
        return value instanceof Geometry;
    }

    @Override
    public boolean canEncodeType(Class<?> type) {
        return chosenByClass && Geometry.class.isAssignableFrom(type);
    }

    @Override
    public int paramOid(Object value) {
        return oid;
    }

    @Override
    public Format encodeFormat(Object value) {
        return Format.BINARY;
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        Geometry geometry = (Geometry) value;
        EnumSet<Ordinate> ordinates = ordinatesOf(geometry);
        WKBWriter writer = new WKBWriter(ordinates.size(), ByteOrderValues.LITTLE_ENDIAN, geometry.getSRID() != 0);
        writer.setOutputOrdinates(ordinates);
        try {
            writer.write(geometry, (bytes, len) -> out.writeBytes(bytes, 0, len));
        } catch (IOException e) {
            // the OutStream above never throws: ByteBuf grows as needed
            throw new IllegalStateException(e);
        }
    }

    /** X and Y, plus Z when some coordinate has one, plus M when a coordinate sequence carries a measure. */
    static EnumSet<Ordinate> ordinatesOf(Geometry geometry) {
        EnumSet<Ordinate> ordinates = EnumSet.of(Ordinate.X, Ordinate.Y);
        geometry.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                if (seq.hasZ() && !Double.isNaN(seq.getZ(i))) {
                    ordinates.add(Ordinate.Z);
                }
                if (seq.hasM()) {
                    ordinates.add(Ordinate.M);
                }
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return false;
            }
        });
        return ordinates;
    }

    @Override
    public String toString() {
        return "WkbGeometryCodec[" + typeName + ", oid " + oid + "]";
    }

    /** Reads a window of a buffer with absolute reads, leaving its indices alone. */
    private static final class ByteBufInStream implements InStream {

        private final ByteBuf buf;
        private final int end;
        private int position;

        ByteBufInStream(ByteBuf buf, int offset, int length) {
            this.buf = buf;
            this.position = offset;
            this.end = offset + length;
        }

        @Override
        public int read(byte[] into) throws IOException {
            int n = Math.min(into.length, end - position);
            if (n < into.length) {
                throw new IOException("Unexpected end of WKB: needed " + into.length + " bytes, " + n + " left");
            }
            buf.getBytes(position, into, 0, n);
            position += n;
            return n;
        }

        int remaining() {
            return end - position;
        }
    }
}
