package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.Oids;
import dev.r2dbcpg.core.types.Multirange;
import dev.r2dbcpg.core.types.Range;

/**
 * Range and multirange types, each a wrapper over the codec of its element type (subtype), so
 * that a user-defined range type is supported by registering one more codec:
 * {@code registry.register(RangeCodecs.rangeOf(subtypeCodec, rangeOid))}.
 *
 * <p>Values decode as {@link Range} and {@link Multirange} whose bounds have the element's default
 * Java type ({@code Range<Integer>} for {@code int4range}, {@code Range<LocalDate>} for
 * {@code daterange}, {@code Range<OffsetDateTime>} for {@code tstzrange} ...). A date or
 * timestamp bound of {@code infinity} is a value ({@code LocalDate.MAX}), not an infinite bound.
 *
 * <p>A bound {@code Range} or {@code Multirange} binds as the first built-in type whose element
 * codec accepts its bounds, in the order int4, int8, numeric, date, timestamp, timestamptz: a
 * {@code Range<Integer>} is an {@code int4range}, a {@code Range<Long>} an {@code int8range}, a
 * {@code Range<BigDecimal>} a {@code numrange}. A range without bounds ({@code empty},
 * {@code (,)}) or an empty multirange binds as text with parameter type unspecified, so that the
 * server takes the type from the statement. Values of registered (non built-in) range types are
 * decoded; they bind when their codec is made with a bound class
 * ({@link #rangeOf(Codec, int, String, Class)}, what {@code PgTypes.registerRange} does), or with a
 * cast in SQL from a text parameter.
 */
public final class RangeCodecs {

    static final RangeCodec INT4RANGE = range(IntegerCodecs.INT4, Oids.INT4RANGE, "int4range");
    static final RangeCodec INT8RANGE = range(IntegerCodecs.INT8, Oids.INT8RANGE, "int8range");
    static final RangeCodec NUMRANGE = range(NumericCodecs.NUMERIC, Oids.NUMRANGE, "numrange");
    static final RangeCodec DATERANGE = range(TemporalCodecs.DATE, Oids.DATERANGE, "daterange");
    static final RangeCodec TSRANGE = range(TemporalCodecs.TIMESTAMP, Oids.TSRANGE, "tsrange");
    static final RangeCodec TSTZRANGE = range(TemporalCodecs.TIMESTAMPTZ, Oids.TSTZRANGE, "tstzrange");

    static final MultirangeCodec INT4MULTIRANGE = multirange(INT4RANGE, Oids.INT4MULTIRANGE, "int4multirange");
    static final MultirangeCodec INT8MULTIRANGE = multirange(INT8RANGE, Oids.INT8MULTIRANGE, "int8multirange");
    static final MultirangeCodec NUMMULTIRANGE = multirange(NUMRANGE, Oids.NUMMULTIRANGE, "nummultirange");
    static final MultirangeCodec DATEMULTIRANGE = multirange(DATERANGE, Oids.DATEMULTIRANGE, "datemultirange");
    static final MultirangeCodec TSMULTIRANGE = multirange(TSRANGE, Oids.TSMULTIRANGE, "tsmultirange");
    static final MultirangeCodec TSTZMULTIRANGE = multirange(TSTZRANGE, Oids.TSTZMULTIRANGE, "tstzmultirange");

    private static final RangeCodec UNTYPED_RANGE = new RangeCodec(TextCodecs.TEXT, Oids.UNSPECIFIED, "range", true);

    /** {@code int4range}, which also encodes every {@link Range} by choosing the range type per value. */
    static final Codec<Range<?>> INT4RANGE_OR_ANY = new DispatchCodec<>(INT4RANGE, UNTYPED_RANGE,
            Range.class::isAssignableFrom, codec -> codec instanceof RangeCodec);

    /** {@code int4multirange}, which also encodes every {@link Multirange} by choosing the type per value. */
    static final Codec<Multirange<?>> INT4MULTIRANGE_OR_ANY = new DispatchCodec<>(INT4MULTIRANGE,
            new MultirangeCodec(UNTYPED_RANGE, Oids.UNSPECIFIED, "multirange", true),
            Multirange.class::isAssignableFrom, codec -> codec instanceof MultirangeCodec);

    private RangeCodecs() {
    }

    private static RangeCodec range(Codec<?> element, int oid, String typeName) {
        return new RangeCodec(element, oid, typeName, false);
    }

    private static MultirangeCodec multirange(RangeCodec range, int oid, String typeName) {
        return new MultirangeCodec(range, oid, typeName, false);
    }

    /**
     * Creates the codec of a range type from the codec of its subtype, for example for a range type
     * created with {@code CREATE TYPE ... AS RANGE} and learned at runtime. It decodes binary when
     * the subtype codec does, and text always, as {@link Range}.
     *
     * @param element  the subtype's codec
     * @param rangeOid the range type's OID
     * @param typeName the range type's name, for error messages
     * @return a new codec
     */
    public static Codec<Range<?>> rangeOf(Codec<?> element, int rangeOid, String typeName) {
        return new RangeCodec(element, rangeOid, typeName, false);
    }

    /**
     * Creates the codec of a range type that also binds, chosen by class: a {@link Range} with a
     * bound of {@code boundClass} (and a {@link Multirange} of such ranges, through
     * {@link #multirangeOf}) binds as this type, in binary when the subtype codec encodes binary.
     * A range without bounds (empty, {@code (,)}) is left to the built-in untyped codec.
     *
     * @param element    the subtype's codec; it must encode values of {@code boundClass}
     * @param rangeOid   the range type's OID
     * @param typeName   the range type's name, for error messages
     * @param boundClass the Java class of bound values that picks this type
     * @return a new codec
     */
    public static Codec<Range<?>> rangeOf(Codec<?> element, int rangeOid, String typeName, Class<?> boundClass) {
        return new RangeCodec(element, rangeOid, typeName, false, boundClass);
    }

    /**
     * Creates the codec of a range type from the codec of its subtype, named
     * {@code range of <subtype>}; see {@link #rangeOf(Codec, int, String)}.
     *
     * @param element  the subtype's codec
     * @param rangeOid the range type's OID
     * @return a new codec
     */
    public static Codec<Range<?>> rangeOf(Codec<?> element, int rangeOid) {
        return rangeOf(element, rangeOid, "range of " + element.typeName());
    }

    /**
     * Creates the codec of a multirange type (PostgreSQL 14+) from the codec of its range type.
     *
     * @param range         a codec made by {@link #rangeOf}
     * @param multirangeOid the multirange type's OID ({@code pg_range.rngmultitypid})
     * @param typeName      the multirange type's name, for error messages
     * @return a new codec decoding and encoding {@link Multirange}
     * @throws IllegalArgumentException when {@code range} was not made by {@link #rangeOf}
     */
    public static Codec<Multirange<?>> multirangeOf(Codec<?> range, int multirangeOid, String typeName) {
        if (!(range instanceof RangeCodec)) {
            throw new IllegalArgumentException("Not a range codec made by RangeCodecs.rangeOf: " + range);
        }
        return new MultirangeCodec((RangeCodec) range, multirangeOid, typeName, false);
    }
}
