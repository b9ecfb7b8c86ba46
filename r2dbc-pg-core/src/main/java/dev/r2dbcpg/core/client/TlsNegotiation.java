package dev.r2dbcpg.core.client;

import dev.r2dbcpg.core.config.SslMode;
import dev.r2dbcpg.core.protocol.FrontendWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.netty.NettyPipeline;

/** The SSLRequest dance and direct TLS, with libpq's sslmode semantics. */
final class TlsNegotiation {

    static final String SSL_HANDLER = "pg-tls";
    private static final String RESPONSE_HANDLER = "pg-ssl-response";

    private TlsNegotiation() {
    }

    /**
     * Builds the client context; reads certificate files, so call it off the event loop.
     * verify-ca checks the chain only; verify-full also the host name.
     */
    static SslContext context(TlsSettings tls) throws SSLException {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
        boolean verify = tls.mode().compareTo(SslMode.VERIFY_CA) >= 0
                || tls.mode() == SslMode.REQUIRE && tls.rootCertificate() != null;
        if (!verify) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (tls.rootCertificate() != null) {
            b.trustManager(tls.rootCertificate().toFile());
        }
        b.endpointIdentificationAlgorithm(tls.mode() == SslMode.VERIFY_FULL ? "HTTPS" : null);
        if (tls.clientCertificate() != null && tls.clientKey() != null) {
            b.keyManager(tls.clientCertificate().toFile(), tls.clientKey().toFile(), tls.keyPassword());
        }
        if (tls.directNegotiation()) {
            b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.FATAL_ALERT, "postgresql"));
        }
        return b.build();
    }

    static SslHandler newHandler(SslContext context, Channel channel, TlsSettings tls, String host, int port) {
        String peer = tls.hostNameToVerify() != null ? tls.hostNameToVerify() : host;
        SslHandler handler = context.newHandler(channel.alloc(), peer, port);
        if (!tls.sni()) {
            // sslsni=0: the peer name stays for verify-full's host-name check, only the SNI extension goes.
            SSLParameters parameters = handler.engine().getSSLParameters();
            parameters.setServerNames(List.of());
            handler.engine().setSSLParameters(parameters);
        }
        return handler;
    }

    /** Adds {@code handler} first in the pipeline and completes when its handshake succeeded. */
    static Mono<Void> startTls(Channel channel, SslHandler handler) {
        channel.pipeline().addFirst(SSL_HANDLER, handler);
        return awaitHandshake(handler);
    }

    private static Mono<Void> awaitHandshake(SslHandler handler) {
        return Mono.create(sink -> handler.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                sink.success();
            } else {
                sink.error(new R2dbcNonTransientResourceException("TLS handshake failed: " + f.cause().getMessage(),
                        f.cause()));
            }
        }));
    }

    /**
     * Sends SSLRequest and reads the one-byte answer. Emits true when TLS was started (handshake
     * done), false when the server declined and cleartext is acceptable.
     */
    static Mono<Boolean> sslRequest(Channel channel, SslHandler handler, SslMode mode) {
        Mono<Boolean> answer = Mono.create(sink -> channel.eventLoop().execute(() -> {
            addBeforeBridge(channel, RESPONSE_HANDLER, new ResponseHandler(sink, handler, mode));
            ByteBuf out = channel.alloc().ioBuffer(8);
            FrontendWriter.writeSSLRequest(out);
            channel.writeAndFlush(out);
            channel.config().setAutoRead(true);
            channel.read();
        }));
        return answer.flatMap(tls -> tls ? awaitHandshake(handler).thenReturn(true) : Mono.just(false));
    }

    /** Adds an inbound handler in front of Reactor Netty's bridge (which would swallow the bytes). */
    static void addBeforeBridge(Channel channel, String name, io.netty.channel.ChannelHandler handler) {
        if (channel.pipeline().get(NettyPipeline.ReactiveBridge) != null) {
            channel.pipeline().addBefore(NettyPipeline.ReactiveBridge, name, handler);
        } else {
            channel.pipeline().addLast(name, handler);
        }
    }

    /** The server's leaf certificate once the handshake is done, else null. */
    static @Nullable X509Certificate peerCertificate(Channel channel) {
        SslHandler handler = channel.pipeline().get(SslHandler.class);
        if (handler == null) {
            return null;
        }
        try {
            Certificate[] chain = handler.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** Reads exactly the one answer byte; anything after an 'S' before the handshake is an attack. */
    private static final class ResponseHandler extends ChannelInboundHandlerAdapter {
        private final MonoSink<Boolean> sink;
        private final SslHandler sslHandler;
        private final SslMode mode;

        ResponseHandler(MonoSink<Boolean> sink, SslHandler sslHandler, SslMode mode) {
            this.sink = sink;
            this.sslHandler = sslHandler;
            this.mode = mode;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            byte answer;
            int extra;
            try {
                if (!(msg instanceof ByteBuf in) || !in.isReadable()) {
                    return;
                }
                answer = in.readByte();
                extra = in.readableBytes();
            } finally {
                ReferenceCountUtil.release(msg);
            }
            ctx.pipeline().remove(this);
            if (extra > 0) {
                // CVE-2021-23222: bytes injected before the handshake must never be processed.
                sink.error(new R2dbcNonTransientResourceException(
                        "Server sent unencrypted data after its answer to SSLRequest"));
            } else if (answer == 'S') {
                ctx.pipeline().addFirst(SSL_HANDLER, sslHandler);
                sink.success(true);
            } else if (answer == 'N') {
                if (!mode.allowsPlain()) {
                    sink.error(new R2dbcNonTransientResourceException("Server does not support TLS but sslmode is "
                            + mode.name().toLowerCase().replace('_', '-')));
                } else {
                    sink.success(false);
                }
            } else {
                // 'E' and anything else: do not show the unauthenticated server's text.
                sink.error(new R2dbcNonTransientResourceException(String.format(
                        "Server answered SSLRequest with unexpected byte 0x%02x", answer & 0xff)));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            sink.error(new R2dbcNonTransientResourceException("Connection closed during TLS negotiation"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            sink.error(new R2dbcNonTransientResourceException("TLS negotiation failed: " + cause, cause));
        }
    }
}
