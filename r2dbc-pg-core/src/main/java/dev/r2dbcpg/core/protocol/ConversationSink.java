package dev.r2dbcpg.core.protocol;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * Where a query conversation delivers what the server answered. Implemented by the SPI layer.
 * All methods are called on the connection's event loop, in protocol order. {@link #onComplete()}
 * (after ReadyForQuery) or {@link #onError(Throwable)} (connection or protocol failure) is called
 * exactly once and last. Server errors are not terminal: {@link #onServerError(Map)} is followed by
 * {@link #onComplete()} once the server is ready again.
 */
public interface ConversationSink {

    /** ParseComplete: the statement now exists on the server (mark it cached only now). */
    default void onParseComplete() {
    }

    /** ParameterDescription of a prepared statement: the parameter type OIDs. */
    default void onParameterDescription(int[] typeOids) {
    }

    /** RowDescription: the columns of the rows that follow. */
    void onRowDescription(RowDescription description);

    /** NoData: the statement or portal returns no rows. */
    default void onNoData() {
    }

    /**
     * One DataRow body (Int16 column count, then per column Int32 length and bytes).
     *
     * @param row borrowed: the connection's buffer, its readable bytes windowed on the row; valid during the call
     *     only. A sink that keeps the row retains the buffer and reads it at absolute indexes, because the
     *     buffer's reader and writer indexes move on after the call (its bytes up to the row's end stay as they
     *     are while it is retained).
     */
    void onDataRow(ByteBuf row);

    /** CommandComplete: one statement finished; {@code rowsAffected} is -1 when the tag has no count. */
    void onCommandComplete(String tag, long rowsAffected);

    /** EmptyQueryResponse: the query string (or one statement of it) was empty. */
    default void onEmptyQueryResponse() {
    }

    /** PortalSuspended: {@code maxRows} rows were sent; more follow when demand allows. */
    default void onPortalSuspended() {
    }

    /**
     * CopyData of a {@code COPY ... TO STDOUT} run through a query.
     *
     * @param data ownership is transferred: the sink must release it
     */
    void onCopyData(ByteBuf data);

    /** NoticeResponse received while this conversation was at the head of the queue. */
    default void onNotice(Map<Character, String> fields) {
    }

    /** ErrorResponse: the raw fields; the server skips the rest of the request and then becomes ready. */
    void onServerError(Map<Character, String> fields);

    /**
     * An ErrorResponse while the batch was running binding {@code binding} (0-based, in {@code add()} order);
     * by default, the same as {@link #onServerError}.
     */
    default void onBindingError(int binding, Map<Character, String> fields) {
        onServerError(fields);
    }

    /** The conversation ended normally (ReadyForQuery received). */
    void onComplete();

    /** The conversation failed without a server answer: connection lost or protocol violation. */
    void onError(Throwable error);

    /**
     * Whether the consumer wants more rows now. Polled on the event loop after each message; when
     * false the connection stops reading until {@link Conversation#requestMore()} is called.
     */
    default boolean hasDemand() {
        return true;
    }
}
