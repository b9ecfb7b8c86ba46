package dev.r2dbcpg.core.protocol;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * A simple-protocol Query: one string, possibly several statements, each answered by its own
 * result (RowDescription, DataRows, CommandComplete) or EmptyQueryResponse. An ErrorResponse
 * aborts the rest of the string. {@code COPY FROM STDIN} is refused with CopyFail so the
 * connection stays usable (the server then reports the failure as an ErrorResponse);
 * {@code COPY TO STDOUT} data is delivered through {@link ConversationSink#onCopyData}.
 */
public final class SimpleQuery extends Conversation {

    /** The CopyFail message sent when the server asks for COPY input. */
    static final String COPY_IN_REFUSED =
            "COPY FROM STDIN is not supported in a plain query; use the driver's COPY API";

    private enum State { WAITING, ROWS, COPY_OUT, COPY_IN_REFUSED, ERROR, DONE }

    private final String sql;
    private final ConversationSink sink;
    private State state = State.WAITING;

    public SimpleQuery(String sql, ConversationSink sink) {
        this.sql = sql;
        this.sink = sink;
    }

    @Override
    public void encode(ByteBuf out) {
        FrontendWriter.writeQuery(out, sql);
    }

    @Override
    protected String state() {
        return state.name();
    }

    @Override
    protected boolean hasDemand() {
        return sink.hasDemand();
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
    protected void onRowDescription(ByteBuf body) {
        if (state != State.WAITING) {
            throw unexpected(BackendMessages.ROW_DESCRIPTION);
        }
        state = State.ROWS;
        sink.onRowDescription(BackendMessages.parseRowDescription(body));
    }

    @Override
    protected void onDataRow(ByteBuf body) {
        if (state != State.ROWS) {
            throw unexpected(BackendMessages.DATA_ROW);
        }
        int end = body.writerIndex();
        sink.onDataRow(body);
        body.readerIndex(end);
    }

    @Override
    protected void onCommandComplete(ByteBuf body) {
        if (state != State.WAITING && state != State.ROWS && state != State.COPY_OUT) {
            throw unexpected(BackendMessages.COMMAND_COMPLETE);
        }
        state = State.WAITING;
        String tag = BackendMessages.readCString(body);
        sink.onCommandComplete(tag, BackendMessages.rowsAffected(tag));
    }

    @Override
    protected void onEmptyQueryResponse() {
        if (state != State.WAITING) {
            throw unexpected(BackendMessages.EMPTY_QUERY_RESPONSE);
        }
        sink.onEmptyQueryResponse();
    }

    @Override
    protected void onCopyInResponse(ByteBuf body) {
        if (state != State.WAITING) {
            throw unexpected(BackendMessages.COPY_IN_RESPONSE);
        }
        body.skipBytes(body.readableBytes());
        state = State.COPY_IN_REFUSED;
        ByteBuf out = transport().alloc().ioBuffer(COPY_IN_REFUSED.length() + 6);
        FrontendWriter.writeCopyFail(out, COPY_IN_REFUSED);
        transport().write(out);
    }

    @Override
    protected void onCopyOutResponse(ByteBuf body) {
        if (state != State.WAITING) {
            throw unexpected(BackendMessages.COPY_OUT_RESPONSE);
        }
        body.skipBytes(body.readableBytes());
        state = State.COPY_OUT;
    }

    @Override
    protected void onCopyData(ByteBuf body) {
        if (state != State.COPY_OUT) {
            throw unexpected(BackendMessages.COPY_DATA);
        }
        sink.onCopyData(body.readRetainedSlice(body.readableBytes()));
    }

    @Override
    protected void onCopyDone() {
        if (state != State.COPY_OUT) {
            throw unexpected(BackendMessages.COPY_DONE);
        }
    }

    @Override
    protected void onErrorResponse(Map<Character, String> fields) {
        state = State.ERROR;
        sink.onServerError(fields);
    }

    @Override
    protected void onReadyForQuery(char transactionStatus) {
        state = State.DONE;
        sink.onComplete();
    }
}
