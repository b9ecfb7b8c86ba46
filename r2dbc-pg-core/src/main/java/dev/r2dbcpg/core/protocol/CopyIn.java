package dev.r2dbcpg.core.protocol;

import io.netty.buffer.ByteBuf;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jspecify.annotations.Nullable;

/**
 * {@code COPY ... FROM STDIN} through a simple Query: Query, then CopyInResponse, then the client's
 * CopyData messages ended by CopyDone (or CopyFail), then CommandComplete ({@code COPY n}) and
 * ReadyForQuery. An ErrorResponse during the copy (bad data, or the server's answer to CopyFail)
 * rolls the whole COPY back; the server drops any CopyData that was still in flight.
 *
 * <p>Data comes from a producer on any thread through {@link #send}, {@link #sendDone} and
 * {@link #sendFail}. The conversation asks the producer for chunks through
 * {@link Sink#request(long)}: {@code prefetch} chunks when the server is ready, then as many as it
 * wrote (once half the prefetch is written), but only while the connection's outbound buffer is below its high-water mark. So at most
 * {@code prefetch} chunks plus one socket buffer are held in memory, however large the input.
 *
 * <p>Not pipelinable: nothing else may be written into the middle of the copy data.
 */
public final class CopyIn extends Conversation {

    /** Chunks up to this size are copied together into one CopyData; larger ones go out as they are. */
    static final int COALESCE_LIMIT = 8192;

    private static final AtomicIntegerFieldUpdater<CopyIn> WIP =
            AtomicIntegerFieldUpdater.newUpdater(CopyIn.class, "wip");

    /** What the SPI layer implements: the producer's demand, and the outcome. Event loop only. */
    public interface Sink {

        /** The conversation can take {@code n} more chunks through {@link CopyIn#send}. */
        void request(long n);

        /** Stop producing: the server ended the COPY or the connection failed. Later chunks are released. */
        void cancel();

        /** CommandComplete of the COPY: the number of rows the server loaded. */
        void onCommandComplete(long rows);

        /** ErrorResponse: the COPY was rolled back; ReadyForQuery follows. */
        void onServerError(Map<Character, String> fields);

        /** NoticeResponse received during the COPY. */
        default void onNotice(Map<Character, String> fields) {
        }

        /** ReadyForQuery: the connection is usable again. Last call unless {@link #onError} came instead. */
        void onComplete();

        /**
         * The connection failed, or the SQL was not a single {@code COPY ... FROM STDIN} (then the
         * connection is still usable). Last call.
         */
        void onError(Throwable error);
    }

    private enum State { WAITING, COPYING, FINISHING, COMPLETED, ERROR, DONE }

    private final String sql;
    private final Sink sink;
    private final long prefetch;
    private final Queue<ByteBuf> chunks = new ConcurrentLinkedQueue<>();
    private volatile boolean done;
    private volatile @Nullable String failMessage;
    private volatile int wip;
    private State state = State.WAITING;
    private long deferredRequest;
    private boolean waitingForWritability;
    private @Nullable String wrongStatement;

    /**
     * @param sql a {@code COPY ... FROM STDIN} statement
     * @param prefetch how many chunks the producer may have outstanding
     */
    public CopyIn(String sql, long prefetch, Sink sink) {
        this.sql = sql;
        this.prefetch = prefetch;
        this.sink = sink;
    }

    @Override
    public void encode(ByteBuf out) {
        FrontendWriter.writeQuery(out, sql);
    }

    @Override
    public boolean isPipelinable() {
        return false;
    }

    // ---------------------------------------------------------------- producer side (any thread)

    /**
     * Queues one chunk of COPY data (any split of the stream; rows may span chunks).
     *
     * @param chunk ownership is transferred: written, or released when the copy already ended
     */
    public void send(ByteBuf chunk) {
        chunks.add(chunk);
        signal();
    }

    /** The input is complete: CopyDone goes out after the queued chunks. */
    public void sendDone() {
        done = true;
        signal();
    }

    /**
     * Abandons the copy: queued chunks are dropped and CopyFail goes out, so the server rolls the
     * COPY back and answers with an ErrorResponse (SQLSTATE 57014) carrying {@code message}.
     */
    public void sendFail(String message) {
        failMessage = message;
        signal();
    }

    private void signal() {
        if (WIP.getAndIncrement(this) == 0) {
            transport().execute(this::drainLoop);
        }
    }

    // ---------------------------------------------------------------- event loop

    /** While copying, the server waits for the source's data and owes the client nothing. */
    @Override
    public boolean awaitsServer() {
        return state != State.COPYING;
    }

    private void drainLoop() {
        int missed = 1;
        for (;;) {
            drain();
            missed = WIP.addAndGet(this, -missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void drain() {
        if (state != State.COPYING) {
            if (state != State.WAITING) {
                releaseChunks();
            }
            return;
        }
        String fail = failMessage;
        if (fail != null) {
            releaseChunks();
            state = State.FINISHING;
            ByteBuf out = transport().alloc().ioBuffer(fail.length() * 3 + 6);
            FrontendWriter.writeCopyFail(out, fail);
            transport().write(out);
            return;
        }
        boolean complete = done;
        long written = writeChunks();
        if (complete) {
            state = State.FINISHING;
            ByteBuf out = transport().alloc().ioBuffer(5);
            FrontendWriter.writeCopyDone(out);
            transport().write(out);
            return;
        }
        deferredRequest += written;
        replenish();
    }

    /** Writes every queued chunk; small ones are copied together into one CopyData. */
    private long writeChunks() {
        long count = 0;
        ByteBuf batch = null;
        for (ByteBuf chunk; (chunk = chunks.poll()) != null; ) {
            count++;
            int size = chunk.readableBytes();
            if (size == 0) {
                chunk.release();
                continue;
            }
            if (size > COALESCE_LIMIT) {
                batch = flushBatch(batch);
                ByteBuf header = transport().alloc().ioBuffer(5);
                header.writeByte('d').writeInt(4 + size);
                transport().write(header);
                transport().write(chunk);
                continue;
            }
            try {
                if (batch != null && batch.writableBytes() < size) {
                    batch = flushBatch(batch);
                }
                if (batch == null) {
                    batch = transport().alloc().ioBuffer(Math.max(4 * COALESCE_LIMIT, size + 5));
                    batch.writeByte('d').writeInt(0);
                }
                batch.writeBytes(chunk);
            } finally {
                chunk.release();
            }
        }
        flushBatch(batch);
        return count;
    }

    private @Nullable ByteBuf flushBatch(@Nullable ByteBuf batch) {
        if (batch != null) {
            batch.setInt(1, batch.writerIndex() - 1);
            transport().write(batch);
        }
        return null;
    }

    /**
     * Passes written-chunk credit back to the producer, in batches of half the prefetch (fewer
     * cross-thread requests), and only while the socket keeps up.
     */
    private void replenish() {
        if (state != State.COPYING || deferredRequest < Math.max(1, prefetch / 2)) {
            return;
        }
        if (!transport().isWritable()) {
            if (!waitingForWritability) {
                waitingForWritability = true;
                transport().whenWritable(() -> {
                    waitingForWritability = false;
                    replenish();
                });
            }
            return;
        }
        long n = deferredRequest;
        deferredRequest = 0;
        sink.request(n);
    }

    private void releaseChunks() {
        for (ByteBuf chunk; (chunk = chunks.poll()) != null; ) {
            chunk.release();
        }
    }

    // ---------------------------------------------------------------- backend messages

    @Override
    protected String state() {
        return state.name();
    }

    @Override
    protected void onFailure(Throwable error) {
        state = State.DONE;
        releaseChunks();
        sink.cancel();
        sink.onError(error);
    }

    @Override
    public void onNoticeResponse(Map<Character, String> fields) {
        sink.onNotice(fields);
    }

    @Override
    protected void onCopyInResponse(ByteBuf body) {
        body.skipBytes(body.readableBytes());
        if (state != State.WAITING) {
            // A second COPY FROM STDIN in the same string: refuse it, the first one is what was asked.
            refuse("more than one statement");
            ByteBuf out = transport().alloc().ioBuffer(64);
            FrontendWriter.writeCopyFail(out, "only one COPY FROM STDIN per request");
            transport().write(out);
            return;
        }
        state = State.COPYING;
        deferredRequest = prefetch;
        // Through the drain loop so that chunks the producer sends synchronously are picked up; if a
        // drain is already queued (a CopyFail that came early), that one runs it.
        if (WIP.getAndIncrement(this) == 0) {
            drainLoop();
        }
    }

    @Override
    protected void onCommandComplete(ByteBuf body) {
        String tag = BackendMessages.readCString(body);
        if (state != State.FINISHING) {
            refuse(tag);
            return;
        }
        state = State.COMPLETED;
        sink.onCommandComplete(BackendMessages.rowsAffected(tag));
    }

    @Override
    protected void onRowDescription(ByteBuf body) {
        body.skipBytes(body.readableBytes());
        refuse("a query returning rows");
    }

    @Override
    protected void onDataRow(ByteBuf body) {
        body.skipBytes(body.readableBytes());
    }

    @Override
    protected void onEmptyQueryResponse() {
        refuse("an empty query");
    }

    @Override
    protected void onCopyOutResponse(ByteBuf body) {
        body.skipBytes(body.readableBytes());
        refuse("COPY TO STDOUT");
    }

    @Override
    protected void onCopyData(ByteBuf body) {
        if (wrongStatement == null) {
            throw unexpected(BackendMessages.COPY_DATA);
        }
        body.skipBytes(body.readableBytes());
    }

    @Override
    protected void onCopyDone() {
        if (wrongStatement == null) {
            throw unexpected(BackendMessages.COPY_DONE);
        }
    }

    @Override
    protected void onErrorResponse(Map<Character, String> fields) {
        boolean copying = state == State.COPYING;
        state = State.ERROR;
        releaseChunks();
        if (copying) {
            sink.cancel();
        }
        sink.onServerError(fields);
    }

    @Override
    protected void onReadyForQuery(char transactionStatus) {
        State before = state;
        state = State.DONE;
        releaseChunks();
        String wrong = wrongStatement;
        if (wrong != null) {
            sink.onError(new IllegalArgumentException("Not a single COPY ... FROM STDIN statement: the server answered "
                    + wrong + " to: " + sql));
        } else if (before != State.COMPLETED && before != State.ERROR) {
            throw unexpected(BackendMessages.READY_FOR_QUERY);
        } else {
            sink.onComplete();
        }
    }

    private void refuse(String what) {
        if (wrongStatement == null) {
            wrongStatement = what;
        }
    }
}
