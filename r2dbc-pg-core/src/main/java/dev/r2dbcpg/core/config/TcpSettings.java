package dev.r2dbcpg.core.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Socket options of a TCP connection, with libpq's names. None of them applies to Unix-domain sockets
 * (libpq ignores them there too). A null value keeps the operating system's default.
 *
 * @param noDelay {@code TCP_NODELAY}
 * @param keepAlive {@code SO_KEEPALIVE}, libpq {@code keepalives}
 * @param keepAliveIdle idle time before the first probe, libpq {@code keepalives_idle} ({@code TCP_KEEPIDLE})
 * @param keepAliveInterval time between probes, libpq {@code keepalives_interval} ({@code TCP_KEEPINTVL})
 * @param keepAliveCount probes lost before the connection is dropped, libpq {@code keepalives_count}
 *     ({@code TCP_KEEPCNT})
 * @param userTimeout how long sent data may stay unacknowledged, libpq {@code tcp_user_timeout}
 *     ({@code TCP_USER_TIMEOUT}, Linux only; needs Netty's native epoll transport)
 */
public record TcpSettings(boolean noDelay, boolean keepAlive, @Nullable Duration keepAliveIdle,
        @Nullable Duration keepAliveInterval, @Nullable Integer keepAliveCount, @Nullable Duration userTimeout) {

    /** The defaults: {@code TCP_NODELAY} and {@code SO_KEEPALIVE} on, the kernel's keepalive timers. */
    public static TcpSettings defaults() {
        return new TcpSettings(true, true, null, null, null, null);
    }
}
