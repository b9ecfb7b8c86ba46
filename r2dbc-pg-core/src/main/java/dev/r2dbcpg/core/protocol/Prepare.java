package dev.r2dbcpg.core.protocol;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * Parse, Describe statement, Sync: ParseComplete, ParameterDescription, RowDescription or NoData,
 * ReadyForQuery. The sink learns the parameter types and the result columns of the statement.
 */
public final class Prepare extends Conversation {

    private enum State { PARSING, DESCRIBING_PARAMETERS, DESCRIBING_ROWS, DESCRIBED, ERROR, DONE }

    private final byte[] statementName;
    private final String sql;
    private final int[] parameterTypes;
    private final ConversationSink sink;
    private State state = State.PARSING;

    /**
     * @param statementName pre-encoded statement name (empty = unnamed)
     * @param parameterTypes parameter type OIDs; 0 lets the server infer the type
     */
    public Prepare(byte[] statementName, String sql, int[] parameterTypes, ConversationSink sink) {
        this.statementName = statementName;
        this.sql = sql;
        this.parameterTypes = parameterTypes;
        this.sink = sink;
    }

    @Override
    public void encode(ByteBuf out) {
        FrontendWriter.writeParse(out, statementName, sql, parameterTypes);
        FrontendWriter.writeDescribe(out, FrontendWriter.STATEMENT, statementName);
        FrontendWriter.writeSync(out);
    }

    @Override
    public boolean acceptsPrelude() {
        return true;
    }

    /**
     * A prepared statement is executed right after its Describe is answered, by a Bind that must follow
     * the Sync of this request directly; so later requests wait until this one is answered.
     */
    @Override
    public boolean isPipelinable() {
        return false;
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
    protected void onParseComplete() {
        if (state != State.PARSING) {
            throw unexpected(BackendMessages.PARSE_COMPLETE);
        }
        state = State.DESCRIBING_PARAMETERS;
        sink.onParseComplete();
    }

    @Override
    protected void onParameterDescription(ByteBuf body) {
        if (state != State.DESCRIBING_PARAMETERS) {
            throw unexpected(BackendMessages.PARAMETER_DESCRIPTION);
        }
        state = State.DESCRIBING_ROWS;
        sink.onParameterDescription(BackendMessages.parseParameterDescription(body));
    }

    @Override
    protected void onRowDescription(ByteBuf body) {
        if (state != State.DESCRIBING_ROWS) {
            throw unexpected(BackendMessages.ROW_DESCRIPTION);
        }
        state = State.DESCRIBED;
        sink.onRowDescription(BackendMessages.parseRowDescription(body));
    }

    @Override
    protected void onNoData() {
        if (state != State.DESCRIBING_ROWS) {
            throw unexpected(BackendMessages.NO_DATA);
        }
        state = State.DESCRIBED;
        sink.onNoData();
    }

    @Override
    protected void onErrorResponse(Map<Character, String> fields) {
        state = State.ERROR;
        sink.onServerError(fields);
    }

    @Override
    protected void onReadyForQuery(char transactionStatus) {
        if (state != State.DESCRIBED && state != State.ERROR) {
            throw unexpected(BackendMessages.READY_FOR_QUERY);
        }
        state = State.DONE;
        sink.onComplete();
    }
}
