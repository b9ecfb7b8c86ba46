package dev.r2dbcpg.core.client;

import dev.r2dbcpg.core.protocol.Conversation;
import dev.r2dbcpg.core.protocol.Notification;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * One open session with a PostgreSQL backend. The SPI layer builds {@link Conversation}s and hands
 * them to {@link #exchange}; answers come back through each conversation's sink, on the
 * connection's event loop. Requests are pipelined: they are written in call order without
 * waiting for earlier answers, and answered in the same order.
 */
public interface PgClient {

    /**
     * Opens a connection: TCP, TLS as {@link TlsSettings} says, StartupMessage and authentication,
     * up to the first ReadyForQuery, all bounded by {@link ConnectSettings#connectTimeout()}.
     * Fails with an {@code R2dbcException}; a startup ErrorResponse is mapped by
     * {@link ConnectSettings#errorFactory()}.
     */
    static Mono<PgClient> connect(ConnectSettings settings) {
        return NettyPgClient.connect(settings);
    }

    /**
     * Queues a request. Safe from any thread; never blocks. If the connection is already closed or
     * fails later, the conversation is failed with an {@code R2dbcNonTransientResourceException}.
     */
    void exchange(Conversation conversation);

    /**
     * Queues a request ahead of all waiting ones. Only from the event loop, inside the completion of a
     * conversation that blocked the pipeline ({@link Conversation#isPipelinable()} false), so that a
     * request made of two conversations (Prepare, then Bind/Execute) is not split by others.
     *
     * @throws IllegalStateException when called off the event loop
     */
    void exchangeFirst(Conversation conversation);

    /**
     * Sends a CancelRequest for whatever this session is running, over a new connection. Completes
     * when the server closed that connection; the cancelled request fails with SQLSTATE 57014.
     */
    Mono<Void> cancelRequest();

    /**
     * Sends a CancelRequest for {@code conversation} if it is the only request on the wire and still running
     * on the server, outside a transaction block, and holds every later request until the cancel is done, so
     * that a late cancel cannot hit them. Otherwise does nothing: a discarded conversation then reads on to its
     * end (inside a transaction block a cancel would abort the user's transaction).
     */
    Mono<Void> cancelIfRunning(Conversation conversation);

    /** Sends Terminate and closes the channel; pending requests fail. Idempotent. */
    Mono<Void> close();

    /** Whether the connection is open and has not failed. */
    boolean isConnected();

    /** The server's reported parameters ({@code server_version}, {@code TimeZone}, ...), live and unmodifiable. */
    Map<String, String> serverParameters();

    /** Backend process id from BackendKeyData, or 0 when the server sent none. */
    int processId();

    /** Transaction status of the last ReadyForQuery: 'I' idle, 'T' in transaction, 'E' failed transaction. */
    char transactionStatus();

    /**
     * Defers {@code statements} ({@code BEGIN ...} and its {@code SET LOCAL}s) to ride ahead of the next request:
     * in its own sync segment when it is an extended-protocol statement (an error in them then fails that
     * statement), otherwise as a Query of its own in the same flush. While deferred, {@link #transactionStatus()}
     * reports {@code 'T'}. Safe from any thread.
     *
     * @return false, changing nothing, when a BEGIN is already deferred
     */
    boolean deferBegin(List<String> statements);

    /** Takes back a deferred BEGIN that was not written yet; whether there was one. Safe from any thread. */
    boolean withdrawBegin();

    /**
     * Defers commands that need no answer (the pool's session reset) to ride ahead of the next request, as a
     * Query of its own in the same flush; a server error in them ends the connection. Safe from any thread.
     */
    void deferCommands(String sql);

    /** Minor protocol version in use (0 or 2). */
    int protocolMinorVersion();

    /** The server's TLS leaf certificate, or null without TLS. */
    @Nullable X509Certificate serverCertificate();

    /** Registers a NOTIFY listener, called on the event loop; dispose to unregister. */
    Disposable onNotification(Consumer<Notification> listener);

    /** Registers a NoticeResponse listener, called on the event loop; dispose to unregister. */
    Disposable onNotice(Consumer<Map<Character, String>> listener);

    /**
     * Registers a listener for the end of the connection (closed by either side, network failure,
     * protocol violation), called once with the cause on the event loop; at once when the connection
     * already ended. Dispose to unregister.
     */
    Disposable onTermination(Consumer<Throwable> listener);

    /** Registers a ParameterStatus listener (name, value), called on the event loop; dispose to unregister. */
    Disposable onParameterStatus(BiConsumer<String, String> listener);
}
