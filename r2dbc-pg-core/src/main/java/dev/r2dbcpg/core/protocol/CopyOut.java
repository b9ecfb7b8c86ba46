package dev.r2dbcpg.core.protocol;

import io.netty.buffer.ByteBuf;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code COPY ... TO STDOUT} through a simple Query: Query, then CopyOutResponse, CopyData (one per
 * row in text and CSV formats; binary format may split differently), CopyDone, CommandComplete
 * ({@code COPY n}) and ReadyForQuery. Reading stops while the consumer has no demand, so the server
 * is held back by TCP flow control and memory stays flat however large the export.
 *
 * <p>A statement that turns out not to be a {@code COPY ... TO STDOUT} is consumed to ReadyForQuery
 * and reported through {@link Sink#onError}; the connection stays usable.
 */
public final class CopyOut extends Conversation {

    /** What the SPI layer implements. Event loop only. */
    public interface Sink {

        /**
         * CopyOutResponse: the copy started.
         *
         * @param binary whether the overall format is binary (else text or CSV)
         * @param columns the number of columns of each row
         */
        default void onCopyOutResponse(boolean binary, int columns) {
        }

        /**
         * One CopyData message. Borrowed, like every message body: the sink reads (or retains a
         * slice of) what it keeps during the call and never releases it; the rest is skipped.
         *
         * @param data the message body, windowed on the data
         */
        void onCopyData(ByteBuf data);

        /** CommandComplete: the number of rows copied. */
        void onCommandComplete(long rows);

        /** ErrorResponse: ReadyForQuery follows. */
        void onServerError(Map<Character, String> fields);

        /** NoticeResponse received during the COPY. */
        default void onNotice(Map<Character, String> fields) {
        }

        /** ReadyForQuery. Last call unless {@link #onError} came instead. */
        void onComplete();

        /** The connection failed, or the SQL was not a single {@code COPY ... TO STDOUT}. Last call. */
        void onError(Throwable error);

        /** Whether the consumer wants more data now; see {@link ConversationSink#hasDemand()}. */
        boolean hasDemand();
    }

    private enum State { WAITING, COPYING, COPY_DONE, COMPLETED, ERROR, DONE }

    private final String sql;
    private final Sink sink;
    private State state = State.WAITING;
    private @Nullable String wrongStatement;

    public CopyOut(String sql, Sink sink) {
        this.sql = sql;
        this.sink = sink;
    }

    @Override
    public void encode(ByteBuf out) {
        FrontendWriter.writeQuery(out, sql);
    }

    @Override
    protected boolean hasDemand() {
        return sink.hasDemand();
    }

    @Override
    protected String state() {
        return state.name();
    }

    @Override
    protected void onFailure(Throwable error) {
        state = State.DONE;
        sink.onError(error);
    }

    @Override
    public void onNoticeResponse(Map<Character, String> fields) {
        sink.onNotice(fields);
    }

    @Override
    protected void onCopyOutResponse(ByteBuf body) {
        if (state != State.WAITING) {
            body.skipBytes(body.readableBytes());
            refuse("more than one COPY");
            state = State.COPYING;
            return;
        }
        boolean binary = body.readByte() != 0;
        int columns = body.readUnsignedShort();
        body.skipBytes(body.readableBytes());
        state = State.COPYING;
        sink.onCopyOutResponse(binary, columns);
    }

    @Override
    protected void onCopyData(ByteBuf body) {
        if (state != State.COPYING) {
            throw unexpected(BackendMessages.COPY_DATA);
        }
        if (wrongStatement != null) {
            body.skipBytes(body.readableBytes());
            return;
        }
        int end = body.writerIndex();
        sink.onCopyData(body);
        body.readerIndex(end);
    }

    @Override
    protected void onCopyDone() {
        if (state != State.COPYING) {
            throw unexpected(BackendMessages.COPY_DONE);
        }
        state = State.COPY_DONE;
    }

    @Override
    protected void onCommandComplete(ByteBuf body) {
        String tag = BackendMessages.readCString(body);
        if (state != State.COPY_DONE || wrongStatement != null) {
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
    protected void onCopyInResponse(ByteBuf body) {
        body.skipBytes(body.readableBytes());
        refuse("COPY FROM STDIN");
        ByteBuf out = transport().alloc().ioBuffer(64);
        FrontendWriter.writeCopyFail(out, "COPY FROM STDIN in a COPY TO STDOUT request");
        transport().write(out);
    }

    @Override
    protected void onErrorResponse(Map<Character, String> fields) {
        state = State.ERROR;
        sink.onServerError(fields);
    }

    @Override
    protected void onReadyForQuery(char transactionStatus) {
        State before = state;
        state = State.DONE;
        String wrong = wrongStatement;
        if (wrong != null) {
            sink.onError(new IllegalArgumentException("Not a single COPY ... TO STDOUT statement: the server answered "
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
