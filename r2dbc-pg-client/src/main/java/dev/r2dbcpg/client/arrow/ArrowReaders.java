package dev.r2dbcpg.client.arrow;

import dev.r2dbcpg.core.PgColumnMetadata;
import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.CodecRegistry;
import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * PostgreSQL binary values into Arrow vectors, one small function per type: the Arrow field a result
 * column becomes, and how a value in the type's binary send format is set into the column's vector.
 * Values are read with absolute reads from the COPY data, with no object per value except for
 * {@code numeric} (decoded by the core's codec).
 */
final class ArrowReaders {

    /** Microseconds between 1970-01-01 (Arrow's epoch) and 2000-01-01 (PostgreSQL's). */
    static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    /** Days between the two epochs. */
    static final int POSTGRES_EPOCH_DAYS = 10_957;
    /** The widest decimal Arrow's 128-bit {@code Decimal} holds. */
    static final int MAX_DECIMAL_PRECISION = 38;

    private static final Codec<?> NUMERIC = CodecRegistry.defaults().forOid(Oids.NUMERIC);

    private ArrowReaders() {
    }

    /** Sets one non-NULL value, {@code length} bytes at {@code offset} of {@code data}, at {@code row}. */
    interface Reader {
        void read(FieldVector vector, int row, ByteBuf data, int offset, int length);
    }

    /** A result column: its Arrow field and the function that fills its vector. */
    record Column(Field field, Reader reader) {
    }

    /**
     * The Arrow form of one result column.
     *
     * @throws IllegalArgumentException naming the column and its type when the type has no Arrow mapping
     */
    static Column column(PgColumnMetadata meta) {
        String name = meta.getName();
        int oid = meta.getNativeTypeMetadata();
        return switch (oid) {
            case Oids.BOOL -> of(name, ArrowType.Bool.INSTANCE,
                    (v, row, d, o, n) -> ((BitVector) v).set(row, d.getByte(o) != 0 ? 1 : 0));
            case Oids.INT2 -> of(name, new ArrowType.Int(16, true),
                    (v, row, d, o, n) -> ((SmallIntVector) v).set(row, d.getShort(o)));
            case Oids.INT4 -> of(name, new ArrowType.Int(32, true),
                    (v, row, d, o, n) -> ((IntVector) v).set(row, d.getInt(o)));
            case Oids.INT8 -> of(name, new ArrowType.Int(64, true),
                    (v, row, d, o, n) -> ((BigIntVector) v).set(row, d.getLong(o)));
            case Oids.FLOAT4 -> of(name, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
                    (v, row, d, o, n) -> ((Float4Vector) v).set(row, d.getFloat(o)));
            case Oids.FLOAT8 -> of(name, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
                    (v, row, d, o, n) -> ((Float8Vector) v).set(row, d.getDouble(o)));
            case Oids.NUMERIC -> numeric(name, meta.getPrecision(), meta.getScale());
            case Oids.TEXT, Oids.VARCHAR, Oids.BPCHAR, Oids.NAME, Oids.JSON -> of(name, ArrowType.Utf8.INSTANCE,
                    (v, row, d, o, n) -> setBytes((BaseVariableWidthVector) v, row, d, o, n));
            // jsonb's binary format is a version byte (1) and the text
            case Oids.JSONB -> of(name, ArrowType.Utf8.INSTANCE,
                    (v, row, d, o, n) -> setBytes((BaseVariableWidthVector) v, row, d, o + 1, n - 1));
            case Oids.BYTEA -> of(name, ArrowType.Binary.INSTANCE,
                    (v, row, d, o, n) -> setBytes((BaseVariableWidthVector) v, row, d, o, n));
            case Oids.DATE -> of(name, new ArrowType.Date(DateUnit.DAY), (v, row, d, o, n) -> {
                int days = d.getInt(o);
                if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
                    throw infinite(name, "date");
                }
                ((DateDayVector) v).set(row, days + POSTGRES_EPOCH_DAYS);
            });
            case Oids.TIMESTAMP -> of(name, new ArrowType.Timestamp(TimeUnit.MICROSECOND, null),
                    (v, row, d, o, n) -> ((TimeStampVector) v).set(row, epochMicros(d.getLong(o), name, "timestamp")));
            case Oids.TIMESTAMPTZ -> of(name, new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"),
                    (v, row, d, o, n) -> ((TimeStampVector) v).set(row, epochMicros(d.getLong(o), name, "timestamptz")));
            case Oids.TIME -> of(name, new ArrowType.Time(TimeUnit.MICROSECOND, 64),
                    (v, row, d, o, n) -> ((TimeMicroVector) v).set(row, d.getLong(o)));
            case Oids.UUID -> of(name, new ArrowType.FixedSizeBinary(16), (v, row, d, o, n) -> {
                byte[] bytes = new byte[16];
                d.getBytes(o, bytes);
                ((FixedSizeBinaryVector) v).set(row, bytes);
            });
            // interval: Int64 microseconds, Int32 days, Int32 months
            case Oids.INTERVAL -> of(name, new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO),
                    (v, row, d, o, n) -> ((IntervalMonthDayNanoVector) v).set(row, d.getInt(o + 12), d.getInt(o + 8),
                            Math.multiplyExact(d.getLong(o), 1000L)));
            default -> throw new IllegalArgumentException("Column \"" + name + "\" has type " + meta.getType().getName()
                    + " (OID " + oid + "), which toArrow does not map to Arrow; cast it in the query (::text, say)");
        };
    }

    /**
     * {@code numeric(p, s)} with {@code p <= 38} as Arrow {@code Decimal(p, s)}; unconstrained numeric (or
     * wider) as its text in {@code Utf8}, since Arrow has no decimal of unbounded scale.
     */
    private static Column numeric(String name, Integer precision, Integer scale) {
        if (precision == null || scale == null || precision > MAX_DECIMAL_PRECISION || precision < 1) {
            return of(name, ArrowType.Utf8.INSTANCE, (v, row, d, o, n) -> {
                Number value = NUMERIC.decode(d, o, n, Format.BINARY, Number.class);
                ((VarCharVector) v).setSafe(row, numericText(value).getBytes(StandardCharsets.US_ASCII));
            });
        }
        int s = scale;
        return of(name, new ArrowType.Decimal(precision, s, 128), (v, row, d, o, n) -> {
            // NaN and the infinities have no BigDecimal: the codec says so with the column's value
            BigDecimal value = NUMERIC.decode(d, o, n, Format.BINARY, BigDecimal.class);
            ((DecimalVector) v).setSafe(row, value.setScale(s, RoundingMode.UNNECESSARY));
        });
    }

    private static Column of(String name, ArrowType type, Reader reader) {
        return new Column(new Field(name, FieldType.nullable(type), null), reader);
    }

    /** PostgreSQL's text of a numeric: plain digits, or {@code NaN}, {@code Infinity}, {@code -Infinity}. */
    static String numericText(Number value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        double special = value.doubleValue();
        return Double.isNaN(special) ? "NaN" : special > 0 ? "Infinity" : "-Infinity";
    }

    private static void setBytes(BaseVariableWidthVector vector, int row, ByteBuf data, int offset, int length) {
        if (data.hasArray()) {
            vector.setSafe(row, data.array(), data.arrayOffset() + offset, length);
        } else {
            byte[] bytes = new byte[length];
            data.getBytes(offset, bytes);
            vector.setSafe(row, bytes, 0, length);
        }
    }

    private static long epochMicros(long postgresMicros, String column, String type) {
        if (postgresMicros == Long.MAX_VALUE || postgresMicros == Long.MIN_VALUE) {
            throw infinite(column, type);
        }
        return postgresMicros + POSTGRES_EPOCH_MICROS;
    }

    private static IllegalArgumentException infinite(String column, String type) {
        return new IllegalArgumentException("Column \"" + column + "\" holds " + type
                + " 'infinity' or '-infinity', which Arrow cannot represent; filter or cast it in the query");
    }
}
