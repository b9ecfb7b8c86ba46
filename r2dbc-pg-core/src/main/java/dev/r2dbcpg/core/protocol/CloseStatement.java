package dev.r2dbcpg.core.protocol;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/** Close of a prepared statement followed by Sync: CloseComplete, ReadyForQuery. */
public final class CloseStatement extends Conversation {

    private enum State { CLOSING, CLOSED, ERROR, DONE }

    private final byte[] statementName;
    private final ConversationSink sink;
    private State state = State.CLOSING;

    /** @param statementName pre-encoded name of the statement, not shared (a copy is not taken) */
    public CloseStatement(byte[] statementName, ConversationSink sink) {
        this.statementName = statementName;
        this.sink = sink;
    }

    @Override
    public void encode(ByteBuf out) {
        FrontendWriter.writeClose(out, FrontendWriter.STATEMENT, statementName);
        FrontendWriter.writeSync(out);
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
    protected void onCloseComplete() {
        if (state != State.CLOSING) {
            throw unexpected(BackendMessages.CLOSE_COMPLETE);
        }
        state = State.CLOSED;
    }

    @Override
    protected void onErrorResponse(Map<Character, String> fields) {
        state = State.ERROR;
        sink.onServerError(fields);
    }

    @Override
    protected void onReadyForQuery(char transactionStatus) {
        if (state == State.CLOSING) {
            throw unexpected(BackendMessages.READY_FOR_QUERY);
        }
        state = State.DONE;
        sink.onComplete();
    }
}
