package dev.r2dbcpg.core.protocol;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * Several executions of one prepared statement in one exchange: Bind/Execute per binding into the
 * unnamed portal, and a single Sync at the end, all in one buffer. Everything before the Sync is one
 * implicit transaction when no transaction block is open (the server commits at Sync), so the batch
 * succeeds or fails as a whole there. After an ErrorResponse the server skips every later Bind/Execute
 * up to the Sync: the bindings after the failing one do not run, and the sink hears the error through
 * {@link ConversationSink#onBindingError} with the index of the binding that failed.
 */
public final class ExtendedBatch extends Conversation {

    private static final byte[] UNNAMED = FrontendWriter.unnamed();

    private enum State { BINDING, EXECUTING, ERROR, DONE }

    private final byte[] statementName;
    private final short[] parameterFormats;
    private final ByteBuf[] parameterValues;
    private final short[] resultFormats;
    private final ConversationSink sink;
    private State state = State.BINDING;
    /** The binding whose answers are being read. */
    private int binding;
    private boolean encoded;

    /**
     * @param statementName pre-encoded name of a statement prepared on this connection
     * @param parameterFormats Bind parameter format codes, the same for every binding
     * @param parameterValues per binding, the Bind parameter section (see {@link FrontendWriter#writeBind});
     *     ownership is transferred: each is released after encoding or on failure
     * @param resultFormats Bind result format codes
     */
    public ExtendedBatch(byte[] statementName, short[] parameterFormats, ByteBuf[] parameterValues,
            short[] resultFormats, ConversationSink sink) {
        if (parameterValues.length == 0) {
            throw new IllegalArgumentException("A batch needs at least one binding");
        }
        this.statementName = statementName;
        this.parameterFormats = parameterFormats;
        this.parameterValues = parameterValues;
        this.resultFormats = resultFormats;
        this.sink = sink;
    }

    @Override
    public void encode(ByteBuf out) {
        encoded = true;
        try {
            for (int i = 0; i < parameterValues.length; i++) {
                ByteBuf values = parameterValues[i];
                parameterValues[i] = null;
                try {
                    FrontendWriter.writeBind(out, UNNAMED, statementName, parameterFormats, values, resultFormats);
                } finally {
                    values.release();
                }
                FrontendWriter.writeExecute(out, UNNAMED, 0);
            }
        } finally {
            releaseValues();
        }
        FrontendWriter.writeSync(out);
    }

    /** The number of bindings this batch executes. */
    public int size() {
        return parameterValues.length;
    }

    /** One sync segment: a deferred BEGIN rides in it, and an error in it fails the batch. */
    @Override
    public boolean acceptsPrelude() {
        return true;
    }

    @Override
    public boolean isPipelinable() {
        return true;
    }

    @Override
    protected boolean hasDemand() {
        return sink.hasDemand();
    }

    @Override
    protected String state() {
        return state.name() + " binding " + binding;
    }

    @Override
    protected void onFailure(Throwable error) {
        state = State.DONE;
        releaseValues();
        sink.onError(error);
    }

    @Override
    public void onNoticeResponse(Map<Character, String> fields) {
        sink.onNotice(fields);
    }

    @Override
    protected void onBindComplete() {
        expect(State.BINDING, BackendMessages.BIND_COMPLETE);
        state = State.EXECUTING;
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
        String tag = BackendMessages.readCString(body);
        sink.onCommandComplete(tag, BackendMessages.rowsAffected(tag));
        next();
    }

    @Override
    protected void onEmptyQueryResponse() {
        expect(State.EXECUTING, BackendMessages.EMPTY_QUERY_RESPONSE);
        sink.onEmptyQueryResponse();
        next();
    }

    private void next() {
        if (binding + 1 < parameterValues.length) {
            binding++;
            state = State.BINDING;
        } else {
            // All bound and executed; only ReadyForQuery (for the Sync already sent) is left.
            state = State.DONE;
        }
    }

    @Override
    protected void onErrorResponse(Map<Character, String> fields) {
        if (state == State.DONE || state == State.ERROR) {
            // An error at Sync: the implicit transaction's commit failed (a deferred constraint).
            state = State.ERROR;
            sink.onBindingError(parameterValues.length - 1, fields);
            return;
        }
        state = State.ERROR;
        // The Sync is already on the wire: the server skips the remaining Bind/Execute pairs up to it.
        sink.onBindingError(binding, fields);
    }

    @Override
    protected void onReadyForQuery(char transactionStatus) {
        if (!encoded || state != State.DONE && state != State.ERROR) {
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

    private void releaseValues() {
        for (int i = 0; i < parameterValues.length; i++) {
            ByteBuf values = parameterValues[i];
            if (values != null) {
                parameterValues[i] = null;
                values.release();
            }
        }
    }
}
