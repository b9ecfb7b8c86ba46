package dev.r2dbcpg.core.protocol;

import io.netty.buffer.ByteBuf;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One execution through the extended protocol: Parse (only when the statement is not yet
 * prepared), Bind into the unnamed portal, Describe portal (optional), Execute, Sync.
 *
 * <p>Without a fetch size the whole request goes out at once ({@code Execute 0} then Sync) and can
 * be pipelined. With a fetch size the portal must stay open between round trips, so Execute is
 * followed by Flush instead of Sync; on PortalSuspended the next Execute is sent only when the
 * consumer has demand, and Sync goes out after CommandComplete, an ErrorResponse or a discard. Such
 * a query is not pipelinable (a later Bind would replace the unnamed portal).
 *
 * <p>Re-prepare: when {@code sql} is given the sink sees {@link ConversationSink#onParseComplete()}
 * before anything else, so a statement cache marks a statement prepared only once the server
 * accepted it. A cached statement that the server no longer knows, or whose result type changed,
 * reaches the sink as an ordinary server error (SQLSTATE 26000 / 0A000) for the caller to retry
 * with a Parse.
 */
public final class ExtendedQuery extends Conversation {

    private static final byte[] UNNAMED = FrontendWriter.unnamed();

    private enum State { PARSING, BINDING, DESCRIBING, EXECUTING, SUSPENDED, COMPLETING, ERROR, DONE }

    private final byte[] statementName;
    private final @Nullable String sql;
    private final int[] parameterTypes;
    private final short[] parameterFormats;
    private @Nullable ByteBuf parameterValues;
    private final short[] resultFormats;
    private final boolean describe;
    private final int fetchSize;
    private final ConversationSink sink;
    private State state;
    private boolean syncSent;

    /**
     * @param statementName pre-encoded statement name (empty = the unnamed statement)
     * @param sql the statement text when it must be parsed first; null when {@code statementName}
     *     is already prepared on this connection
     * @param parameterTypes parameter type OIDs for Parse (ignored when {@code sql} is null)
     * @param parameterFormats Bind parameter format codes
     * @param parameterValues the Bind parameter section (see {@link FrontendWriter#writeBind});
     *     ownership is transferred: released after encoding or on failure
     * @param resultFormats Bind result format codes
     * @param describe whether to send Describe portal (needed when the row layout is not known)
     * @param fetchSize rows per Execute; 0 fetches everything in one Execute
     */
    public ExtendedQuery(byte[] statementName, @Nullable String sql, int[] parameterTypes, short[] parameterFormats,
            ByteBuf parameterValues, short[] resultFormats, boolean describe, int fetchSize, ConversationSink sink) {
        this.statementName = statementName;
        this.sql = sql;
        this.parameterTypes = parameterTypes;
        this.parameterFormats = parameterFormats;
        this.parameterValues = parameterValues;
        this.resultFormats = resultFormats;
        this.describe = describe;
        this.fetchSize = fetchSize;
        this.sink = sink;
        this.state = sql != null ? State.PARSING : State.BINDING;
    }

    @Override
    public void encode(ByteBuf out) {
        if (sql != null) {
            FrontendWriter.writeParse(out, statementName, sql, parameterTypes);
        }
        ByteBuf values = parameterValues;
        parameterValues = null;
        try {
            FrontendWriter.writeBind(out, UNNAMED, statementName, parameterFormats, values, resultFormats);
        } finally {
            values.release();
        }
        if (describe) {
            FrontendWriter.writeDescribe(out, FrontendWriter.PORTAL, UNNAMED);
        }
        FrontendWriter.writeExecute(out, UNNAMED, fetchSize);
        if (fetchSize == 0) {
            FrontendWriter.writeSync(out);
            syncSent = true;
        } else {
            FrontendWriter.writeFlush(out);
        }
    }

    @Override
    public boolean acceptsPrelude() {
        return true;
    }

    @Override
    public boolean isPipelinable() {
        return fetchSize == 0;
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
        ByteBuf values = parameterValues;
        if (values != null) {
            parameterValues = null;
            values.release();
        }
        sink.onError(error);
    }

    @Override
    public void onNoticeResponse(Map<Character, String> fields) {
        sink.onNotice(fields);
    }

    @Override
    protected void onParseComplete() {
        expect(State.PARSING, BackendMessages.PARSE_COMPLETE);
        state = State.BINDING;
        sink.onParseComplete();
    }

    @Override
    protected void onBindComplete() {
        expect(State.BINDING, BackendMessages.BIND_COMPLETE);
        state = describe ? State.DESCRIBING : State.EXECUTING;
    }

    @Override
    protected void onRowDescription(ByteBuf body) {
        expect(State.DESCRIBING, BackendMessages.ROW_DESCRIPTION);
        state = State.EXECUTING;
        sink.onRowDescription(BackendMessages.parseRowDescription(body));
    }

    @Override
    protected void onNoData() {
        expect(State.DESCRIBING, BackendMessages.NO_DATA);
        state = State.EXECUTING;
        sink.onNoData();
    }

    @Override
    protected void onDataRow(ByteBuf body) {
        expect(State.EXECUTING, BackendMessages.DATA_ROW);
        int end = body.writerIndex();
        sink.onDataRow(body);
        body.readerIndex(end);
    }

    @Override
    protected void onCommandComplete(ByteBuf body) {
        expect(State.EXECUTING, BackendMessages.COMMAND_COMPLETE);
        state = State.COMPLETING;
        String tag = BackendMessages.readCString(body);
        sink.onCommandComplete(tag, BackendMessages.rowsAffected(tag));
        sendSyncOnce();
    }

    @Override
    protected void onEmptyQueryResponse() {
        expect(State.EXECUTING, BackendMessages.EMPTY_QUERY_RESPONSE);
        state = State.COMPLETING;
        sink.onEmptyQueryResponse();
        sendSyncOnce();
    }

    @Override
    protected void onPortalSuspended() {
        if (state != State.EXECUTING || fetchSize == 0) {
            throw unexpected(BackendMessages.PORTAL_SUSPENDED);
        }
        state = State.SUSPENDED;
        if (isDiscarding()) {
            onDiscard();
            return;
        }
        sink.onPortalSuspended();
        onDemand();
    }

    @Override
    public boolean awaitsServer() {
        return state != State.SUSPENDED;
    }

    @Override
    protected void onDemand() {
        if (state == State.SUSPENDED && sink.hasDemand()) {
            state = State.EXECUTING;
            ByteBuf out = transport().alloc().ioBuffer(16);
            FrontendWriter.writeExecute(out, UNNAMED, fetchSize);
            FrontendWriter.writeFlush(out);
            transport().write(out);
        }
    }

    @Override
    protected void onDiscard() {
        if (state == State.SUSPENDED) {
            // Sync ends the implicit transaction and with it the suspended portal.
            state = State.COMPLETING;
            sendSyncOnce();
        }
    }

    @Override
    protected void onErrorResponse(Map<Character, String> fields) {
        state = State.ERROR;
        sink.onServerError(fields);
        // The server skips everything up to the next Sync; without one it would wait forever.
        sendSyncOnce();
    }

    @Override
    protected void onReadyForQuery(char transactionStatus) {
        if (!syncSent || state != State.COMPLETING && state != State.ERROR) {
            throw unexpected(BackendMessages.READY_FOR_QUERY);
        }
        state = State.DONE;
        sink.onComplete();
    }

    private void expect(State expected, byte type) {
        if (state != expected) {
            throw unexpected(type);
        }
    }

    private void sendSyncOnce() {
        if (!syncSent) {
            syncSent = true;
            ByteBuf out = transport().alloc().ioBuffer(5);
            FrontendWriter.writeSync(out);
            transport().write(out);
        }
    }
}
