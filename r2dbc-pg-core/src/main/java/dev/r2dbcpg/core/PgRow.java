package dev.r2dbcpg.core;

import dev.r2dbcpg.core.codec.Codec;
import io.netty.buffer.ByteBuf;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import org.jspecify.annotations.Nullable;

/**
 * One row of a result: the DataRow bytes as the server sent them, and the position of each column
 * in them, found once. Values are decoded only when asked for, by the column's codec.
 *
 * <p>A row is valid only inside the function given to {@code Result.map} (or {@code flatMap}); the
 * driver releases its bytes right after. Reading it later fails with {@link IllegalStateException}.
 * A row is its own {@link Result.RowSegment}.
 *
 * <p>Every column reads as {@code String}: PostgreSQL's text output of the value, formatted locally when
 * it came in binary (see {@code docs/types.md}).
 */
public final class PgRow implements Row, Result.RowSegment {

    private final PgRowMetadata metadata;
    private @Nullable ByteBuf data;
    /** For column i: where its value starts; its length (-1 for NULL) is the Int32 just before. */
    private final int[] offsets;

    /**
     * @param data a DataRow body; ownership is transferred (released by {@link #release()})
     */
    PgRow(PgRowMetadata metadata, ByteBuf data) {
        this.metadata = metadata;
        this.data = data;
        int index = data.readerIndex();
        int count = data.getUnsignedShort(index);
        if (count != metadata.size()) {
            data.release();
            this.data = null;
            throw new IllegalStateException("DataRow has " + count + " columns but RowDescription announced "
                    + metadata.size());
        }
        index += 2;
        int end = data.writerIndex();
        this.offsets = new int[count];
        for (int i = 0; i < count; i++) {
            int length = data.getInt(index);
            index += 4;
            offsets[i] = index;
            if (length > 0) {
                index += length;
            }
        }
        if (index != end) {
            release();
            throw new IllegalStateException("DataRow column lengths do not add up to the message length");
        }
    }

    /** This row, as the segment of a result. */
    @Override
    public PgRow row() {
        return this;
    }

    @Override
    public PgRowMetadata getMetadata() {
        return metadata;
    }

    @Override
    public <T> @Nullable T get(int index, Class<T> type) {
        if (index < 0 || index >= metadata.size()) {
            throw new IndexOutOfBoundsException("Column index " + index + " is out of range: the row has "
                    + metadata.size() + " column(s)");
        }
        return decode(index, requireType(type));
    }

    @Override
    public <T> @Nullable T get(String name, Class<T> type) {
        int index = metadata.indexOf(PgRowMetadata.requireName(name));
        if (index < 0) {
            throw new java.util.NoSuchElementException("No column named '" + name + "' in " + metadata);
        }
        return decode(index, requireType(type));
    }

    private <T> @Nullable T decode(int index, Class<T> type) {
        ByteBuf buf = data;
        if (buf == null) {
            throw new IllegalStateException("The row was released: read values inside Result.map or Result.flatMap");
        }
        int offset = offsets[index];
        int length = buf.getInt(offset - 4);
        if (length < 0) {
            return null;
        }
        PgColumnMetadata column = metadata.column(index);
        Codec<?> codec = column.codec();
        try {
            if (type == String.class) {
                // any column reads as its text output; timestamptz in the session's time zone
                return type.cast(codec.decodeText(buf, offset, length, column.format(), metadata.timeZone()));
            }
            return codec.decode(buf, offset, length, column.format(), type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Column " + index + " (" + column.getName() + "): " + e.getMessage(), e);
        }
    }

    private static <T> Class<T> requireType(Class<T> type) {
        if (type == null) {
            throw new IllegalArgumentException("Type must not be null");
        }
        return type;
    }

    /** Releases the row's bytes; later reads fail. Idempotent. */
    void release() {
        ByteBuf buf = data;
        if (buf != null) {
            data = null;
            buf.release();
        }
    }

    @Override
    public String toString() {
        return "PgRow" + metadata;
    }
}
