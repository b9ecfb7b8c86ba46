package dev.r2dbcpg.core.client;

import dev.r2dbcpg.core.config.SslMode;
import dev.r2dbcpg.core.protocol.Authenticator;
import dev.r2dbcpg.core.protocol.BackendKeyData;
import dev.r2dbcpg.core.protocol.Conversation;
import dev.r2dbcpg.core.protocol.FrontendWriter;
import dev.r2dbcpg.core.protocol.Notification;
import dev.r2dbcpg.core.protocol.Startup;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/** {@link PgClient} over one Reactor Netty {@link Connection}. */
final class NettyPgClient implements PgClient, PgChannelHandler.ConnectionEvents {

    private static final Logger LOG = LoggerFactory.getLogger(NettyPgClient.class);
    private static final String HANDLER = "pg-protocol";

    private final Connection connection;
    private final Channel channel;
    private final ConnectSettings settings;
    private final PgChannelHandler handler;
    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final List<Consumer<Notification>> notificationListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Map<Character, String>>> noticeListeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<String, String>> parameterListeners = new CopyOnWriteArrayList<>();
    private volatile char transactionStatus = 'I';
    private volatile @Nullable BackendKeyData backendKeyData;
    private volatile int protocolMinorVersion;
    private volatile @Nullable X509Certificate serverCertificate;
    private volatile boolean terminated;
    private final List<Consumer<Throwable>> terminationListeners = new CopyOnWriteArrayList<>();
    private volatile @Nullable Throwable terminationCause;

    private NettyPgClient(Connection connection, ConnectSettings settings) {
        this.connection = connection;
        this.channel = connection.channel();
        this.settings = settings;
        Duration timeout = settings.socketTimeout();
        this.handler = new PgChannelHandler(settings.maxMessageSize(), settings.pipelineLimit(),
                timeout == null ? 0 : timeout.toNanos(), settings.errorFactory(), this);
    }

    static Mono<PgClient> connect(ConnectSettings s) {
        TlsSettings tls = s.tls();
        Mono<PgClient> attempt;
        if (s.isUnixSocket()) {
            // PostgreSQL offers no TLS over Unix-domain sockets: allow/prefer go plain, stronger modes fail.
            attempt = tls.mode().allowsPlain() ? attempt(s, null) : Mono.error(new R2dbcNonTransientResourceException(
                    "sslmode=" + tls.mode() + " cannot be used with the Unix-domain socket " + s.unixSocketPath()
                            + ": PostgreSQL does not offer TLS over Unix-domain sockets"));
        } else {
            attempt = switch (tls.mode()) {
                case DISABLE -> attempt(s, null);
                // allow: cleartext first; if the server rejects that session, retry with TLS.
                case ALLOW -> attempt(s, null).onErrorResume(e -> !isTimeout(e),
                        e -> attempt(s, tls.withMode(SslMode.REQUIRE)));
                default -> attempt(s, tls);
            };
        }
        return attempt.timeout(s.connectTimeout(), Mono.error(() -> new R2dbcNonTransientResourceException(
                "Connection to " + s.address() + " not established within " + s.connectTimeout())));
    }

    private static boolean isTimeout(Throwable e) {
        return e instanceof java.util.concurrent.TimeoutException;
    }

    private static Mono<PgClient> attempt(ConnectSettings s, @Nullable TlsSettings tls) {
        Mono<Optional<SslContext>> context = tls == null ? Mono.just(Optional.empty())
                : Mono.fromCallable(() -> Optional.of(TlsNegotiation.context(tls)))
                        .subscribeOn(Schedulers.boundedElastic())
                        .onErrorMap(e -> !(e instanceof R2dbcException),
                                e -> new R2dbcNonTransientResourceException("Invalid TLS settings: " + e.getMessage(), e));
        return context.flatMap(ssl -> Mono.defer(() -> Transport.client(s).connect())
                .onErrorMap(e -> !(e instanceof R2dbcException), e -> new R2dbcNonTransientResourceException(
                        "Cannot connect to " + s.address() + ": " + e.getMessage(), e))
                .flatMap(connection -> {
                    NettyPgClient client = new NettyPgClient(connection, s);
                    return client.negotiateTls(ssl.orElse(null), tls)
                            .then(Mono.defer(client::startup))
                            .<PgClient>thenReturn(client)
                            .doOnError(e -> connection.dispose())
                            .doOnCancel(connection::dispose);
                }));
    }

    private Mono<Void> negotiateTls(@Nullable SslContext context, @Nullable TlsSettings tls) {
        if (context == null || tls == null) {
            return Mono.empty();
        }
        var sslHandler = TlsNegotiation.newHandler(context, channel, tls, settings.host(), settings.port());
        Mono<Void> negotiation = tls.directNegotiation() ? TlsNegotiation.startTls(channel, sslHandler)
                : TlsNegotiation.sslRequest(channel, sslHandler, tls.mode()).then();
        return negotiation.doOnSuccess(v -> serverCertificate = TlsNegotiation.peerCertificate(channel));
    }

    private Mono<Void> startup() {
        Authenticator authenticator = settings.authenticator().apply(Optional.ofNullable(serverCertificate));
        Startup startup = new Startup(settings.protocolVersion(), settings.user(), settings.database(),
                settings.applicationName(), settings.options(), authenticator, settings.errorFactory());
        onLoop(() -> {
            TlsNegotiation.addBeforeBridge(channel, HANDLER, handler);
            handler.enqueue(startup);
        }, startup);
        return Mono.fromCompletionStage(startup.result()).doOnNext(result -> {
            backendKeyData = result.backendKeyData();
            protocolMinorVersion = result.protocolMinorVersion();
        }).then();
    }

    // ---------------------------------------------------------------- PgClient

    @Override
    public void exchange(Conversation conversation) {
        onLoop(() -> handler.enqueue(conversation), conversation);
    }

    @Override
    public void exchangeFirst(Conversation conversation) {
        if (!channel.eventLoop().inEventLoop()) {
            throw new IllegalStateException("exchangeFirst must be called on the connection's event loop");
        }
        handler.enqueueFirst(conversation);
    }

    private void onLoop(Runnable task, Conversation conversation) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
            return;
        }
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            conversation.fail(new R2dbcNonTransientResourceException("Connection event loop is shut down", e));
        }
    }

    @Override
    public Mono<Void> cancelRequest() {
        return Mono.defer(() -> {
            BackendKeyData key = backendKeyData;
            if (key == null) {
                return Mono.error(new R2dbcNonTransientResourceException(
                        "Server sent no BackendKeyData: this session cannot be cancelled"));
            }
            // A fresh connection; the server reads the packet, signals the backend and closes it.
            return Mono.defer(() -> Transport.client(settings).connect()).flatMap(c -> {
                ByteBuf out = c.channel().alloc().ioBuffer(12 + 256);
                FrontendWriter.writeCancelRequest(out, key.processId(), key.secretKey());
                c.channel().config().setAutoRead(true);
                return c.outbound().sendObject(out).then().then(c.onDispose())
                        .doFinally(signal -> c.dispose());
            }).timeout(settings.connectTimeout()).onErrorMap(e -> !(e instanceof R2dbcException),
                    e -> new R2dbcNonTransientResourceException("CancelRequest failed: " + e, e));
        });
    }

    /**
     * Inside a transaction block a CancelRequest would abort the user's transaction (the server fails the
     * statement with 57014 and the block with it), so there the cancelled request is drained instead: its rows
     * are dropped as they arrive and the connection reads on to ReadyForQuery.
     */
    @Override
    public Mono<Void> cancelIfRunning(Conversation conversation) {
        if (transactionStatus() != 'I') {
            return Mono.empty();
        }
        return Mono.<Boolean>create(sink -> {
            Runnable check = () -> sink.success(handler.beginCancel(conversation));
            if (channel.eventLoop().inEventLoop()) {
                check.run();
            } else {
                channel.eventLoop().execute(check);
            }
        }).flatMap(begun -> !begun ? Mono.<Void>empty() : cancelRequest()
                .doFinally(signal -> channel.eventLoop().execute(handler::endCancel)));
    }

    @Override
    public Mono<Void> close() {
        return Mono.<Void>create(sink -> {
            Runnable close = () -> handler.close().addListener(f -> sink.success());
            if (channel.eventLoop().inEventLoop()) {
                close.run();
            } else {
                channel.eventLoop().execute(close);
            }
        }).doFinally(signal -> connection.dispose());
    }

    /** The channel, for tests of socket options. */
    Channel channel() {
        return channel;
    }

    @Override
    public boolean isConnected() {
        return !terminated && channel.isActive();
    }

    @Override
    public Map<String, String> serverParameters() {
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public int processId() {
        BackendKeyData key = backendKeyData;
        return key == null ? 0 : key.processId();
    }

    @Override
    public char transactionStatus() {
        return handler.hasDeferredBegin() ? 'T' : transactionStatus;
    }

    @Override
    public boolean deferBegin(List<String> statements) {
        return handler.deferBegin(statements);
    }

    @Override
    public boolean withdrawBegin() {
        return handler.withdrawBegin();
    }

    @Override
    public void deferCommands(String sql) {
        handler.deferCommands(sql);
    }

    @Override
    public int protocolMinorVersion() {
        return protocolMinorVersion;
    }

    @Override
    public @Nullable X509Certificate serverCertificate() {
        return serverCertificate;
    }

    @Override
    public Disposable onNotification(Consumer<Notification> listener) {
        notificationListeners.add(listener);
        return () -> notificationListeners.remove(listener);
    }

    @Override
    public Disposable onNotice(Consumer<Map<Character, String>> listener) {
        noticeListeners.add(listener);
        return () -> noticeListeners.remove(listener);
    }

    @Override
    public Disposable onTermination(Consumer<Throwable> listener) {
        terminationListeners.add(listener);
        Throwable cause = terminationCause;
        if (cause != null && terminationListeners.remove(listener)) {
            guard(() -> listener.accept(cause));
        }
        return () -> terminationListeners.remove(listener);
    }

    @Override
    public Disposable onParameterStatus(BiConsumer<String, String> listener) {
        parameterListeners.add(listener);
        return () -> parameterListeners.remove(listener);
    }

    // ---------------------------------------------------------------- ConnectionEvents (event loop)

    @Override
    public void onNotification(Notification notification) {
        for (Consumer<Notification> l : notificationListeners) {
            guard(() -> l.accept(notification));
        }
    }

    @Override
    public void onNotice(Map<Character, String> fields) {
        for (Consumer<Map<Character, String>> l : noticeListeners) {
            guard(() -> l.accept(fields));
        }
    }

    @Override
    public void onParameterStatus(String name, String value) {
        parameters.put(name, value);
        for (BiConsumer<String, String> l : parameterListeners) {
            guard(() -> l.accept(name, value));
        }
    }

    @Override
    public void onTransactionStatus(char status) {
        transactionStatus = status;
    }

    @Override
    public void onSilentServer() {
        // Best effort, before the connection fails: the server may still be running the statement.
        cancelRequest().subscribe(null, e -> LOG.debug("CancelRequest to a silent server failed: {}", e.getMessage()));
    }

    @Override
    public void onTerminated(Throwable cause) {
        terminated = true;
        terminationCause = cause;
        LOG.debug("Connection to {} ended: {}", settings.address(), cause.getMessage());
        for (Consumer<Throwable> l : terminationListeners) {
            if (terminationListeners.remove(l)) {
                guard(() -> l.accept(cause));
            }
        }
    }

    private static void guard(Runnable listenerCall) {
        try {
            listenerCall.run();
        } catch (RuntimeException e) {
            LOG.warn("Connection listener failed", e);
        }
    }
}
