package dev.r2dbcpg.core;

import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL's binary COPY format: an 11-byte signature, Int32 flags, Int32 header-extension
 * length, then per tuple Int16 field count and per field Int32 length (-1 for NULL) and the value
 * in the type's binary send format, and an Int16 -1 trailer. A tuple has exactly a DataRow body's
 * layout, so decoded tuples become {@link PgRow}s.
 */
final class CopyBinary {

    static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    static final int HEADER_LENGTH = SIGNATURE.length + 8;

    private static final ClassValue<Method[]> RECORD_ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
            }
            return accessors;
        }
    };

    private CopyBinary() {
    }

    static ByteBuf header(ByteBufAllocator alloc) {
        return alloc.buffer(HEADER_LENGTH).writeBytes(SIGNATURE).writeInt(0).writeInt(0);
    }

    static ByteBuf trailer(ByteBufAllocator alloc) {
        return alloc.buffer(2).writeShort(-1);
    }

    /** The columns of the target table, with the codec that writes each one's binary format. */
    record Columns(List<String> names, int[] typeOids, Codec<?>[] codecs) {

        int indexOf(String name) {
            return names.indexOf(name);
        }
    }

    /**
     * Encodes rows one after another into one buffer (see {@link #encodeRow}).
     *
     * @return a new buffer; ownership passes to the caller
     */
    static ByteBuf encodeRows(List<?> rows, Columns columns, ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(rows.size() * (2 + columns.typeOids().length * 12));
        try {
            for (Object row : rows) {
                encodeRow(row, columns, out);
            }
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /**
     * Encodes one row: an {@code Object[]} or {@code List} (values in column order), a {@code Map}
     * (values by column name; missing keys are NULL) or a record (components in column order).
     *
     * @param out the buffer to append to; ownership stays with the caller
     * @throws IllegalArgumentException naming the column when a value cannot be written
     */
    static void encodeRow(Object row, Columns columns, ByteBuf out) {
        int n = columns.typeOids().length;
        Object[] values = values(row, columns);
        if (values.length != n) {
            throw new IllegalArgumentException("Row has " + values.length + " values but COPY has " + n + " columns");
        }
        out.writeShort(n);
        for (int i = 0; i < n; i++) {
            writeValue(out, values[i], i, columns);
        }
    }

    private static Object[] values(Object row, Columns columns) {
        if (row instanceof Object[] array) {
            return array;
        }
        if (row instanceof List<?> list) {
            return list.toArray();
        }
        if (row instanceof Map<?, ?> map) {
            Object[] values = new Object[columns.names().size()];
            for (Map.Entry<?, ?> e : map.entrySet()) {
                int i = columns.indexOf(String.valueOf(e.getKey()));
                if (i < 0) {
                    throw new IllegalArgumentException("Row has a value for \"" + e.getKey() + "\", which is not a column of the COPY "
                            + columns.names());
                }
                values[i] = e.getValue();
            }
            return values;
        }
        if (row.getClass().isRecord()) {
            Method[] accessors = RECORD_ACCESSORS.get(row.getClass());
            Object[] values = new Object[accessors.length];
            for (int i = 0; i < accessors.length; i++) {
                try {
                    values[i] = accessors[i].invoke(row);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalArgumentException("Cannot read component " + accessors[i].getName() + " of "
                            + row.getClass().getName(), e);
                }
            }
            return values;
        }
        throw new IllegalArgumentException("A COPY row must be an Object[], a List, a Map or a record, not "
                + row.getClass().getName());
    }

    private static void writeValue(ByteBuf out, @Nullable Object value, int column, Columns columns) {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        Codec<?> codec = columns.codecs()[column];
        int oid = columns.typeOids()[column];
        if (!codec.canEncode(value)) {
            throw cannotWrite(value, column, columns, "the column's codec does not accept this class");
        }
        Format format = codec.encodeFormat(value);
        if (format == Format.TEXT && !textIsBinary(oid)) {
            throw cannotWrite(value, column, columns, "binary COPY needs the type's binary format and "
                    + codec.typeName() + "'s codec writes text only; use copyIn with a text or CSV COPY instead");
        }
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        if (oid == Oids.JSONB && format == Format.TEXT) {
            out.writeByte(1);
        }
        codec.encode(value, out);
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }

    /** Types whose binary format is their text (jsonb: a version byte, then the text). */
    private static boolean textIsBinary(int oid) {
        return switch (oid) {
            case Oids.TEXT, Oids.VARCHAR, Oids.BPCHAR, Oids.NAME, Oids.UNKNOWN, Oids.JSON, Oids.JSONB -> true;
            default -> false;
        };
    }

    private static IllegalArgumentException cannotWrite(Object value, int column, Columns columns, String why) {
        return new IllegalArgumentException("Cannot write " + value.getClass().getName() + " to column \""
                + columns.names().get(column) + "\": " + why);
    }

    /**
     * Cuts binary COPY data, split across CopyData messages in any way, into tuples. Not thread-safe:
     * fed on the event loop only.
     */
    static final class Reader {

        private final ByteBufAllocator alloc;
        private @Nullable CompositeByteBuf pending;
        private boolean headerRead;
        private boolean trailerRead;

        Reader(ByteBufAllocator alloc) {
            this.alloc = alloc;
        }

        /**
         * Adds data and returns the next complete tuple, or null when more data is needed; call
         * {@link #next(ByteBuf)} with {@code null} to continue after a tuple.
         *
         * @param data ownership is transferred; null to read on without new data
         * @return a tuple (DataRow body layout) owned by the caller, or null
         */
        @Nullable ByteBuf next(@Nullable ByteBuf data) {
            CompositeByteBuf buf = pending;
            if (data != null) {
                if (buf == null) {
                    buf = pending = alloc.compositeBuffer(Integer.MAX_VALUE);
                }
                buf.addComponent(true, data);
            }
            if (buf == null) {
                return null;
            }
            if (!headerRead) {
                if (buf.readableBytes() < HEADER_LENGTH) {
                    return null;
                }
                for (byte b : SIGNATURE) {
                    if (buf.readByte() != b) {
                        throw new IllegalStateException("Not binary COPY data: bad signature");
                    }
                }
                buf.skipBytes(4);
                int extension = buf.readInt();
                if (buf.readableBytes() < extension) {
                    throw new IllegalStateException("Binary COPY header extension is split; not supported");
                }
                buf.skipBytes(extension);
                headerRead = true;
            }
            int start = buf.readerIndex();
            if (trailerRead || buf.readableBytes() < 2) {
                return null;
            }
            short fields = buf.getShort(start);
            if (fields == -1) {
                trailerRead = true;
                buf.skipBytes(2);
                return null;
            }
            int index = start + 2;
            int end = buf.writerIndex();
            for (int i = 0; i < fields; i++) {
                if (end - index < 4) {
                    return null;
                }
                int length = buf.getInt(index);
                index += 4;
                if (length > 0) {
                    if (end - index < length) {
                        return null;
                    }
                    index += length;
                }
            }
            ByteBuf tuple = alloc.buffer(index - start);
            buf.readBytes(tuple, index - start);
            buf.discardReadComponents();
            return tuple;
        }

        /** Whether the trailer was seen. */
        boolean finished() {
            return trailerRead;
        }

        void release() {
            CompositeByteBuf buf = pending;
            pending = null;
            if (buf != null) {
                buf.release();
            }
        }
    }
}
