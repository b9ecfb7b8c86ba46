package dev.r2dbcpg.client.arrow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.jspecify.annotations.Nullable;

/**
 * Cuts the data of {@code COPY ... TO STDOUT (FORMAT binary)}, split across CopyData messages in any
 * way, into tuples and sets each field straight into the vectors of the batch being filled; a full batch
 * is handed out and the next one allocated. The format: an 11-byte signature, Int32 flags, Int32
 * header-extension length and the extension; per tuple an Int16 field count and per field an Int32
 * length (-1 for NULL) and the value; an Int16 -1 trailer.
 *
 * <p>Fed by one thread at a time, but {@link #close()} may come from a cancelling thread while a chunk is
 * being decoded, hence the (uncontended) locking: the batch being filled is never closed mid-write.
 */
final class CopyToArrow implements AutoCloseable {

    private static final byte[] SIGNATURE = ArrowToCopy.SIGNATURE;
    private static final int HEADER_LENGTH = SIGNATURE.length + 8;

    private final Schema schema;
    private final ArrowReaders.Reader[] readers;
    private final int batchRows;
    private final BufferAllocator allocator;
    /** Bytes received and not yet decoded (a tuple split across messages, in principle). */
    private final ByteBuf pending = Unpooled.buffer(256);
    private @Nullable VectorSchemaRoot batch;
    private FieldVector[] vectors = new FieldVector[0];
    private int rows;
    private boolean headerRead;
    private boolean trailerRead;
    private boolean batchHandedOut;
    private boolean closed;

    CopyToArrow(List<ArrowReaders.Column> columns, int batchRows, BufferAllocator allocator) {
        List<Field> fields = new ArrayList<>(columns.size());
        readers = new ArrowReaders.Reader[columns.size()];
        for (int i = 0; i < readers.length; i++) {
            fields.add(columns.get(i).field());
            readers[i] = columns.get(i).reader();
        }
        this.schema = new Schema(fields);
        this.batchRows = batchRows;
        this.allocator = allocator;
    }

    Schema schema() {
        return schema;
    }

    /**
     * Decodes one CopyData message.
     *
     * @return the batches it completed (ownership passes to the caller), usually none or one
     * @throws IllegalArgumentException for data that is not binary COPY of these columns, or a value that
     *     has no Arrow form
     */
    synchronized List<VectorSchemaRoot> add(byte[] chunk) {
        if (closed) {
            return List.of();
        }
        pending.writeBytes(chunk);
        List<VectorSchemaRoot> full = List.of();
        while (!trailerRead && readTuple()) {
            if (rows == batchRows) {
                if (full.isEmpty()) {
                    full = new ArrayList<>(1);
                }
                full.add(handOut());
            }
        }
        pending.discardReadBytes();
        return full;
    }

    /**
     * The end of the data: the last, partial batch (or an empty one when the result had no rows at all,
     * so that the schema is seen), or none when the rows filled whole batches.
     *
     * @throws IllegalArgumentException when the data ended without the trailer or mid-tuple
     */
    synchronized @Nullable VectorSchemaRoot finish() {
        if (!trailerRead || pending.isReadable()) {
            throw new IllegalArgumentException("Binary COPY data ended " + (trailerRead ? "with " + pending.readableBytes()
                    + " bytes after the trailer" : "without its trailer"));
        }
        if (rows > 0 || !batchHandedOut) {
            return handOut();
        }
        return null;
    }

    /** Releases the batch being filled (never one handed out) and the pending bytes. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (batch != null) {
            batch.close();
            batch = null;
        }
        pending.release();
    }

    private VectorSchemaRoot handOut() {
        VectorSchemaRoot full = batch != null ? batch : newBatch();
        full.setRowCount(rows);
        batch = null;
        rows = 0;
        batchHandedOut = true;
        return full;
    }

    private VectorSchemaRoot newBatch() {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        try {
            for (FieldVector vector : root.getFieldVectors()) {
                vector.setInitialCapacity(batchRows);
                vector.allocateNew();
            }
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
        vectors = root.getFieldVectors().toArray(FieldVector[]::new);
        return root;
    }

    /** Decodes the next tuple when it is all there; false when more data is needed or the trailer came. */
    private boolean readTuple() {
        if (!headerRead && !readHeader()) {
            return false;
        }
        int start = pending.readerIndex();
        if (pending.writerIndex() - start < 2) {
            return false;
        }
        short fields = pending.getShort(start);
        if (fields == -1) {
            pending.readerIndex(start + 2);
            trailerRead = true;
            return false;
        }
        if (fields != readers.length) {
            throw new IllegalArgumentException("Binary COPY tuple has " + fields + " fields, the query " + readers.length);
        }
        if (!complete(start + 2)) {
            return false;
        }
        if (batch == null) {
            batch = newBatch();
        }
        int position = start + 2;
        for (int i = 0; i < readers.length; i++) {
            int length = pending.getInt(position);
            position += 4;
            if (length < 0) {
                vectors[i].setNull(rows);
            } else {
                readers[i].read(vectors[i], rows, pending, position, length);
                position += length;
            }
        }
        pending.readerIndex(position);
        rows++;
        return true;
    }

    /** Whether every field of the tuple whose first field starts at {@code position} has arrived. */
    private boolean complete(int position) {
        int end = pending.writerIndex();
        for (int i = 0; i < readers.length; i++) {
            if (end - position < 4) {
                return false;
            }
            int length = pending.getInt(position);
            position += 4 + Math.max(length, 0);
            if (position > end) {
                return false;
            }
        }
        return true;
    }

    private boolean readHeader() {
        int start = pending.readerIndex();
        if (pending.writerIndex() - start < HEADER_LENGTH) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (pending.getByte(start + i) != SIGNATURE[i]) {
                throw new IllegalArgumentException("Not binary COPY data: the signature is missing");
            }
        }
        int extension = pending.getInt(start + SIGNATURE.length + 4);
        if (pending.writerIndex() - start < HEADER_LENGTH + extension) {
            return false;
        }
        pending.readerIndex(start + HEADER_LENGTH + extension);
        headerRead = true;
        return true;
    }
}
