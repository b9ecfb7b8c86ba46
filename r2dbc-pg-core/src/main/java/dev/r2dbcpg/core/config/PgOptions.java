package dev.r2dbcpg.core.config;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * R2DBC options for everything {@link ConnectionFactoryOptions} does not define, and the mapping from a
 * {@link ConnectionFactoryOptions} to a {@link PgConnectionConfiguration}.
 *
 * <p>Values may be typed (as declared here) or strings, as they arrive from an R2DBC URL query: strings
 * are coerced to numbers, booleans ({@code true/false}, {@code 1/0}, {@code on/off}), durations
 * ({@code PT10S}, {@code 10} seconds, {@code 10s}, {@code 500ms}, {@code 5min}) and enums
 * ({@code verify-full}). libpq keywords ({@code sslmode}, {@code application_name} ...) and
 * r2dbc-postgresql's names ({@code preparedStatementCacheQueries}, {@code schema}, {@code options} as a
 * map) are accepted as aliases. Options this driver does not know are ignored, as R2DBC expects.
 */
public final class PgOptions {

    /** libpq {@code sslmode}. */
    public static final Option<SslMode> SSL_MODE = Option.valueOf("sslMode");
    /** libpq {@code sslrootcert}. */
    public static final Option<Path> SSL_ROOT_CERT = Option.valueOf("sslRootCert");
    /** libpq {@code sslcert}. */
    public static final Option<Path> SSL_CERT = Option.valueOf("sslCert");
    /** libpq {@code sslkey}. */
    public static final Option<Path> SSL_KEY = Option.valueOf("sslKey");
    /** libpq {@code sslpassword}; a {@code CharSequence} or {@code char[]}. */
    public static final Option<CharSequence> SSL_PASSWORD = Option.sensitiveValueOf("sslPassword");
    /** libpq {@code sslnegotiation}. */
    public static final Option<SslNegotiation> SSL_NEGOTIATION = Option.valueOf("sslNegotiation");
    /** libpq {@code sslsni}. */
    public static final Option<Boolean> SSL_SNI = Option.valueOf("sslSni");
    /** libpq {@code channel_binding}. */
    public static final Option<ChannelBinding> CHANNEL_BINDING = Option.valueOf("channelBinding");
    /** libpq {@code require_auth}: a {@code Set<AuthMethod>} or a libpq list such as {@code "!password"}. */
    public static final Option<Set<AuthMethod>> REQUIRE_AUTH = Option.valueOf("requireAuth");
    /** Largest SCRAM iteration count accepted. */
    public static final Option<Integer> SCRAM_MAX_ITERATIONS = Option.valueOf("scramMaxIterations");
    /** libpq {@code passfile}. */
    public static final Option<Path> PASSFILE = Option.valueOf("passfile");
    /** libpq {@code application_name}. */
    public static final Option<String> APPLICATION_NAME = Option.valueOf("applicationName");
    /** Longest wait for a response. */
    public static final Option<Duration> SOCKET_TIMEOUT = Option.valueOf("socketTimeout");
    /** Limit on {@code validate(REMOTE)}; default 5 s. */
    public static final Option<Duration> VALIDATION_TIMEOUT = Option.valueOf("validationTimeout");
    /** {@code idle_in_transaction_session_timeout} at startup. */
    public static final Option<Duration> IDLE_IN_TRANSACTION_SESSION_TIMEOUT =
            Option.valueOf("idleInTransactionSessionTimeout");
    /** Extra StartupMessage parameters: a {@code Map<String,String>} or {@code key=value;key=value}. */
    public static final Option<Map<String, String>> SERVER_SETTINGS = Option.valueOf("serverSettings");
    /** libpq {@code options} (a switch string), or r2dbc-postgresql's map of server settings. */
    public static final Option<Object> OPTIONS = Option.valueOf("options");
    /** {@code search_path} at startup. */
    public static final Option<String> CURRENT_SCHEMA = Option.valueOf("currentSchema");
    /** libpq {@code target_session_attrs}. */
    public static final Option<TargetSessionAttrs> TARGET_SESSION_ATTRS = Option.valueOf("targetSessionAttrs");
    /** libpq {@code load_balance_hosts}. */
    public static final Option<LoadBalanceHosts> LOAD_BALANCE_HOSTS = Option.valueOf("loadBalanceHosts");
    /** Prepared statements cached per connection; 0 disables. */
    public static final Option<Integer> STATEMENT_CACHE_SIZE = Option.valueOf("statementCacheSize");
    /** Age after which a cached statement is re-prepared. */
    public static final Option<Duration> MAX_CACHED_STATEMENT_LIFETIME = Option.valueOf("maxCachedStatementLifetime");
    /** Longest SQL text cached. */
    public static final Option<Integer> MAX_CACHEABLE_STATEMENT_SIZE = Option.valueOf("maxCacheableStatementSize");
    /** Rows per {@code Execute}; 0 = all. */
    public static final Option<Integer> FETCH_SIZE = Option.valueOf("fetchSize");
    /** Largest backend message accepted. */
    public static final Option<Integer> MAX_MESSAGE_SIZE = Option.valueOf("maxMessageSize");
    /** Most requests in flight per connection. */
    public static final Option<Integer> PIPELINE_LIMIT = Option.valueOf("pipelineLimit");
    /** {@code SO_KEEPALIVE}. */
    public static final Option<Boolean> TCP_KEEP_ALIVE = Option.valueOf("tcpKeepAlive");
    /** {@code TCP_NODELAY}. */
    public static final Option<Boolean> TCP_NO_DELAY = Option.valueOf("tcpNoDelay");
    /** libpq {@code min_protocol_version}. */
    public static final Option<ProtocolVersion> MIN_PROTOCOL_VERSION = Option.valueOf("minProtocolVersion");
    /** libpq {@code keepalives_idle}: idle time before the first TCP keepalive probe. */
    public static final Option<Duration> KEEP_ALIVE_IDLE = Option.valueOf("keepAliveIdle");
    /** libpq {@code keepalives_interval}: time between TCP keepalive probes. */
    public static final Option<Duration> KEEP_ALIVE_INTERVAL = Option.valueOf("keepAliveInterval");
    /** libpq {@code keepalives_count}: keepalive probes lost before the connection is dropped. */
    public static final Option<Integer> KEEP_ALIVE_COUNT = Option.valueOf("keepAliveCount");
    /** libpq {@code tcp_user_timeout} (plain numbers are milliseconds); needs the native epoll transport. */
    public static final Option<Duration> TCP_USER_TIMEOUT = Option.valueOf("tcpUserTimeout");
    /** r2dbc-postgresql's {@code socket}: the path of a Unix-domain socket file named {@code .s.PGSQL.<port>}. */
    public static final Option<String> SOCKET = Option.valueOf("socket");

    /** libpq {@code max_protocol_version}. */
    public static final Option<ProtocolVersion> MAX_PROTOCOL_VERSION = Option.valueOf("maxProtocolVersion");

    /**
     * r2dbc-postgresql options this driver does not implement, with the reason: refused with an error
     * rather than ignored, so that a configuration moved from r2dbc-postgresql does not silently behave
     * differently.
     */
    private static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("autodetectExtensions", "codecs are registered through PgConnectionFactory.types()"),
            Map.entry("extensions", "codecs are registered through PgConnectionFactory.types()"),
            Map.entry("codecRegistrar", "codecs are registered through PgConnectionFactory.types()"),
            Map.entry("compatibilityMode", "there is no compatibility mode: every statement uses the extended protocol"),
            Map.entry("forceBinary", "result formats are chosen per column: binary wherever a codec has a binary form"),
            Map.entry("preferAttachedBuffers", "rows always borrow the connection's buffer"),
            Map.entry("errorResponseLogLevel", "errors are signalled, not logged; use a QueryLogger"),
            Map.entry("noticeLogLevel", "notices are delivered to PgConnection listeners, not logged"),
            Map.entry("loopResources", "connections use Reactor Netty's default event loops"),
            Map.entry("sslContextBuilderCustomizer", "TLS is configured with the ssl* options only"),
            Map.entry("sslHostnameVerifier", "verify-full checks the host name (RFC 6125); no custom verifier"),
            Map.entry("hostRecheckTime", "host states are not cached: every connection attempt checks its host"));

    private PgOptions() {
    }

    /**
     * Maps R2DBC options to a configuration: the standard {@code HOST} (also {@code h1:5432,h2:5433} and
     * {@code [::1]}), {@code PORT}, {@code DATABASE}, {@code USER}, {@code PASSWORD} (a CharSequence,
     * {@code char[]}, {@link PasswordSource}, {@code Supplier} or {@code Publisher}), {@code SSL} (true means
     * {@code verify-full} unless {@code sslMode} is given, false means {@code disable}),
     * {@code CONNECT_TIMEOUT}, {@code STATEMENT_TIMEOUT}, {@code LOCK_WAIT_TIMEOUT}, plus every option of
     * this class and its aliases. Unset settings come from the process environment, then the defaults.
     *
     * @throws IllegalArgumentException naming the option when a value cannot be used
     */
    public static PgConnectionConfiguration fromOptions(ConnectionFactoryOptions options) {
        return toBuilder(options).build();
    }

    /** As {@link #fromOptions}, stopping before {@code build()} so that callers can adjust or set an environment. */
    public static PgConnectionConfiguration.Builder toBuilder(ConnectionFactoryOptions options) {
        for (Map.Entry<String, String> unsupported : UNSUPPORTED.entrySet()) {
            if (options.getValue(Option.valueOf(unsupported.getKey())) != null) {
                throw new IllegalArgumentException("r2dbc-postgresql option '" + unsupported.getKey()
                        + "' is not supported by r2dbc-pg: " + unsupported.getValue());
            }
        }
        PgConnectionConfiguration.Builder b = PgConnectionConfiguration.builder();
        Object host = options.getValue(ConnectionFactoryOptions.HOST);
        if (host != null) {
            ConnectionStrings.parseHosts(Values.string("host", host), b);
        }
        for (OptionTable.Entry entry : OptionTable.entries()) {
            if (entry.name().equals("host") || entry.name().equals("ssl")) {
                continue;
            }
            if (entry.name().equals("sslMode")) {
                apply(options, OptionTable.forKey("ssl"), b);   // SSL first, so that an explicit sslMode wins
            }
            apply(options, entry, b);
        }
        return b;
    }

    private static void apply(ConnectionFactoryOptions options, OptionTable.Entry entry,
                              PgConnectionConfiguration.Builder b) {
        for (String name : entry.names()) {
            Object value = options.getValue(Option.valueOf(name));
            if (value != null) {
                entry.apply(b, name, value);
            }
        }
    }
}
