package dev.r2dbcpg.core.config;

/**
 * One server address. A {@code host} starting with {@code /} is a Unix-domain socket directory, as in
 * libpq; the socket file inside it is {@code .s.PGSQL.<port>}.
 *
 * @param host a host name, an IP literal (IPv6 without brackets) or a socket directory
 * @param port the TCP port, or the number in the socket file name; 1 to 65535
 */
public record HostAndPort(String host, int port) {

    /** The PostgreSQL default port. */
    public static final int DEFAULT_PORT = 5432;

    /**
     * @throws IllegalArgumentException if the host is empty or the port is out of range
     */
    public HostAndPort {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid port number: \"" + port + "\"");
        }
    }

    /** Whether {@link #host()} names a Unix-domain socket directory. */
    public boolean isUnixSocket() {
        return host.startsWith("/");
    }

    /** The socket file for {@link #isUnixSocket()} hosts: {@code <host>/.s.PGSQL.<port>}. */
    public String unixSocketPath() {
        return (host.endsWith("/") ? host : host + "/") + ".s.PGSQL." + port;
    }

    /** {@code host:port}, with IPv6 literals in brackets. */
    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
