package dev.r2dbcpg.core.client;

import dev.r2dbcpg.core.config.TcpSettings;
import dev.r2dbcpg.core.protocol.Authenticator;
import dev.r2dbcpg.core.protocol.FrontendWriter;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@link PgClient#connect} needs, in Java types the configuration layer maps onto.
 *
 * @param options further startup parameters ({@code search_path}, {@code options}, ...)
 * @param protocolVersion {@link FrontendWriter#PROTOCOL_3_0} or {@link FrontendWriter#PROTOCOL_3_2}
 * @param connectTimeout bounds TCP connect, TLS, startup and authentication together
 * @param socketTimeout fail the connection when an awaited response does not start arriving in time;
 *     null = wait forever
 * @param maxMessageSize the largest backend message accepted (sync-loss guard)
 * @param pipelineLimit requests written but not yet answered; later ones wait unwritten
 * @param authenticator builds the answerer of authentication requests, given the server's TLS leaf
 *     certificate (for SCRAM-PLUS channel binding) or empty without TLS
 * @param errorFactory turns ErrorResponse fields that end the connection (startup errors, admin
 *     shutdown) into the exception reported
 * @param tcp socket options of TCP connections; not used when {@code host} is a Unix-socket directory
 */
public record ConnectSettings(String host, int port, String user, @Nullable String database,
        @Nullable String applicationName, Map<String, String> options, int protocolVersion, TlsSettings tls,
        Duration connectTimeout, @Nullable Duration socketTimeout, int maxMessageSize, int pipelineLimit,
        Function<Optional<X509Certificate>, Authenticator> authenticator,
        Function<Map<Character, String>, ? extends R2dbcException> errorFactory, TcpSettings tcp) {

    /** Default largest backend message: 1 GiB. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 1 << 30;
    /** Default pipelining depth. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 256;

    /** Settings with {@link TcpSettings#defaults()}. */
    public ConnectSettings(String host, int port, String user, @Nullable String database,
            @Nullable String applicationName, Map<String, String> options, int protocolVersion, TlsSettings tls,
            Duration connectTimeout, @Nullable Duration socketTimeout, int maxMessageSize, int pipelineLimit,
            Function<Optional<X509Certificate>, Authenticator> authenticator,
            Function<Map<Character, String>, ? extends R2dbcException> errorFactory) {
        this(host, port, user, database, applicationName, options, protocolVersion, tls, connectTimeout,
                socketTimeout, maxMessageSize, pipelineLimit, authenticator, errorFactory, TcpSettings.defaults());
    }

    public ConnectSettings {
        options = Map.copyOf(options);
        if (port <= 0 || port > 65535 || maxMessageSize < 5 || pipelineLimit < 1) {
            throw new IllegalArgumentException("port, maxMessageSize or pipelineLimit out of range");
        }
    }

    /**
     * Protocol 3.0, no TLS, 10 s connect timeout, no socket timeout, no password (any
     * authentication request fails), errors reported as {@link R2dbcNonTransientResourceException}.
     */
    public static ConnectSettings of(String host, int port, String user, @Nullable String database) {
        return new ConnectSettings(host, port, user, database, null, Map.of(), FrontendWriter.PROTOCOL_3_0,
                TlsSettings.disabled(), Duration.ofSeconds(10), null, DEFAULT_MAX_FRAME_LENGTH, DEFAULT_MAX_IN_FLIGHT,
                certificate -> (code, data) -> CompletableFuture.failedFuture(new R2dbcNonTransientResourceException(
                        "Server requested authentication " + code + " but no credentials were configured")),
                ConnectSettings::defaultError, TcpSettings.defaults());
    }

    /** A copy with other TLS settings. */
    public ConnectSettings withTls(TlsSettings tls) {
        return new ConnectSettings(host, port, user, database, applicationName, options, protocolVersion, tls,
                connectTimeout, socketTimeout, maxMessageSize, pipelineLimit, authenticator, errorFactory, tcp);
    }

    /** A copy with another socket timeout. */
    public ConnectSettings withSocketTimeout(@Nullable Duration socketTimeout) {
        return new ConnectSettings(host, port, user, database, applicationName, options, protocolVersion, tls,
                connectTimeout, socketTimeout, maxMessageSize, pipelineLimit, authenticator, errorFactory, tcp);
    }

    /** A copy with another protocol version. */
    public ConnectSettings withProtocolVersion(int protocolVersion) {
        return new ConnectSettings(host, port, user, database, applicationName, options, protocolVersion, tls,
                connectTimeout, socketTimeout, maxMessageSize, pipelineLimit, authenticator, errorFactory, tcp);
    }

    /** A copy with another pipelining depth. */
    public ConnectSettings withMaxInFlight(int pipelineLimit) {
        return new ConnectSettings(host, port, user, database, applicationName, options, protocolVersion, tls,
                connectTimeout, socketTimeout, maxMessageSize, pipelineLimit, authenticator, errorFactory, tcp);
    }

    /** A copy with another authenticator factory. */
    public ConnectSettings withAuthenticator(Function<Optional<X509Certificate>, Authenticator> authenticator) {
        return new ConnectSettings(host, port, user, database, applicationName, options, protocolVersion, tls,
                connectTimeout, socketTimeout, maxMessageSize, pipelineLimit, authenticator, errorFactory, tcp);
    }

    /** A copy with another error factory. */
    public ConnectSettings withErrorFactory(Function<Map<Character, String>, ? extends R2dbcException> errorFactory) {
        return new ConnectSettings(host, port, user, database, applicationName, options, protocolVersion, tls,
                connectTimeout, socketTimeout, maxMessageSize, pipelineLimit, authenticator, errorFactory, tcp);
    }

    /** A copy with other TCP socket options. */
    public ConnectSettings withTcp(TcpSettings tcp) {
        return new ConnectSettings(host, port, user, database, applicationName, options, protocolVersion, tls,
                connectTimeout, socketTimeout, maxMessageSize, pipelineLimit, authenticator, errorFactory, tcp);
    }

    /** Whether {@link #host()} is a Unix-domain socket directory (it starts with {@code /}, as in libpq). */
    public boolean isUnixSocket() {
        return host.startsWith("/");
    }

    /** The socket file of a {@link #isUnixSocket()} host: {@code <host>/.s.PGSQL.<port>}. */
    public String unixSocketPath() {
        return (host.endsWith("/") ? host : host + "/") + ".s.PGSQL." + port;
    }

    /** {@code host:port}, or the socket file's path for a Unix-domain socket; for messages. */
    public String address() {
        return isUnixSocket() ? unixSocketPath() : host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    private static R2dbcException defaultError(Map<Character, String> fields) {
        return new R2dbcNonTransientResourceException(fields.get('M'), fields.get('C'));
    }
}
