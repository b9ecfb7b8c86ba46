package dev.r2dbcpg.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.r2dbcpg.core.config.SslMode;
import dev.r2dbcpg.core.config.TcpSettings;
import dev.r2dbcpg.testing.AuthMethod;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import io.netty.handler.ssl.SslHandler;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.netty.Connection;
import reactor.netty.resources.LoopResources;
import reactor.test.StepVerifier;

/** Socket options and Unix-domain sockets at the client layer, read back from the kernel's socket. */
@ExtendWith(PostgresExtension.class)
class TransportIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private PostgresServer server;
    private ConnectSettings settings;

    @BeforeEach
    void server(PostgresServer server) {
        assumeTrue(server.authMethodsConfigured(), "needs the fixture's trust user");
        this.server = server;
        settings = ConnectSettings.of(server.host(), server.port(), AuthMethod.TRUST.user(), server.database());
    }

    private static final TcpSettings TUNED = new TcpSettings(false, true, Duration.ofSeconds(7),
            Duration.ofSeconds(3), 4, null);

    @Test
    void keepaliveTimersAndNoDelayReachTheSocketOfTheNativeTransport() {
        assumeTrue(Transport.nativeTransport(), "Netty's native epoll transport is not in use");
        NettyPgClient client = (NettyPgClient) PgClient.connect(settings.withTcp(new TcpSettings(false, true,
                Duration.ofSeconds(7), Duration.ofSeconds(3), 4, Duration.ofMillis(4500)))).block(TIMEOUT);
        try {
            Channel channel = client.channel();
            assertThat(channel.config().getOption(ChannelOption.TCP_NODELAY)).isFalse();
            assertThat(channel.config().getOption(ChannelOption.SO_KEEPALIVE)).isTrue();
            assertThat(channel.config().getOption(Transport.epollOption("TCP_KEEPIDLE"))).isEqualTo(7);
            assertThat(channel.config().getOption(Transport.epollOption("TCP_KEEPINTVL"))).isEqualTo(3);
            assertThat(channel.config().getOption(Transport.epollOption("TCP_KEEPCNT"))).isEqualTo(4);
            assertThat(channel.config().getOption(Transport.epollOption("TCP_USER_TIMEOUT"))).isEqualTo(4500);
        } finally {
            client.close().block(TIMEOUT);
        }
    }

    @Test
    void keepaliveTimersReachTheSocketOfTheNioTransport() {
        LoopResources nio = LoopResources.create("transport-it-nio", 1, false);
        try {
            Connection c = Transport.client(settings.withTcp(TUNED), false).runOn(nio, false).connect().block(TIMEOUT);
            try {
                Channel channel = c.channel();
                assertThat(channel).isInstanceOf(io.netty.channel.socket.nio.NioSocketChannel.class);
                assertThat(channel.config().getOption(ChannelOption.TCP_NODELAY)).isFalse();
                assertThat(channel.config().getOption(ChannelOption.SO_KEEPALIVE)).isTrue();
                assertThat(channel.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE)))
                        .isEqualTo(7);
                assertThat(channel.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL)))
                        .isEqualTo(3);
                assertThat(channel.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT)))
                        .isEqualTo(4);
            } finally {
                c.disposeNow(TIMEOUT);
            }
        } finally {
            nio.disposeLater(Duration.ZERO, TIMEOUT).block(TIMEOUT);
        }
    }

    @Test
    void unixSocketsWorkOverTheJdkChannelsOfTheNioTransport() {
        assumeTrue(server.socketDirectory() != null, "the server's socket is not reachable from here");
        LoopResources nio = LoopResources.create("transport-it-nio-unix", 1, false);
        try {
            ConnectSettings unix = ConnectSettings.of(server.socketDirectory().toString(), server.port(),
                    AuthMethod.TRUST.user(), server.database());
            Connection c = Transport.client(unix, false).runOn(nio, false).connect().block(TIMEOUT);
            try {
                assertThat(c.channel().remoteAddress()).isInstanceOf(UnixDomainSocketAddress.class);
                assertThat(c.channel().isActive()).isTrue();
            } finally {
                c.disposeNow(TIMEOUT);
            }
        } finally {
            nio.disposeLater(Duration.ZERO, TIMEOUT).block(TIMEOUT);
        }
    }

    @Test
    void tcpUserTimeoutWithoutTheNativeTransportFailsSayingWhy() {
        TcpSettings timeout = new TcpSettings(true, true, null, null, null, Duration.ofSeconds(5));
        assertThatThrownBy(() -> Transport.client(settings.withTcp(timeout), false))
                .hasMessageContaining("tcp_user_timeout needs Netty's native epoll transport");
    }

    @Test
    void defaultsAreNoDelayAndKeepaliveOn() {
        NettyPgClient client = (NettyPgClient) PgClient.connect(settings).block(TIMEOUT);
        try {
            assertThat(client.channel().config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
            assertThat(client.channel().config().getOption(ChannelOption.SO_KEEPALIVE)).isTrue();
        } finally {
            client.close().block(TIMEOUT);
        }
    }

    @Test
    void keepalivesOffLeavesSoKeepaliveOff() {
        NettyPgClient client = (NettyPgClient) PgClient.connect(settings.withTcp(
                new TcpSettings(true, false, Duration.ofSeconds(7), null, null, null))).block(TIMEOUT);
        try {
            assertThat(client.channel().config().getOption(ChannelOption.SO_KEEPALIVE)).isFalse();
        } finally {
            client.close().block(TIMEOUT);
        }
    }

    @Test
    void unixSocketDirectoryIsJoinedWithThePortLikeLibpq() {
        assumeTrue(server.socketDirectory() != null, "the server's socket is not reachable from here");
        ConnectSettings unix = ConnectSettings.of(server.socketDirectory().toString(), server.port(),
                AuthMethod.TRUST.user(), server.database());
        assertThat(unix.unixSocketPath()).isEqualTo(server.socketDirectory() + "/.s.PGSQL." + server.port());
        NettyPgClient client = (NettyPgClient) PgClient.connect(unix).block(TIMEOUT);
        try {
            assertThat(client.channel().remoteAddress()).isNotInstanceOf(InetSocketAddress.class);
            assertThat(client.serverParameters()).containsKey("server_version");
        } finally {
            client.close().block(TIMEOUT);
        }
    }

    @Test
    void noTlsOverUnixSocketsRequireFailsClearly() {
        assumeTrue(server.socketDirectory() != null, "the server's socket is not reachable from here");
        ConnectSettings unix = ConnectSettings.of(server.socketDirectory().toString(), server.port(),
                AuthMethod.TRUST.user(), server.database());
        PgClient.connect(unix.withTls(TlsSettings.of(SslMode.REQUIRE)))
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("sslmode=require cannot be used with "
                        + "the Unix-domain socket").hasMessageContaining(".s.PGSQL." + server.port()))
                .verify(TIMEOUT);
        for (SslMode mode : new SslMode[] {SslMode.ALLOW, SslMode.PREFER}) {
            PgClient client = PgClient.connect(unix.withTls(TlsSettings.of(mode))).block(TIMEOUT);
            assertThat(client.serverCertificate()).isNull();
            client.close().block(TIMEOUT);
        }
    }

    @Test
    void sslsniOffSendsNoServerNameButVerifyFullStillChecksTheHost() {
        assumeTrue(server.caCertificate() != null, "the server's TLS set-up is not the fixture's");
        // The JDK sends SNI only for dotted names, so the SNI name here is a dotted one (verify-ca: the
        // certificate does not need to name it).
        for (boolean sni : new boolean[] {true, false}) {
            TlsSettings tls = new TlsSettings(SslMode.VERIFY_CA, server.caCertificate(), null, null, null,
                    "db.example.test", false, sni);
            NettyPgClient client = (NettyPgClient) PgClient.connect(settings.withTls(tls)).block(TIMEOUT);
            try {
                SSLEngine engine = client.channel().pipeline().get(SslHandler.class).engine();
                List<SNIServerName> names = engine.getSSLParameters().getServerNames();
                assertThat(names == null ? List.of() : names)
                        .isEqualTo(sni ? List.of(new SNIHostName("db.example.test")) : List.of());
            } finally {
                client.close().block(TIMEOUT);
            }
        }
        TlsSettings full = new TlsSettings(SslMode.VERIFY_FULL, server.caCertificate(), null, null, null, null,
                false, false);
        NettyPgClient client = (NettyPgClient) PgClient.connect(settings.withTls(full)).block(TIMEOUT);
        try {
            assertThat(client.channel().pipeline().get(SslHandler.class).engine().getSSLParameters()
                    .getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        } finally {
            client.close().block(TIMEOUT);
        }
    }

    @Test
    void aMissingSocketFileNamesThePath() {
        ConnectSettings unix = ConnectSettings.of("/nonexistent-dir", 5999, AuthMethod.TRUST.user(), "postgres");
        PgClient.connect(unix)
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("/nonexistent-dir/.s.PGSQL.5999"))
                .verify(TIMEOUT);
    }
}
