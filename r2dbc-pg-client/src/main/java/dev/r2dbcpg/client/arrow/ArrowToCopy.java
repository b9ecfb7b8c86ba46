package dev.r2dbcpg.client.arrow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Arrow batches into PostgreSQL's binary COPY format: the header, each batch's rows (an Int16 field
 * count, then per field its length and value, -1 for NULL, written by {@link ArrowWriters}), the trailer.
 */
final class ArrowToCopy {

    /** The binary COPY signature (r2dbc-pg-core's copy of it is internal to the driver). */
    static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private final List<ArrowWriters.Column> columns;
    private final ByteBufAllocator alloc;

    ArrowToCopy(List<ArrowWriters.Column> columns, ByteBufAllocator alloc) {
        this.columns = columns;
        this.alloc = alloc;
    }

    ByteBuf header() {
        return alloc.buffer(SIGNATURE.length + 8).writeBytes(SIGNATURE).writeInt(0).writeInt(0);
    }

    ByteBuf trailer() {
        return alloc.buffer(2).writeShort(-1);
    }

    /**
     * The rows of one batch; the batch itself is left as it is (the caller closes it).
     *
     * @return a new buffer; ownership passes to the caller
     * @throws IllegalArgumentException when the batch's fields are not those of the COPY
     */
    ByteBuf rows(VectorSchemaRoot batch) {
        List<FieldVector> vectors = batch.getFieldVectors();
        int n = columns.size();
        if (vectors.size() != n) {
            throw new IllegalArgumentException("Arrow batch has " + vectors.size() + " fields, the first batch had " + n);
        }
        FieldVector[] byColumn = vectors.toArray(FieldVector[]::new);
        int rows = batch.getRowCount();
        ByteBuf out = alloc.buffer(Math.max(64, rows * (2 + n * 12)));
        try {
            for (int row = 0; row < rows; row++) {
                out.writeShort(n);
                for (int i = 0; i < n; i++) {
                    if (byColumn[i].isNull(row)) {
                        out.writeInt(-1);
                    } else {
                        columns.get(i).writer().write(byColumn[i], row, out);
                    }
                }
            }
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }
}
