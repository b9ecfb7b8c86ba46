package dev.r2dbcpg.core.client;

import dev.r2dbcpg.core.config.TcpSettings;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import java.net.SocketOption;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.jspecify.annotations.Nullable;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpClient;

/**
 * Builds the Reactor Netty client of one connection: a Unix-domain socket for a host starting with
 * {@code /} (the JDK's Unix-domain channels through Netty's NIO transport, or Netty's native epoll
 * transport when it is on the class path), TCP otherwise, with the socket options of {@link TcpSettings}.
 * Keepalive timers go through the native transport's options where it is in use, otherwise through the
 * JDK's {@link ExtendedSocketOptions}; {@code TCP_USER_TIMEOUT} exists only in the native transport.
 */
final class Transport {

    /** Whether Reactor Netty runs on Netty's native epoll transport (it prefers it when available). */
    private static final boolean EPOLL = LoopResources.hasNativeSupport() && epollAvailable();
    private static final String EPOLL_OPTION = "io.netty.channel.epoll.EpollChannelOption#";

    private Transport() {
    }

    /**
     * @throws IllegalArgumentException when {@code tcp_user_timeout} is set and the native epoll transport
     *     is not in use
     */
    static TcpClient client(ConnectSettings s) {
        return client(s, EPOLL);
    }

    /**
     * As {@link #client(ConnectSettings)}, with the options of the given transport: the native epoll one,
     * or NIO (the caller then runs the client on NIO loops; tests do).
     */
    static TcpClient client(ConnectSettings s, boolean epoll) {
        int connectMillis = (int) Math.min(Integer.MAX_VALUE, s.connectTimeout().toMillis());
        TcpClient client = TcpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis);
        if (s.isUnixSocket()) {
            // Keepalive and Nagle do not exist for Unix-domain sockets; libpq ignores them there too.
            UnixDomainSocketAddress address = UnixDomainSocketAddress.of(s.unixSocketPath());
            return client.remoteAddress(() -> epoll ? nativeAddress(address) : address);
        }
        TcpSettings tcp = s.tcp();
        client = client.host(s.host()).port(s.port())
                .option(ChannelOption.TCP_NODELAY, tcp.noDelay())
                .option(ChannelOption.SO_KEEPALIVE, tcp.keepAlive());
        if (tcp.keepAlive()) {
            client = intOption(client, epoll, "TCP_KEEPIDLE", ExtendedSocketOptions.TCP_KEEPIDLE,
                    seconds(tcp.keepAliveIdle()));
            client = intOption(client, epoll, "TCP_KEEPINTVL", ExtendedSocketOptions.TCP_KEEPINTERVAL,
                    seconds(tcp.keepAliveInterval()));
            client = intOption(client, epoll, "TCP_KEEPCNT", ExtendedSocketOptions.TCP_KEEPCOUNT, tcp.keepAliveCount());
        }
        if (tcp.userTimeout() != null) {
            if (!epoll) {
                throw new IllegalArgumentException("tcp_user_timeout needs Netty's native epoll transport on Linux "
                        + "(add io.netty:netty-transport-native-epoll with the linux classifier to the class path)");
            }
            client = client.option(epollOption("TCP_USER_TIMEOUT"),
                    (int) Math.min(Integer.MAX_VALUE, tcp.userTimeout().toMillis()));
        }
        return client;
    }

    /** Whether connections use the native epoll transport; for tests and messages. */
    static boolean nativeTransport() {
        return EPOLL;
    }

    /** The channel option of the native transport named {@code name} (a constant of EpollChannelOption). */
    static ChannelOption<Integer> epollOption(String name) {
        return ChannelOption.valueOf(EPOLL_OPTION + name);
    }

    private static TcpClient intOption(TcpClient client, boolean epoll, String epollName,
            SocketOption<Integer> jdkOption, @Nullable Integer value) {
        if (value == null) {
            return client;
        }
        return client.option(epoll ? epollOption(epollName) : NioChannelOption.of(jdkOption), value);
    }

    private static @Nullable Integer seconds(@Nullable Duration d) {
        return d == null ? null : (int) Math.min(Integer.MAX_VALUE, d.toSeconds());
    }

    private static boolean epollAvailable() {
        try {
            Class<?> epoll = Class.forName("io.netty.channel.epoll.Epoll", false, Transport.class.getClassLoader());
            return (Boolean) epoll.getMethod("isAvailable").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }

    /** Netty's own {@code DomainSocketAddress}, which the native transport expects. */
    private static java.net.SocketAddress nativeAddress(UnixDomainSocketAddress address) {
        try {
            Class<?> type = Class.forName("io.netty.channel.unix.DomainSocketAddress");
            return (java.net.SocketAddress) type.getConstructor(String.class).newInstance(address.getPath().toString());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Netty's native transport has no DomainSocketAddress", e);
        }
    }
}
