package dev.r2dbcpg.core.protocol;

import dev.r2dbcpg.core.error.PgProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request and its answer: the frontend messages it writes and the state machine that consumes
 * the backend messages up to its ReadyForQuery. Subclasses override the {@code onXxx} methods of
 * the messages they expect; every other message is a protocol error. After an ErrorResponse (or a
 * {@link #discard()}) the conversation consumes everything up to ReadyForQuery.
 *
 * <p>Threading: everything except {@link #requestMore()} and {@link #discard()} is called on the
 * connection's event loop. Message bodies passed to {@code onXxx} are borrowed: they are windowed on
 * exactly one message, must be read completely and must not be released.
 */
public abstract class Conversation {

    private static final byte[] NO_NAME = {};
    private static final int[] NO_TYPES = {};
    private static final short[] NO_FORMATS = {};
    /** A Bind's parameter values when there are none: their Int16 count, 0. Read without being moved. */
    private static final ByteBuf NO_VALUES = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(new byte[2]));

    private @Nullable Transport transport;
    /** CommandCompletes of the prelude still to come; see {@link #encodePrelude}. */
    private int preludeReplies;
    private boolean draining;
    private boolean discarding;
    private boolean finished;

    /**
     * Writes this request's initial frontend messages. Called once, on the event loop, in queue
     * order.
     *
     * @param out not owned: the caller writes and releases it
     */
    public abstract void encode(ByteBuf out);

    /** Binds the conversation to its connection; called by the client before {@link #encode}. */
    public final void attach(Transport transport) {
        this.transport = transport;
    }

    /** True once ReadyForQuery ended the conversation or it failed. */
    public final boolean isFinished() {
        return finished;
    }

    /**
     * Whether later requests may be written before this one finished. False for a conversation
     * that keeps an unnamed portal open across round trips (fetch size): a later Bind would replace it.
     */
    public boolean isPipelinable() {
        return true;
    }

    /**
     * Whether the server owes this conversation a message now. False while the conversation waits for the
     * client instead: a suspended portal until its consumer asks for more, COPY IN while its source has
     * no data. The connection's silent-server watch runs only while this is true.
     */
    public boolean awaitsServer() {
        return true;
    }

    /**
     * Whether a prelude may be written in this conversation's sync segment, ahead of its own messages: true for
     * extended-protocol requests that end with their own Sync. An error in the prelude then makes the server
     * skip the request, and reaches its consumer as the request's error.
     */
    public boolean acceptsPrelude() {
        return false;
    }

    /**
     * Writes {@code statements} (no parameters, no rows: {@code BEGIN}, {@code SET LOCAL}) as
     * Parse/Bind/Execute on the unnamed statement and portal, to be followed by this conversation's own
     * messages; their ParseComplete, BindComplete and CommandComplete are consumed here, unseen by the
     * subclass. Only for a conversation that {@link #acceptsPrelude()}, before it is encoded.
     */
    public final void encodePrelude(ByteBuf out, List<String> statements) {
        for (String sql : statements) {
            FrontendWriter.writeParse(out, NO_NAME, sql, NO_TYPES);
            FrontendWriter.writeBind(out, NO_NAME, NO_NAME, NO_FORMATS, NO_VALUES, NO_FORMATS);
            FrontendWriter.writeExecute(out, NO_NAME, 0);
        }
        preludeReplies += statements.size();
    }

    /** Whether the connection should keep reading for this conversation now. */
    public final boolean wantsMessages() {
        return draining || discarding || finished || hasDemand();
    }

    /** The consumer's demand; see {@link ConversationSink#hasDemand()}. */
    protected boolean hasDemand() {
        return true;
    }

    /** Tells the conversation the consumer wants more; safe from any thread. */
    public final void requestMore() {
        Transport t = transport;
        if (t != null) {
            t.execute(this::onDemand);
        }
    }

    /**
     * The consumer is gone (cancelled): drop remaining rows and copy data, keep the connection
     * usable by consuming up to ReadyForQuery. Safe from any thread.
     */
    public final void discard() {
        Transport t = transport;
        if (t != null) {
            t.execute(() -> {
                if (!finished && !discarding) {
                    discarding = true;
                    onDiscard();
                }
            });
        }
    }

    /** Whether an ErrorResponse arrived: the server skips the rest of the request, nothing runs any more. */
    public final boolean hasFailedOnServer() {
        return draining;
    }

    /** Whether {@link #discard()} took effect. */
    protected final boolean isDiscarding() {
        return discarding;
    }

    /** Fails the conversation (connection lost, protocol violation); no-op once finished. */
    public final void fail(Throwable error) {
        if (!finished) {
            finished = true;
            onFailure(error);
        }
    }

    /**
     * Dispatches one backend message to its {@code onXxx} method.
     *
     * @param body borrowed, windowed on the message body; read completely
     */
    public final void onMessage(byte type, ByteBuf body) {
        if (finished) {
            throw unexpected(type);
        }
        if (type != BackendMessages.READY_FOR_QUERY && (draining
                || discarding && (type == BackendMessages.DATA_ROW || type == BackendMessages.COPY_DATA))) {
            body.skipBytes(body.readableBytes());
            return;
        }
        if (preludeReplies > 0 && (type == BackendMessages.PARSE_COMPLETE || type == BackendMessages.BIND_COMPLETE
                || type == BackendMessages.COMMAND_COMPLETE)) {
            if (type == BackendMessages.COMMAND_COMPLETE) {
                preludeReplies--;
            }
            body.skipBytes(body.readableBytes());
            return;
        }
        switch (type) {
            case BackendMessages.AUTHENTICATION -> onAuthentication(body);
            case BackendMessages.BACKEND_KEY_DATA -> onBackendKeyData(body);
            case BackendMessages.NEGOTIATE_PROTOCOL_VERSION -> onNegotiateProtocolVersion(body);
            case BackendMessages.PARSE_COMPLETE -> onParseComplete();
            case BackendMessages.BIND_COMPLETE -> onBindComplete();
            case BackendMessages.CLOSE_COMPLETE -> onCloseComplete();
            case BackendMessages.PARAMETER_DESCRIPTION -> onParameterDescription(body);
            case BackendMessages.ROW_DESCRIPTION -> onRowDescription(body);
            case BackendMessages.NO_DATA -> onNoData();
            case BackendMessages.DATA_ROW -> onDataRow(body);
            case BackendMessages.COMMAND_COMPLETE -> onCommandComplete(body);
            case BackendMessages.EMPTY_QUERY_RESPONSE -> onEmptyQueryResponse();
            case BackendMessages.PORTAL_SUSPENDED -> onPortalSuspended();
            case BackendMessages.COPY_IN_RESPONSE -> onCopyInResponse(body);
            case BackendMessages.COPY_OUT_RESPONSE -> onCopyOutResponse(body);
            case BackendMessages.COPY_DATA -> onCopyData(body);
            case BackendMessages.COPY_DONE -> onCopyDone();
            case BackendMessages.ERROR_RESPONSE -> {
                draining = true;
                preludeReplies = 0;
                onErrorResponse(BackendMessages.parseFields(body));
            }
            case BackendMessages.READY_FOR_QUERY -> {
                draining = false;
                finished = true;
                onReadyForQuery((char) body.readByte());
            }
            default -> throw unexpected(type);
        }
    }

    /** A NoticeResponse arrived while this conversation was at the head of the queue. */
    public void onNoticeResponse(Map<Character, String> fields) {
    }

    /** The current state's name, for protocol-error messages. */
    protected abstract String state();

    /** Delivers a connection or protocol failure to the consumer. */
    protected abstract void onFailure(Throwable error);

    /** Demand returned (on the event loop). */
    protected void onDemand() {
    }

    /** {@link #discard()} took effect (on the event loop). */
    protected void onDiscard() {
    }

    /** The transport this conversation is attached to. */
    protected final Transport transport() {
        Transport t = transport;
        if (t == null) {
            throw new IllegalStateException("Conversation is not attached to a connection");
        }
        return t;
    }

    /** The protocol error for a message that has no place in the current state. */
    protected final R2dbcNonTransientResourceException unexpected(byte type) {
        return new PgProtocolException("Protocol violation: received " + BackendMessages.name(type)
                + " in state " + state() + " of " + getClass().getSimpleName());
    }

    protected void onAuthentication(ByteBuf body) {
        throw unexpected(BackendMessages.AUTHENTICATION);
    }

    protected void onBackendKeyData(ByteBuf body) {
        throw unexpected(BackendMessages.BACKEND_KEY_DATA);
    }

    protected void onNegotiateProtocolVersion(ByteBuf body) {
        throw unexpected(BackendMessages.NEGOTIATE_PROTOCOL_VERSION);
    }

    protected void onParseComplete() {
        throw unexpected(BackendMessages.PARSE_COMPLETE);
    }

    protected void onBindComplete() {
        throw unexpected(BackendMessages.BIND_COMPLETE);
    }

    protected void onCloseComplete() {
        throw unexpected(BackendMessages.CLOSE_COMPLETE);
    }

    protected void onParameterDescription(ByteBuf body) {
        throw unexpected(BackendMessages.PARAMETER_DESCRIPTION);
    }

    protected void onRowDescription(ByteBuf body) {
        throw unexpected(BackendMessages.ROW_DESCRIPTION);
    }

    protected void onNoData() {
        throw unexpected(BackendMessages.NO_DATA);
    }

    protected void onDataRow(ByteBuf body) {
        throw unexpected(BackendMessages.DATA_ROW);
    }

    protected void onCommandComplete(ByteBuf body) {
        throw unexpected(BackendMessages.COMMAND_COMPLETE);
    }

    protected void onEmptyQueryResponse() {
        throw unexpected(BackendMessages.EMPTY_QUERY_RESPONSE);
    }

    protected void onPortalSuspended() {
        throw unexpected(BackendMessages.PORTAL_SUSPENDED);
    }

    protected void onCopyInResponse(ByteBuf body) {
        throw unexpected(BackendMessages.COPY_IN_RESPONSE);
    }

    protected void onCopyOutResponse(ByteBuf body) {
        throw unexpected(BackendMessages.COPY_OUT_RESPONSE);
    }

    protected void onCopyData(ByteBuf body) {
        throw unexpected(BackendMessages.COPY_DATA);
    }

    protected void onCopyDone() {
        throw unexpected(BackendMessages.COPY_DONE);
    }

    /** ErrorResponse; the base already switched to consuming everything up to ReadyForQuery. */
    protected void onErrorResponse(Map<Character, String> fields) {
        throw unexpected(BackendMessages.ERROR_RESPONSE);
    }

    /** ReadyForQuery with the transaction status ('I', 'T' or 'E'); the conversation is finished. */
    protected void onReadyForQuery(char transactionStatus) {
        throw unexpected(BackendMessages.READY_FOR_QUERY);
    }
}
