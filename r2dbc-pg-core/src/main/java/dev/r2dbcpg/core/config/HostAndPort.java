package dev.r2dbcpg.core.config;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

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
        checkPort(port);
    }

    /** Whether {@link #host()} names a Unix-domain socket directory. */
    public boolean isUnixSocket() {
        return host.startsWith("/");
    }

    /** The socket file for {@link #isUnixSocket()} hosts: {@code <host>/.s.PGSQL.<port>}. */
    public String unixSocketPath() {
        return (host.endsWith("/") ? host : host + "/") + ".s.PGSQL." + port;
    }

    /** {@code host:port}, with IPv6 literals in brackets; the socket file's path for a Unix-domain socket. */
    @Override
    public String toString() {
        if (isUnixSocket()) {
            return unixSocketPath();
        }
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    static int checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid port number: \"" + port + "\"");
        }
        return port;
    }

    /**
     * Pairs libpq's host and port lists: one port applies to every host, otherwise the counts must match;
     * a port of 0 means {@link #DEFAULT_PORT}. Null lists mean {@code localhost} and the default port.
     */
    static List<HostAndPort> pair(@Nullable List<String> hosts, @Nullable List<Integer> ports) {
        List<String> names = hosts != null ? hosts : List.of("localhost");
        List<Integer> numbers = ports != null ? ports : List.of(DEFAULT_PORT);
        if (numbers.size() != 1 && numbers.size() != names.size()) {
            throw new IllegalArgumentException(
                    "could not match " + numbers.size() + " port numbers to " + names.size() + " hosts");
        }
        List<HostAndPort> result = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            int port = numbers.get(numbers.size() == 1 ? 0 : i);
            result.add(new HostAndPort(names.get(i), port == 0 ? DEFAULT_PORT : port));
        }
        return result;
    }
}
