package dev.r2dbcpg.client.arrow;

import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.CodecRegistry;
import dev.r2dbcpg.core.codec.Oids;
import io.netty.buffer.ByteBuf;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Arrow vectors into PostgreSQL's binary COPY format, one small function per Arrow type: the PostgreSQL
 * type a field becomes (for {@code CREATE TABLE} and to check an existing table's columns), and how one
 * non-NULL value is written (Int32 length, then the type's binary receive format).
 */
final class ArrowWriters {

    private static final Codec<?> NUMERIC = CodecRegistry.defaults().forOid(Oids.NUMERIC);

    private ArrowWriters() {
    }

    /** Writes the length and value of the non-NULL value at {@code row}. */
    interface Writer {
        void write(FieldVector vector, int row, ByteBuf out);
    }

    /**
     * A field's column: the PostgreSQL type (its OID and its SQL for {@code CREATE TABLE}) and its writer.
     *
     * @param typeSql the type as written in {@code CREATE TABLE}; built from numbers only, never from names
     */
    record Column(int oid, String typeSql, Writer writer) {
    }

    /**
     * The column an Arrow field becomes.
     *
     * @throws IllegalArgumentException naming the field when its type has no PostgreSQL mapping
     */
    static Column column(Field field) {
        ArrowType type = field.getType();
        return switch (type.getTypeID()) {
            case Bool -> new Column(Oids.BOOL, "boolean",
                    (v, row, out) -> out.writeInt(1).writeByte(((BitVector) v).get(row)));
            case Int -> integer(field, (ArrowType.Int) type);
            case FloatingPoint -> switch (((ArrowType.FloatingPoint) type).getPrecision()) {
                case SINGLE -> new Column(Oids.FLOAT4, "real",
                        (v, row, out) -> out.writeInt(4).writeFloat(((Float4Vector) v).get(row)));
                case DOUBLE -> new Column(Oids.FLOAT8, "double precision",
                        (v, row, out) -> out.writeInt(8).writeDouble(((Float8Vector) v).get(row)));
                default -> throw unsupported(field);
            };
            case Decimal -> {
                ArrowType.Decimal decimal = (ArrowType.Decimal) type;
                yield new Column(Oids.NUMERIC, "numeric(" + decimal.getPrecision() + ", " + decimal.getScale() + ")",
                        (v, row, out) -> withLength(out, () -> NUMERIC.encode(((DecimalVector) v).getObject(row), out)));
            }
            case Utf8 -> new Column(Oids.TEXT, "text", ArrowWriters::variableWidth);
            case LargeUtf8 -> new Column(Oids.TEXT, "text", (v, row, out) -> writeBytes(((LargeVarCharVector) v).get(row), out));
            case Binary -> new Column(Oids.BYTEA, "bytea", ArrowWriters::variableWidth);
            case LargeBinary -> new Column(Oids.BYTEA, "bytea",
                    (v, row, out) -> writeBytes(((LargeVarBinaryVector) v).get(row), out));
            case Date -> new Column(Oids.DATE, "date", (v, row, out) -> out.writeInt(4).writeInt(Math.toIntExact(
                    (v instanceof DateDayVector days ? days.get(row) : Math.floorDiv(((DateMilliVector) v).get(row), 86_400_000L))
                            - ArrowReaders.POSTGRES_EPOCH_DAYS)));
            case Timestamp -> {
                ArrowType.Timestamp ts = (ArrowType.Timestamp) type;
                TimeUnit unit = ts.getUnit();
                boolean zoned = ts.getTimezone() != null;
                yield new Column(zoned ? Oids.TIMESTAMPTZ : Oids.TIMESTAMP, zoned ? "timestamp with time zone" : "timestamp",
                        (v, row, out) -> out.writeInt(8).writeLong(
                                micros(((TimeStampVector) v).get(row), unit) - ArrowReaders.POSTGRES_EPOCH_MICROS));
            }
            case Time -> new Column(Oids.TIME, "time", (v, row, out) -> out.writeInt(8).writeLong(timeMicros(v, row)));
            case FixedSizeBinary -> {
                if (((ArrowType.FixedSizeBinary) type).getByteWidth() != 16) {
                    throw unsupported(field);
                }
                yield new Column(Oids.UUID, "uuid",
                        (v, row, out) -> out.writeInt(16).writeBytes(((FixedSizeBinaryVector) v).get(row)));
            }
            case Interval -> {
                if (((ArrowType.Interval) type).getUnit() != org.apache.arrow.vector.types.IntervalUnit.MONTH_DAY_NANO) {
                    throw unsupported(field);
                }
                yield new Column(Oids.INTERVAL, "interval", (v, row, out) -> {
                    org.apache.arrow.memory.ArrowBuf data = v.getDataBuffer();
                    // PostgreSQL keeps microseconds: nanoseconds are truncated toward zero
                    out.writeInt(16).writeLong(IntervalMonthDayNanoVector.getNanoseconds(data, row) / 1000)
                            .writeInt(IntervalMonthDayNanoVector.getDays(data, row))
                            .writeInt(IntervalMonthDayNanoVector.getMonths(data, row));
                });
            }
            default -> throw unsupported(field);
        };
    }

    private static Column integer(Field field, ArrowType.Int type) {
        if (!type.getIsSigned() && type.getBitWidth() == 64) {
            throw unsupported(field);
        }
        // unsigned widths go one size up, so every value fits
        int bits = type.getIsSigned() ? type.getBitWidth() : type.getBitWidth() * 2;
        return switch (bits) {
            case 8, 16 -> new Column(Oids.INT2, "smallint",
                    (v, row, out) -> out.writeInt(2).writeShort((int) ((BaseIntVector) v).getValueAsLong(row)));
            case 32 -> new Column(Oids.INT4, "integer",
                    (v, row, out) -> out.writeInt(4).writeInt((int) ((BaseIntVector) v).getValueAsLong(row)));
            default -> new Column(Oids.INT8, "bigint",
                    (v, row, out) -> out.writeInt(8).writeLong(((BaseIntVector) v).getValueAsLong(row)));
        };
    }

    private static void variableWidth(FieldVector vector, int row, ByteBuf out) {
        BaseVariableWidthVector values = (BaseVariableWidthVector) vector;
        int start = values.getStartOffset(row);
        int length = values.getEndOffset(row) - start;
        out.writeInt(length);
        out.writeBytes(values.getDataBuffer().nioBuffer(start, length));
    }

    private static void writeBytes(byte[] bytes, ByteBuf out) {
        out.writeInt(bytes.length).writeBytes(bytes);
    }

    private static void withLength(ByteBuf out, Runnable value) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        value.run();
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }

    private static long micros(long value, TimeUnit unit) {
        return switch (unit) {
            case SECOND -> Math.multiplyExact(value, 1_000_000L);
            case MILLISECOND -> Math.multiplyExact(value, 1000L);
            case MICROSECOND -> value;
            // PostgreSQL keeps microseconds: nanoseconds are truncated toward negative infinity
            case NANOSECOND -> Math.floorDiv(value, 1000L);
        };
    }

    private static long timeMicros(FieldVector vector, int row) {
        if (vector instanceof TimeMicroVector micro) {
            return micro.get(row);
        }
        if (vector instanceof TimeNanoVector nano) {
            return nano.get(row) / 1000;
        }
        if (vector instanceof TimeMilliVector milli) {
            return milli.get(row) * 1000L;
        }
        return ((TimeSecVector) vector).get(row) * 1_000_000L;
    }

    private static IllegalArgumentException unsupported(Field field) {
        return new IllegalArgumentException("Arrow field \"" + field.getName() + "\" has type " + field.getType()
                + ", which fromArrow does not map to PostgreSQL");
    }
}
