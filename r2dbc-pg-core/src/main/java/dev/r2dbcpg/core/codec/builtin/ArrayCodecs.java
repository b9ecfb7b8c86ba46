package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.Oids;
import dev.r2dbcpg.core.types.PgArray;
import java.util.List;

/**
 * Array types, each a wrapper over the codec of its element type, so that an array of any type
 * with a codec is supported by registering one more codec:
 * {@code registry.register(ArrayCodecs.arrayOf(myCodec, myArrayOid))}.
 *
 * <h2>Decoding ({@code Row.get})</h2>
 * <ul>
 * <li>{@code Row.get(i)} gives an array of the element's default Java type with one Java
 *     dimension per PostgreSQL dimension: {@code Integer[]} for {@code int4[]},
 *     {@code String[][]} for a 2-D {@code text[]}; NULL elements are {@code null}.</li>
 * <li>{@code get(i, T[].class)} (any dimensions) converts each element as the element codec would
 *     ({@code Long[]} from {@code int4[]}); primitive component types ({@code int[]},
 *     {@code double[][]}) work when no element is NULL, otherwise the call fails.</li>
 * <li>{@code get(i, List.class)} gives unmodifiable lists (nested for more dimensions) of the
 *     element's default type; NULL elements are {@code null}.</li>
 * <li>The number of Java dimensions must equal the value's; an empty array fits any.</li>
 * <li>Lower bounds ({@code [0:1]={1,2}}) are dropped: Java index 0 is the first element.
 *     {@code get(i, PgArray.class)} keeps them, with the dimensions and the elements (of the
 *     element's default Java type) in row-major order.</li>
 * </ul>
 *
 * <h2>Encoding ({@code Statement.bind})</h2>
 * <ul>
 * <li>A Java array whose component type has a built-in codec ({@code Integer[]}, {@code int[]},
 *     {@code long[][]}, {@code String[]}, {@code UUID[]}, {@code LocalDate[]}, {@code byte[][]}
 *     as {@code bytea[]} ...) binds as that array type (the element's class picks it as for a
 *     scalar: {@code String[]} is {@code text[]}), in binary, lower bounds 1. Primitive
 *     {@code byte[]} and {@code char[]} are not arrays here ({@code bytea} and text).</li>
 * <li>A {@code List}, an {@code Object[]} or an array of {@code Range}s binds as the first
 *     built-in array type whose element codec accepts every element.</li>
 * <li>A {@code List} or {@code Object[]} with no element other than null (e.g. empty) binds as
 *     the text {@code {}} (or {@code {NULL,...}}) with parameter type unspecified, so that the
 *     server takes the array type from the statement; {@code SELECT $1} then sees {@code text}.</li>
 * <li>A {@link PgArray} binds as a {@code List} of its elements would, with its dimensions and
 *     lower bounds as given.</li>
 * <li>Multidimensional values must be rectangular, with no null sub-arrays, at most 6 deep.</li>
 * </ul>
 * Arrays of registered (non built-in) element types bind from typed Java arrays only.
 */
public final class ArrayCodecs {

    static final ArrayCodec BOOL = of(BooleanCodecs.BOOL, Oids.BOOL_ARRAY);
    static final ArrayCodec INT2 = of(IntegerCodecs.INT2, Oids.INT2_ARRAY);
    static final ArrayCodec INT4 = of(IntegerCodecs.INT4, Oids.INT4_ARRAY);
    static final ArrayCodec INT8 = of(IntegerCodecs.INT8, Oids.INT8_ARRAY);
    static final ArrayCodec OID = of(IntegerCodecs.OID, Oids.OID_ARRAY);
    static final ArrayCodec FLOAT4 = of(FloatCodecs.FLOAT4, Oids.FLOAT4_ARRAY);
    static final ArrayCodec FLOAT8 = of(FloatCodecs.FLOAT8, Oids.FLOAT8_ARRAY);
    static final ArrayCodec NUMERIC = of(NumericCodecs.NUMERIC, Oids.NUMERIC_ARRAY);
    static final ArrayCodec TEXT = of(TextCodecs.TEXT, Oids.TEXT_ARRAY);
    static final ArrayCodec VARCHAR = of(TextCodecs.VARCHAR, Oids.VARCHAR_ARRAY);
    static final ArrayCodec BPCHAR = of(TextCodecs.BPCHAR, Oids.BPCHAR_ARRAY);
    static final ArrayCodec NAME = of(TextCodecs.NAME, Oids.NAME_ARRAY);
    static final ArrayCodec CHAR = of(TextCodecs.CHAR, Oids.CHAR_ARRAY);
    static final ArrayCodec JSON = of(JsonCodecs.JSON, Oids.JSON_ARRAY);
    static final ArrayCodec JSONB = of(JsonCodecs.JSONB, Oids.JSONB_ARRAY);
    static final ArrayCodec BYTEA = of(ByteaCodecs.BYTEA, Oids.BYTEA_ARRAY);
    static final ArrayCodec DATE = of(TemporalCodecs.DATE, Oids.DATE_ARRAY);
    static final ArrayCodec TIME = of(TemporalCodecs.TIME, Oids.TIME_ARRAY);
    static final ArrayCodec TIMETZ = of(TemporalCodecs.TIMETZ, Oids.TIMETZ_ARRAY);
    static final ArrayCodec TIMESTAMP = of(TemporalCodecs.TIMESTAMP, Oids.TIMESTAMP_ARRAY);
    static final ArrayCodec TIMESTAMPTZ = of(TemporalCodecs.TIMESTAMPTZ, Oids.TIMESTAMPTZ_ARRAY);
    static final ArrayCodec UUID = of(UuidCodecs.UUID_CODEC, Oids.UUID_ARRAY);
    static final ArrayCodec INTERVAL = of(IntervalCodecs.INTERVAL, Oids.INTERVAL_ARRAY);
    static final ArrayCodec INET = of(NetworkCodecs.INET, Oids.INET_ARRAY);
    static final ArrayCodec CIDR = of(NetworkCodecs.CIDR, Oids.CIDR_ARRAY);
    static final ArrayCodec MACADDR = of(NetworkCodecs.MACADDR, Oids.MACADDR_ARRAY);
    static final ArrayCodec MACADDR8 = of(NetworkCodecs.MACADDR8, Oids.MACADDR8_ARRAY);
    static final ArrayCodec POINT = of(GeometryCodecs.POINT, Oids.POINT_ARRAY);
    static final ArrayCodec LINE = of(GeometryCodecs.LINE, Oids.LINE_ARRAY);
    static final ArrayCodec LSEG = of(GeometryCodecs.LSEG, Oids.LSEG_ARRAY);
    static final ArrayCodec PATH = of(GeometryCodecs.PATH, Oids.PATH_ARRAY);
    static final ArrayCodec POLYGON = of(GeometryCodecs.POLYGON, Oids.POLYGON_ARRAY);
    static final ArrayCodec CIRCLE = of(GeometryCodecs.CIRCLE, Oids.CIRCLE_ARRAY);
    static final ArrayCodec MONEY = of(MoneyCodecs.MONEY, Oids.MONEY_ARRAY);
    static final ArrayCodec BIT = of(BitStringCodecs.BIT, Oids.BIT_ARRAY);
    static final ArrayCodec VARBIT = of(BitStringCodecs.VARBIT, Oids.VARBIT_ARRAY);
    static final ArrayCodec XML = of(XmlCodecs.XML, Oids.XML_ARRAY);
    static final ArrayCodec JSONPATH = of(JsonCodecs.JSONPATH, Oids.JSONPATH_ARRAY);
    static final ArrayCodec PG_LSN = of(SystemCodecs.PG_LSN, Oids.PG_LSN_ARRAY);
    static final ArrayCodec TID = of(SystemCodecs.TID, Oids.TID_ARRAY);
    static final ArrayCodec XID = of(ObjectIdCodecs.XID, Oids.XID_ARRAY);
    static final ArrayCodec CID = of(ObjectIdCodecs.CID, Oids.CID_ARRAY);
    static final ArrayCodec XID8 = of(ObjectIdCodecs.XID8, Oids.XID8_ARRAY);
    static final ArrayCodec REGCLASS = of(ObjectIdCodecs.REGCLASS, Oids.REGCLASS_ARRAY);
    static final ArrayCodec REGTYPE = of(ObjectIdCodecs.REGTYPE, Oids.REGTYPE_ARRAY);
    static final ArrayCodec REGPROC = of(ObjectIdCodecs.REGPROC, Oids.REGPROC_ARRAY);
    static final ArrayCodec REGNAMESPACE = of(ObjectIdCodecs.REGNAMESPACE, Oids.REGNAMESPACE_ARRAY);
    static final ArrayCodec TSVECTOR = of(TextSearchCodecs.TSVECTOR, Oids.TSVECTOR_ARRAY);
    static final ArrayCodec TSQUERY = of(TextSearchCodecs.TSQUERY, Oids.TSQUERY_ARRAY);
    static final ArrayCodec INT4RANGE = of(RangeCodecs.INT4RANGE, Oids.INT4RANGE_ARRAY);
    static final ArrayCodec INT8RANGE = of(RangeCodecs.INT8RANGE, Oids.INT8RANGE_ARRAY);
    static final ArrayCodec NUMRANGE = of(RangeCodecs.NUMRANGE, Oids.NUMRANGE_ARRAY);
    static final ArrayCodec DATERANGE = of(RangeCodecs.DATERANGE, Oids.DATERANGE_ARRAY);
    static final ArrayCodec TSRANGE = of(RangeCodecs.TSRANGE, Oids.TSRANGE_ARRAY);
    static final ArrayCodec TSTZRANGE = of(RangeCodecs.TSTZRANGE, Oids.TSTZRANGE_ARRAY);
    static final ArrayCodec INT4MULTIRANGE = of(RangeCodecs.INT4MULTIRANGE, Oids.INT4MULTIRANGE_ARRAY);
    static final ArrayCodec INT8MULTIRANGE = of(RangeCodecs.INT8MULTIRANGE, Oids.INT8MULTIRANGE_ARRAY);
    static final ArrayCodec NUMMULTIRANGE = of(RangeCodecs.NUMMULTIRANGE, Oids.NUMMULTIRANGE_ARRAY);
    static final ArrayCodec DATEMULTIRANGE = of(RangeCodecs.DATEMULTIRANGE, Oids.DATEMULTIRANGE_ARRAY);
    static final ArrayCodec TSMULTIRANGE = of(RangeCodecs.TSMULTIRANGE, Oids.TSMULTIRANGE_ARRAY);

    /**
     * {@code tstzmultirange[]}, which also encodes the values whose class does not tell their
     * array type ({@code List}, {@code Object[]}, {@code Range[]}, {@code Multirange[]}, {@code PgArray}) by
     * choosing among the built-in array codecs per value. Keep it after the other array codecs
     * in {@link BuiltinCodecs}, so that typed Java arrays find their own codec first.
     */
    static final Codec<Object[]> TSTZMULTIRANGE_OR_ANY = new DispatchCodec<>(
            of(RangeCodecs.TSTZMULTIRANGE, Oids.TSTZMULTIRANGE_ARRAY),
            new ArrayCodec(TextCodecs.TEXT, Oids.TEXT_ARRAY, true),
            type -> List.class.isAssignableFrom(type) || type == PgArray.class
                    || (type.isArray() && !type.getComponentType().isPrimitive()),
            codec -> codec instanceof ArrayCodec);

    private ArrayCodecs() {
    }

    private static ArrayCodec of(Codec<?> element, int arrayOid) {
        return new ArrayCodec(element, arrayOid, false);
    }

    /**
     * Creates the codec of an array type from the codec of its element type, for example for an
     * extension or user-defined type learned at runtime; register it with
     * {@code CodecRegistry.register}. The array codec decodes binary when the element codec does,
     * and text always (the element codec decodes each element's text); it encodes Java arrays of
     * the classes the element codec encodes, as described on this class, and {@code List}s and
     * {@code PgArray}s of them when the element codec binds its default Java class (a registered
     * Java enum, {@code Composite}).
     *
     * @param element  the element type's codec
     * @param arrayOid the array type's OID ({@code pg_type.typarray} of the element type)
     * @return a new codec reporting {@code arrayOid} and the type name {@code element[]}
     */
    public static Codec<Object[]> arrayOf(Codec<?> element, int arrayOid) {
        return new ArrayCodec(element, arrayOid, false, true);
    }
}
