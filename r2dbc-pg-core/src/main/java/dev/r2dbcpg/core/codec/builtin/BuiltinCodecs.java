package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Codec;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The table of built-in codecs, read top to bottom: lookups by OID go through an array, lookups
 * by Java class through a {@link ClassValue} computed once per class from this order (the first
 * codec whose {@link Codec#canEncodeType} accepts the class wins).
 */
public final class BuiltinCodecs {

    private static final List<Codec<?>> ALL = List.of(
            // scalar types (issue 4)
            JsonCodecs.JSON,
            JsonCodecs.JSONB,               // JsonNode
            JsonCodecs.JSONPATH,
            XmlCodecs.XML,
            ObjectIdCodecs.REGCLASS,
            ObjectIdCodecs.REGTYPE,
            ObjectIdCodecs.REGPROC,
            ObjectIdCodecs.REGNAMESPACE,
            ObjectIdCodecs.XID,
            ObjectIdCodecs.XID8,
            ObjectIdCodecs.CID,
            MoneyCodecs.MONEY,
            IntervalCodecs.INTERVAL,        // Interval, Duration, Period
            NetworkCodecs.INET,             // Inet, InetAddress
            NetworkCodecs.CIDR,             // Cidr
            NetworkCodecs.MACADDR,          // MacAddress (6 bytes as macaddr, 8 as macaddr8)
            NetworkCodecs.MACADDR8,
            GeometryCodecs.POINT,           // Point
            GeometryCodecs.LINE,            // Line
            GeometryCodecs.LSEG,            // LineSegment
            GeometryCodecs.BOX,             // Box
            GeometryCodecs.PATH,            // Path
            GeometryCodecs.POLYGON,         // Polygon
            GeometryCodecs.CIRCLE,          // Circle
            BitStringCodecs.BIT,
            BitStringCodecs.VARBIT,         // BitString, BitSet
            TextSearchCodecs.TSVECTOR,
            TextSearchCodecs.TSQUERY,
            SystemCodecs.PG_LSN,            // Lsn
            SystemCodecs.TID,               // Tid
            SystemCodecs.PG_SNAPSHOT,
            SystemCodecs.TXID_SNAPSHOT,
            // core types
            BooleanCodecs.BOOL,
            IntegerCodecs.INT2,             // Short, Byte
            IntegerCodecs.INT4,             // Integer
            IntegerCodecs.INT8,             // Long
            IntegerCodecs.OID,
            FloatCodecs.FLOAT4,             // Float
            FloatCodecs.FLOAT8,             // Double
            NumericCodecs.NUMERIC,          // BigDecimal, BigInteger
            TextCodecs.TEXT,                // String, Character: untyped, text format
            TextCodecs.VARCHAR,
            TextCodecs.BPCHAR,
            TextCodecs.NAME,
            TextCodecs.CHAR,
            TextCodecs.UNKNOWN,
            ByteaCodecs.BYTEA,              // byte[], ByteBuffer
            TemporalCodecs.DATE,            // LocalDate
            TemporalCodecs.TIME,            // LocalTime
            TemporalCodecs.TIMETZ,          // OffsetTime
            TemporalCodecs.TIMESTAMP,       // LocalDateTime
            TemporalCodecs.TIMESTAMPTZ,     // OffsetDateTime, Instant, ZonedDateTime
            UuidCodecs.UUID_CODEC,          // UUID
            EnumCodec.UNREGISTERED,         // any Java enum: name() as untyped text (issue 4)
            HstoreCodec.UNTYPED,            // Map<String, String>: hstore text, untyped (issue 15)
            // arrays and ranges (issue 4): typed Java arrays pick the array of their component's
            // codec above; the *_OR_ANY codecs choose per value for Range, Multirange, List and
            // Object[], and must stay after every array codec
            RangeCodecs.INT4RANGE_OR_ANY,   // Range: int4range, int8range, numrange, daterange, tsrange, tstzrange
            RangeCodecs.INT8RANGE,
            RangeCodecs.NUMRANGE,
            RangeCodecs.DATERANGE,
            RangeCodecs.TSRANGE,
            RangeCodecs.TSTZRANGE,
            RangeCodecs.INT4MULTIRANGE_OR_ANY, // Multirange
            RangeCodecs.INT8MULTIRANGE,
            RangeCodecs.NUMMULTIRANGE,
            RangeCodecs.DATEMULTIRANGE,
            RangeCodecs.TSMULTIRANGE,
            RangeCodecs.TSTZMULTIRANGE,
            ArrayCodecs.BOOL,               // Boolean[], boolean[]
            ArrayCodecs.INT2,               // Short[], short[], Byte[]
            ArrayCodecs.INT4,               // Integer[], int[]
            ArrayCodecs.INT8,               // Long[], long[]
            ArrayCodecs.OID,
            ArrayCodecs.FLOAT4,             // Float[], float[]
            ArrayCodecs.FLOAT8,             // Double[], double[]
            ArrayCodecs.NUMERIC,            // BigDecimal[], BigInteger[]
            ArrayCodecs.TEXT,               // String[], Character[]
            ArrayCodecs.VARCHAR,
            ArrayCodecs.BPCHAR,
            ArrayCodecs.NAME,
            ArrayCodecs.CHAR,
            ArrayCodecs.JSON,
            ArrayCodecs.JSONB,
            ArrayCodecs.BYTEA,              // byte[][], ByteBuffer[]
            ArrayCodecs.DATE,               // LocalDate[]
            ArrayCodecs.TIME,               // LocalTime[]
            ArrayCodecs.TIMETZ,             // OffsetTime[]
            ArrayCodecs.TIMESTAMP,          // LocalDateTime[]
            ArrayCodecs.TIMESTAMPTZ,        // OffsetDateTime[], Instant[], ZonedDateTime[]
            ArrayCodecs.UUID,               // UUID[]
            ArrayCodecs.INTERVAL,
            ArrayCodecs.INET,
            ArrayCodecs.CIDR,
            ArrayCodecs.MACADDR,
            ArrayCodecs.MACADDR8,
            ArrayCodecs.POINT,
            ArrayCodecs.LINE,
            ArrayCodecs.LSEG,
            ArrayCodecs.PATH,
            ArrayCodecs.POLYGON,
            ArrayCodecs.CIRCLE,
            ArrayCodecs.MONEY,
            ArrayCodecs.BIT,
            ArrayCodecs.VARBIT,
            ArrayCodecs.XML,
            ArrayCodecs.JSONPATH,
            ArrayCodecs.PG_LSN,
            ArrayCodecs.TID,
            ArrayCodecs.XID,
            ArrayCodecs.CID,
            ArrayCodecs.XID8,
            ArrayCodecs.REGCLASS,
            ArrayCodecs.REGTYPE,
            ArrayCodecs.REGPROC,
            ArrayCodecs.REGNAMESPACE,
            ArrayCodecs.TSVECTOR,
            ArrayCodecs.TSQUERY,
            ArrayCodecs.INT4RANGE,
            ArrayCodecs.INT8RANGE,
            ArrayCodecs.NUMRANGE,
            ArrayCodecs.DATERANGE,
            ArrayCodecs.TSRANGE,
            ArrayCodecs.TSTZRANGE,
            ArrayCodecs.INT4MULTIRANGE,
            ArrayCodecs.INT8MULTIRANGE,
            ArrayCodecs.NUMMULTIRANGE,
            ArrayCodecs.DATEMULTIRANGE,
            ArrayCodecs.TSMULTIRANGE,
            ArrayCodecs.TSTZMULTIRANGE_OR_ANY); // List, Object[], Range[], Multirange[]

    private static final Codec<?>[] BY_OID = byOid();

    private static final ClassValue<Optional<Codec<?>>> BY_CLASS = new ClassValue<>() {
        @Override
        protected Optional<Codec<?>> computeValue(Class<?> type) {
            for (Codec<?> codec : ALL) {
                if (codec.canEncodeType(type)) {
                    return Optional.of(codec);
                }
            }
            return Optional.empty();
        }
    };

    private BuiltinCodecs() {
    }

    private static Codec<?>[] byOid() {
        int max = 0;
        for (Codec<?> codec : ALL) {
            max = Math.max(max, codec.oid());
        }
        Codec<?>[] table = new Codec<?>[max + 1];
        for (Codec<?> codec : ALL) {
            table[codec.oid()] = codec;
        }
        return table;
    }

    /**
     * Returns every built-in codec.
     *
     * @return an immutable list, in registration order
     */
    public static List<Codec<?>> all() {
        return ALL;
    }

    /**
     * Returns the built-in codec for a type OID.
     *
     * @param oid the type OID
     * @return the codec, or null when no built-in codec decodes this type
     */
    public static @Nullable Codec<?> forOid(int oid) {
        return oid >= 0 && oid < BY_OID.length ? BY_OID[oid] : null;
    }

    /**
     * Returns the built-in codec that encodes values of a Java class.
     *
     * @param type the Java class; a primitive class stands for its wrapper
     * @return the codec, or null when no built-in codec encodes this class
     */
    public static @Nullable Codec<?> forClass(Class<?> type) {
        return BY_CLASS.get(type).orElse(null);
    }

    /**
     * Returns a codec for a type without a codec: text as {@code String}, binary as
     * {@code ByteBuffer} or {@code byte[]}; it supports only text format and encodes nothing.
     *
     * @param oid the type OID
     * @return a new fallback codec reporting {@code oid}
     */
    public static Codec<?> fallback(int oid) {
        return new FallbackCodec(oid);
    }
}
