package dev.r2dbcpg.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Everything needed to open a connection. Immutable and thread-safe; create one with {@link #builder()},
 * {@link ConnectionStrings#parse(String)} or {@link PgOptions#fromOptions}. Settings not given explicitly
 * are taken from the {@code PG*} environment variables when {@link Builder#build()} runs, then from the
 * defaults listed in {@code docs/connection-options.md}. {@link #toString()} never shows a password.
 */
public final class PgConnectionConfiguration {

    /** Default {@link #applicationName()}. */
    public static final String DEFAULT_APPLICATION_NAME = "r2dbc-pg";
    /**
     * Default {@link #scramMaxIterations()}: far above the server default (4096) and OWASP's 2023
     * advice for PBKDF2-HMAC-SHA256 (600,000), while capping what a hostile server can make the
     * client compute to well under a second of CPU.
     */
    public static final int DEFAULT_SCRAM_MAX_ITERATIONS = 1_000_000;

    /** Added to {@code statementTimeout} for the silent-server watch; see {@link #silentServerTimeout()}. */
    public static final Duration SILENT_SERVER_GRACE = Duration.ofSeconds(5);

    /** The default limit on {@code validate(REMOTE)}. */
    public static final Duration DEFAULT_VALIDATION_TIMEOUT = Duration.ofSeconds(5);

    private final List<HostAndPort> hosts;
    private final String database;
    private final String user;
    private final @Nullable PasswordSource password;
    private final Path passfile;
    private final String applicationName;
    private final Duration connectTimeout;
    private final @Nullable Duration socketTimeout;
    private final Duration validationTimeout;
    private final @Nullable Duration statementTimeout;
    private final @Nullable Duration lockWaitTimeout;
    private final @Nullable Duration idleInTransactionSessionTimeout;
    private final TlsSettings tls;
    private final ChannelBinding channelBinding;
    private final Set<AuthMethod> requireAuth;
    private final int scramMaxIterations;
    private final String krbsrvname;
    private final GssCredentials gssCredentials;
    private final Map<String, String> serverSettings;
    private final @Nullable String options;
    private final @Nullable String currentSchema;
    private final TargetSessionAttrs targetSessionAttrs;
    private final LoadBalanceHosts loadBalanceHosts;
    private final StatementSettings statements;
    private final int maxMessageSize;
    private final int pipelineLimit;
    private final TcpSettings tcp;
    private final ProtocolVersion minProtocolVersion;
    private final ProtocolVersion maxProtocolVersion;

    PgConnectionConfiguration(Builder b, List<HostAndPort> hosts, String user, String database, Path passfile,
                              String applicationName) {
        this.hosts = List.copyOf(hosts);
        this.user = user;
        this.database = database;
        this.password = b.password;
        this.passfile = passfile;
        this.applicationName = applicationName;
        this.connectTimeout = or(b.connectTimeout, Duration.ofSeconds(10));
        this.socketTimeout = b.socketTimeout;
        this.validationTimeout = or(b.validationTimeout, DEFAULT_VALIDATION_TIMEOUT);
        this.statementTimeout = b.statementTimeout;
        this.lockWaitTimeout = b.lockWaitTimeout;
        this.idleInTransactionSessionTimeout = b.idleInTransactionSessionTimeout;
        this.tls = new TlsSettings(or(b.sslMode, SslMode.PREFER), b.sslRootCert, b.sslCert, b.sslKey,
                b.sslPassword == null ? null : b.sslPassword.clone(),
                or(b.sslNegotiation, SslNegotiation.POSTGRES), or(b.sslSni, true));
        this.channelBinding = or(b.channelBinding, ChannelBinding.PREFER);
        this.requireAuth = b.requireAuth == null ? Set.of() : b.requireAuth;
        this.scramMaxIterations = or(b.scramMaxIterations, DEFAULT_SCRAM_MAX_ITERATIONS);
        this.krbsrvname = or(b.krbsrvname, "postgres");
        this.gssCredentials = or(b.gssCredentials, GssCredentials.defaultCache());
        this.serverSettings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.serverSettings));
        this.options = b.options;
        this.currentSchema = b.currentSchema;
        this.targetSessionAttrs = or(b.targetSessionAttrs, TargetSessionAttrs.ANY);
        this.loadBalanceHosts = or(b.loadBalanceHosts, LoadBalanceHosts.DISABLE);
        this.statements = new StatementSettings(or(b.statementCacheSize, 100),
                or(b.maxCachedStatementLifetime, Duration.ofSeconds(300)),
                or(b.maxCacheableStatementSize, 15 * 1024), or(b.fetchSize, 0));
        this.maxMessageSize = or(b.maxMessageSize, 1 << 30);
        this.pipelineLimit = or(b.pipelineLimit, 256);
        this.tcp = new TcpSettings(or(b.tcpNoDelay, true), or(b.tcpKeepAlive, true), b.keepAliveIdle,
                b.keepAliveInterval, b.keepAliveCount, b.tcpUserTimeout);
        this.minProtocolVersion = or(b.minProtocolVersion, ProtocolVersion.V3_0);
        this.maxProtocolVersion = or(b.maxProtocolVersion, ProtocolVersion.V3_2);
        validate();
    }

    private void validate() {
        if (minProtocolVersion.compareTo(maxProtocolVersion) > 0) {
            throw new IllegalArgumentException("min_protocol_version " + minProtocolVersion
                    + " is greater than max_protocol_version " + maxProtocolVersion);
        }
        if (tls.sslNegotiation() == SslNegotiation.DIRECT && tls.sslMode().allowsPlain()) {
            throw new IllegalArgumentException("weak sslmode \"" + tls.sslMode()
                    + "\" may not be used with sslnegotiation=direct (use require, verify-ca, or verify-full)");
        }
        if (channelBinding == ChannelBinding.REQUIRE && tls.sslMode() == SslMode.DISABLE) {
            throw new IllegalArgumentException(
                    "channel_binding=require needs TLS, but sslmode is disable");
        }
    }

    private static <T> T or(@Nullable T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** A builder with nothing set: every setting comes from the environment or the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this configuration's values, all as explicit settings (the environment no longer
     * applies to them).
     */
    public Builder toBuilder() {
        Builder b = new Builder().hosts(hosts).database(database).user(user).passfile(passfile)
                .applicationName(applicationName).connectTimeout(connectTimeout).socketTimeout(socketTimeout)
                .validationTimeout(validationTimeout)
                .statementTimeout(statementTimeout).lockWaitTimeout(lockWaitTimeout)
                .idleInTransactionSessionTimeout(idleInTransactionSessionTimeout)
                .sslMode(tls.sslMode()).sslRootCert(tls.sslRootCert()).sslCert(tls.sslCert())
                .sslKey(tls.sslKey()).sslNegotiation(tls.sslNegotiation()).sslSni(tls.sslSni())
                .channelBinding(channelBinding).requireAuth(requireAuth).scramMaxIterations(scramMaxIterations)
                .krbsrvname(krbsrvname).gssCredentials(gssCredentials)
                .serverSettings(serverSettings).options(options).currentSchema(currentSchema)
                .targetSessionAttrs(targetSessionAttrs).loadBalanceHosts(loadBalanceHosts)
                .statementCacheSize(statements.statementCacheSize()).maxCachedStatementLifetime(statements.maxCachedStatementLifetime())
                .maxCacheableStatementSize(statements.maxCacheableStatementSize()).fetchSize(statements.fetchSize())
                .maxMessageSize(maxMessageSize).pipelineLimit(pipelineLimit).tcp(tcp).minProtocolVersion(minProtocolVersion)
                .maxProtocolVersion(maxProtocolVersion);
        b.password = password;
        char[] sslPassword = tls.sslPassword();
        if (sslPassword != null) {
            b.sslPassword(sslPassword);
        }
        return b;
    }

    /** The hosts to try, in order (or shuffled, see {@link #loadBalanceHosts()}); never empty. */
    public List<HostAndPort> hosts() {
        return hosts;
    }

    /** The database name; defaults to the user name. */
    public String database() {
        return database;
    }

    /** The user name; defaults to {@code PGUSER}, then the {@code user.name} system property. */
    public String user() {
        return user;
    }

    /** The configured password source ({@code PGPASSWORD} included), or null when none is set. */
    public @Nullable PasswordSource password() {
        return password;
    }

    /** The password file consulted when {@link #password()} is null. */
    public Path passfile() {
        return passfile;
    }

    /**
     * The password for a connection attempt to {@code host}: from {@link #password()} when set, otherwise
     * from {@link #passfile()} (read on a bounded-elastic thread, since it is file I/O). Empty when neither
     * yields one. The emitted array is fresh and owned by the subscriber, who should zero it.
     */
    public Mono<char[]> passwordFor(HostAndPort host) {
        if (password != null) {
            return password.password();
        }
        return Mono.fromCallable(() -> PgPassFile.lookup(passfile, host.host(), host.port(), database, user))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** The {@code application_name} sent at startup. */
    public String applicationName() {
        return applicationName;
    }

    /** Limit on TCP connect, TLS handshake and authentication together, per host; {@link Duration#ZERO} = none. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Longest wait for a response to a request once sent, or null for no limit. */
    public @Nullable Duration socketTimeout() {
        return socketTimeout;
    }

    /**
     * How long the connection may go without a byte from the server while the server owes it an answer
     * before the driver cancels the statement and fails the connection: {@link #socketTimeout()} when set;
     * otherwise {@link #statementTimeout()} plus {@link #SILENT_SERVER_GRACE} when that is set (the server
     * itself ends the statement by then, so a server that says nothing is gone); otherwise null, no limit.
     * A consumer that holds back reading is not a silent server.
     */
    public @Nullable Duration silentServerTimeout() {
        if (socketTimeout != null && !socketTimeout.isZero()) {
            return socketTimeout;
        }
        if (statementTimeout != null && !statementTimeout.isZero()) {
            return statementTimeout.plus(SILENT_SERVER_GRACE);
        }
        return null;
    }

    /** The limit on {@code validate(REMOTE)}'s trivial query; default 5 s. */
    public Duration validationTimeout() {
        return validationTimeout;
    }

    /** {@code statement_timeout} set at startup, or null to keep the server's. */
    public @Nullable Duration statementTimeout() {
        return statementTimeout;
    }

    /** {@code lock_timeout} set at startup, or null to keep the server's. */
    public @Nullable Duration lockWaitTimeout() {
        return lockWaitTimeout;
    }

    /** {@code idle_in_transaction_session_timeout} set at startup, or null to keep the server's. */
    public @Nullable Duration idleInTransactionSessionTimeout() {
        return idleInTransactionSessionTimeout;
    }

    /** TLS settings: mode, certificates, key, negotiation. */
    public TlsSettings tls() {
        return tls;
    }

    /** Shortcut for {@code tls().sslMode()}. */
    public SslMode sslMode() {
        return tls.sslMode();
    }

    /** Whether SCRAM channel binding is used. */
    public ChannelBinding channelBinding() {
        return channelBinding;
    }

    /** Authentication methods the server may ask for; empty means any (libpq {@code require_auth}). */
    public Set<AuthMethod> requireAuth() {
        return requireAuth;
    }

    /** Largest SCRAM iteration count accepted from the server; more fails authentication. */
    public int scramMaxIterations() {
        return scramMaxIterations;
    }

    /** The Kerberos service name of the server (libpq {@code krbsrvname}); the principal is {@code name@host}. */
    public String krbsrvname() {
        return krbsrvname;
    }

    /** Where GSSAPI authentication takes its Kerberos credentials from; default the credential cache. */
    public GssCredentials gssCredentials() {
        return gssCredentials;
    }

    /** Extra run-time parameters for the StartupMessage, as given. */
    public Map<String, String> serverSettings() {
        return serverSettings;
    }

    /** libpq's {@code options}: command-line switches for the server, e.g. {@code -c geqo=off}; or null. */
    public @Nullable String options() {
        return options;
    }

    /** The {@code search_path} set at startup, or null. */
    public @Nullable String currentSchema() {
        return currentSchema;
    }

    /** Which host is acceptable when several are given. */
    public TargetSessionAttrs targetSessionAttrs() {
        return targetSessionAttrs;
    }

    /** Whether hosts are tried in order or shuffled. */
    public LoadBalanceHosts loadBalanceHosts() {
        return loadBalanceHosts;
    }

    /** Prepared-statement cache and fetch settings. */
    public StatementSettings statements() {
        return statements;
    }

    /** Largest backend message accepted; a longer length is treated as loss of sync. */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** Most requests in flight on one connection; further ones wait. */
    public int pipelineLimit() {
        return pipelineLimit;
    }

    /** {@code SO_KEEPALIVE} on the socket. */
    public boolean tcpKeepAlive() {
        return tcp.keepAlive();
    }

    /** {@code TCP_NODELAY} on the socket. */
    public boolean tcpNoDelay() {
        return tcp.noDelay();
    }

    /** All socket options of TCP connections (keepalive timers, {@code tcp_user_timeout} ...). */
    public TcpSettings tcp() {
        return tcp;
    }

    /** Oldest protocol version accepted when the server negotiates down. */
    public ProtocolVersion minProtocolVersion() {
        return minProtocolVersion;
    }

    /** Version requested in the StartupMessage. */
    public ProtocolVersion maxProtocolVersion() {
        return maxProtocolVersion;
    }

    /**
     * The parameters this configuration puts in the StartupMessage, in order: {@code user},
     * {@code database}, {@code application_name}, {@code options}, then {@link #serverSettings()}, then
     * {@code search_path}, {@code statement_timeout}, {@code lock_timeout} and
     * {@code idle_in_transaction_session_timeout} (in milliseconds) when set, overriding same-named server
     * settings. Fixed parameters the protocol needs (such as {@code client_encoding}) are the startup
     * conversation's business and are not included.
     */
    public Map<String, String> startupParameters() {
        return StartupParameters.of(this);
    }

    @Override
    public String toString() {
        return "PgConnectionConfiguration{hosts=" + hosts + ", database=" + database + ", user=" + user
                + ", password=" + (password == null ? "<none>" : "<set>") + ", passfile=" + passfile
                + ", applicationName=" + applicationName + ", connectTimeout=" + connectTimeout
                + ", socketTimeout=" + socketTimeout + ", validationTimeout=" + validationTimeout + ", statementTimeout=" + statementTimeout
                + ", lockWaitTimeout=" + lockWaitTimeout
                + ", idleInTransactionSessionTimeout=" + idleInTransactionSessionTimeout + ", " + tls
                + ", channelBinding=" + channelBinding + ", requireAuth=" + requireAuth
                + ", scramMaxIterations=" + scramMaxIterations + ", krbsrvname=" + krbsrvname
                + ", gssCredentials=" + gssCredentials + ", serverSettings=" + serverSettings
                + ", options=" + options + ", currentSchema=" + currentSchema
                + ", targetSessionAttrs=" + targetSessionAttrs + ", loadBalanceHosts=" + loadBalanceHosts
                + ", " + statements + ", maxMessageSize=" + maxMessageSize + ", pipelineLimit=" + pipelineLimit
                + ", tcp=" + tcp
                + ", protocolVersion=" + minProtocolVersion + ".." + maxProtocolVersion + "}";
    }

    /**
     * Collects settings; not thread-safe. Setters validate their argument at once
     * ({@link IllegalArgumentException}); {@link #build()} fills what was not set from the environment
     * and the defaults, and checks settings against each other.
     */
    public static final class Builder implements Cloneable {

        @Nullable List<String> hostNames;
        @Nullable List<Integer> ports;
        @Nullable String database;
        @Nullable String user;
        @Nullable PasswordSource password;
        @Nullable Path passfile;
        @Nullable String applicationName;
        @Nullable String fallbackApplicationName;
        @Nullable Duration connectTimeout;
        @Nullable Duration socketTimeout;
        @Nullable Duration validationTimeout;
        @Nullable Duration statementTimeout;
        @Nullable Duration lockWaitTimeout;
        @Nullable Duration idleInTransactionSessionTimeout;
        @Nullable SslMode sslMode;
        @Nullable Path sslRootCert;
        @Nullable Path sslCert;
        @Nullable Path sslKey;
        char @Nullable [] sslPassword;
        @Nullable SslNegotiation sslNegotiation;
        @Nullable Boolean sslSni;
        @Nullable ChannelBinding channelBinding;
        @Nullable Set<AuthMethod> requireAuth;
        @Nullable Integer scramMaxIterations;
        @Nullable String krbsrvname;
        @Nullable GssCredentials gssCredentials;
        Map<String, String> serverSettings = new LinkedHashMap<>();
        @Nullable String options;
        @Nullable String currentSchema;
        @Nullable TargetSessionAttrs targetSessionAttrs;
        @Nullable LoadBalanceHosts loadBalanceHosts;
        @Nullable Integer statementCacheSize;
        @Nullable Duration maxCachedStatementLifetime;
        @Nullable Integer maxCacheableStatementSize;
        @Nullable Integer fetchSize;
        @Nullable Integer maxMessageSize;
        @Nullable Integer pipelineLimit;
        @Nullable Boolean tcpKeepAlive;
        @Nullable Boolean tcpNoDelay;
        @Nullable Duration keepAliveIdle;
        @Nullable Duration keepAliveInterval;
        @Nullable Integer keepAliveCount;
        @Nullable Duration tcpUserTimeout;
        @Nullable ProtocolVersion minProtocolVersion;
        @Nullable ProtocolVersion maxProtocolVersion;
        @Nullable PgEnvironment environment;

        Builder() {
        }

        /** Hosts with their ports, tried in order; replaces earlier {@link #host} and {@link #port} calls. */
        public Builder hosts(List<HostAndPort> hosts) {
            if (hosts.isEmpty()) {
                throw new IllegalArgumentException("hosts must not be empty");
            }
            this.hostNames = hosts.stream().map(HostAndPort::host).toList();
            this.ports = hosts.stream().map(HostAndPort::port).toList();
            return this;
        }

        /**
         * Host name, IP address or Unix socket directory; a comma-separated list gives several hosts, as in
         * libpq ({@code "db1,db2"}). Ports come from {@link #port}, {@code PGPORT} or 5432.
         */
        public Builder host(String host) {
            List<String> names = new java.util.ArrayList<>();
            for (String name : host.split(",", -1)) {
                names.add(name.trim().isEmpty() ? "localhost" : name.trim());
            }
            this.hostNames = List.copyOf(names);
            return this;
        }

        /** The port of every host. */
        public Builder port(int port) {
            return portList(List.of(HostAndPort.checkPort(port)));
        }

        /** One port per host, or a single port for all; 0 stands for the default port 5432. */
        Builder portList(List<Integer> ports) {
            for (int port : ports) {
                if (port != 0) {
                    HostAndPort.checkPort(port);
                }
            }
            this.ports = List.copyOf(ports);
            return this;
        }

        /** The database; default: the user name. */
        public Builder database(@Nullable String database) {
            this.database = database;
            return this;
        }

        /** The user; default: {@code PGUSER}, then the operating-system user. */
        public Builder user(@Nullable String user) {
            this.user = user;
            return this;
        }

        /** A fixed password; null removes it (then {@code PGPASSWORD} and the password file apply). */
        public Builder password(@Nullable CharSequence password) {
            this.password = password == null ? null : PasswordSource.of(password.toString());
            return this;
        }

        /** A fixed password, copied; the caller may zero its array afterwards. */
        public Builder password(char @Nullable [] password) {
            this.password = password == null ? null : PasswordSource.of(password);
            return this;
        }

        /** A password asked at every connection attempt (rotating credentials). */
        public Builder password(@Nullable PasswordSource password) {
            this.password = password;
            return this;
        }

        /** The password file; default {@code PGPASSFILE}, then {@code ~/.pgpass}. */
        public Builder passfile(@Nullable Path passfile) {
            this.passfile = passfile;
            return this;
        }

        /** {@code application_name}; default {@code PGAPPNAME}, then the fallback, then {@code r2dbc-pg}. */
        public Builder applicationName(@Nullable String applicationName) {
            this.applicationName = applicationName;
            return this;
        }

        /** libpq {@code fallback_application_name}: used when no application name is set anywhere. */
        public Builder fallbackApplicationName(@Nullable String name) {
            this.fallbackApplicationName = name;
            return this;
        }

        /** Limit on connect + TLS + authentication per host; {@link Duration#ZERO} = none. Default 10 s. */
        public Builder connectTimeout(@Nullable Duration timeout) {
            this.connectTimeout = Values.nonNegative("connectTimeout", timeout);
            return this;
        }

        /** Longest wait for a response; null (default) = none. */
        public Builder socketTimeout(@Nullable Duration timeout) {
            this.socketTimeout = Values.nonNegative("socketTimeout", timeout);
            return this;
        }

        /**
         * Limit on {@code validate(REMOTE)} (a trivial query; the pool's validation uses it too): past it
         * the connection counts as invalid. Default 5 s.
         */
        public Builder validationTimeout(@Nullable Duration timeout) {
            Duration t = Values.nonNegative("validationTimeout", timeout);
            if (t != null && t.isZero()) {
                throw new IllegalArgumentException("validationTimeout must be positive");
            }
            this.validationTimeout = t;
            return this;
        }

        /** {@code statement_timeout} at startup; null (default) = the server's. */
        public Builder statementTimeout(@Nullable Duration timeout) {
            this.statementTimeout = Values.nonNegative("statementTimeout", timeout);
            return this;
        }

        /** {@code lock_timeout} at startup; null (default) = the server's. */
        public Builder lockWaitTimeout(@Nullable Duration timeout) {
            this.lockWaitTimeout = Values.nonNegative("lockWaitTimeout", timeout);
            return this;
        }

        /** {@code idle_in_transaction_session_timeout} at startup; null (default) = the server's. */
        public Builder idleInTransactionSessionTimeout(@Nullable Duration timeout) {
            this.idleInTransactionSessionTimeout = Values.nonNegative("idleInTransactionSessionTimeout", timeout);
            return this;
        }

        /** libpq {@code sslmode}; default {@code PGSSLMODE}, then {@link SslMode#PREFER}. */
        public Builder sslMode(@Nullable SslMode sslMode) {
            this.sslMode = sslMode;
            return this;
        }

        /** libpq {@code sslrootcert}. */
        public Builder sslRootCert(@Nullable Path path) {
            this.sslRootCert = path;
            return this;
        }

        /** libpq {@code sslcert}. */
        public Builder sslCert(@Nullable Path path) {
            this.sslCert = path;
            return this;
        }

        /** libpq {@code sslkey}. */
        public Builder sslKey(@Nullable Path path) {
            this.sslKey = path;
            return this;
        }

        /** libpq {@code sslpassword}: the client key's password, copied. */
        public Builder sslPassword(char @Nullable [] password) {
            this.sslPassword = password == null ? null : password.clone();
            return this;
        }

        /** libpq {@code sslpassword}: the client key's password. */
        public Builder sslPassword(@Nullable CharSequence password) {
            this.sslPassword = password == null ? null : password.toString().toCharArray();
            return this;
        }

        /** libpq {@code sslnegotiation}; default {@link SslNegotiation#POSTGRES}. */
        public Builder sslNegotiation(@Nullable SslNegotiation negotiation) {
            this.sslNegotiation = negotiation;
            return this;
        }

        /** libpq {@code sslsni}; default true. */
        public Builder sslSni(boolean sslSni) {
            this.sslSni = sslSni;
            return this;
        }

        /** libpq {@code channel_binding}; default {@link ChannelBinding#PREFER}. */
        public Builder channelBinding(@Nullable ChannelBinding channelBinding) {
            this.channelBinding = channelBinding;
            return this;
        }

        /** Allowed authentication methods (see {@link AuthMethod#parseRequireAuth}); empty = any. */
        public Builder requireAuth(Set<AuthMethod> methods) {
            this.requireAuth = Set.copyOf(methods);
            return this;
        }

        /** Largest SCRAM iteration count accepted; default {@value #DEFAULT_SCRAM_MAX_ITERATIONS}. */
        public Builder scramMaxIterations(int max) {
            this.scramMaxIterations = Values.atLeast("scramMaxIterations", max, 1);
            return this;
        }

        /** libpq {@code krbsrvname}: the server's Kerberos service name; default {@code PGKRBSRVNAME}, then {@code postgres}. */
        public Builder krbsrvname(@Nullable String krbsrvname) {
            if (krbsrvname != null && (krbsrvname.isEmpty() || krbsrvname.contains("@") || krbsrvname.contains("/"))) {
                throw new IllegalArgumentException("invalid krbsrvname \"" + krbsrvname
                        + "\": a service name, without host or realm (such as postgres)");
            }
            this.krbsrvname = krbsrvname;
            return this;
        }

        /** Kerberos credentials for GSSAPI authentication; default {@link GssCredentials#defaultCache()}. */
        public Builder gssCredentials(@Nullable GssCredentials credentials) {
            this.gssCredentials = credentials;
            return this;
        }

        /** Replaces the extra StartupMessage parameters. */
        public Builder serverSettings(Map<String, String> settings) {
            this.serverSettings = new LinkedHashMap<>(settings);
            return this;
        }

        /** Adds one StartupMessage parameter, e.g. {@code ("DateStyle", "ISO")}. */
        public Builder serverSetting(String name, String value) {
            this.serverSettings.put(name, value);
            return this;
        }

        /** libpq {@code options}, e.g. {@code -c geqo=off}; default {@code PGOPTIONS}. */
        public Builder options(@Nullable String options) {
            this.options = options;
            return this;
        }

        /** The {@code search_path} set at startup. */
        public Builder currentSchema(@Nullable String schema) {
            this.currentSchema = schema;
            return this;
        }

        /** libpq {@code target_session_attrs}; default {@link TargetSessionAttrs#ANY}. */
        public Builder targetSessionAttrs(@Nullable TargetSessionAttrs attrs) {
            this.targetSessionAttrs = attrs;
            return this;
        }

        /** libpq {@code load_balance_hosts}; default {@link LoadBalanceHosts#DISABLE}. */
        public Builder loadBalanceHosts(@Nullable LoadBalanceHosts mode) {
            this.loadBalanceHosts = mode;
            return this;
        }

        /** Prepared statements cached per connection; 0 disables. Default 100. */
        public Builder statementCacheSize(int size) {
            this.statementCacheSize = Values.atLeast("statementCacheSize", size, 0);
            return this;
        }

        /** Age after which a cached statement is re-prepared; {@link Duration#ZERO} = no limit. Default 300 s. */
        public Builder maxCachedStatementLifetime(Duration lifetime) {
            this.maxCachedStatementLifetime = Values.nonNegative("maxCachedStatementLifetime", lifetime);
            return this;
        }

        /** Longest SQL text (characters) that is cached. Default 15360. */
        public Builder maxCacheableStatementSize(int size) {
            this.maxCacheableStatementSize = Values.atLeast("maxCacheableStatementSize", size, 0);
            return this;
        }

        /** Rows per {@code Execute}; 0 = all at once. Default 0. */
        public Builder fetchSize(int rows) {
            this.fetchSize = Values.atLeast("fetchSize", rows, 0);
            return this;
        }

        /** Largest backend message accepted, in bytes; at least 8192. Default 1 GiB. */
        public Builder maxMessageSize(int bytes) {
            this.maxMessageSize = Values.atLeast("maxMessageSize", bytes, 8192);
            return this;
        }

        /** Most requests in flight per connection; at least 1. Default 256. */
        public Builder pipelineLimit(int requests) {
            this.pipelineLimit = Values.atLeast("pipelineLimit", requests, 1);
            return this;
        }

        /** {@code SO_KEEPALIVE}; default true (libpq {@code keepalives=1}). */
        public Builder tcpKeepAlive(boolean enabled) {
            this.tcpKeepAlive = enabled;
            return this;
        }

        /** {@code TCP_NODELAY}; default true. */
        public Builder tcpNoDelay(boolean enabled) {
            this.tcpNoDelay = enabled;
            return this;
        }

        /** Sets every TCP socket option at once (see {@link TcpSettings}). */
        public Builder tcp(TcpSettings tcp) {
            this.tcpNoDelay = tcp.noDelay();
            this.tcpKeepAlive = tcp.keepAlive();
            this.keepAliveIdle = tcp.keepAliveIdle();
            this.keepAliveInterval = tcp.keepAliveInterval();
            this.keepAliveCount = tcp.keepAliveCount();
            this.tcpUserTimeout = tcp.userTimeout();
            return this;
        }

        /** libpq {@code keepalives_idle}: idle time before the first keepalive probe; null = the kernel's. */
        public Builder keepAliveIdle(@Nullable Duration idle) {
            this.keepAliveIdle = positiveSeconds("keepalives_idle", idle);
            return this;
        }

        /** libpq {@code keepalives_interval}: time between keepalive probes; null = the kernel's. */
        public Builder keepAliveInterval(@Nullable Duration interval) {
            this.keepAliveInterval = positiveSeconds("keepalives_interval", interval);
            return this;
        }

        /** libpq {@code keepalives_count}: probes lost before the connection is dropped; null = the kernel's. */
        public Builder keepAliveCount(@Nullable Integer count) {
            this.keepAliveCount = count == null ? null : Values.atLeast("keepalives_count", count, 1);
            return this;
        }

        /**
         * libpq {@code tcp_user_timeout}: how long sent data may stay unacknowledged before the connection
         * is dropped; null or zero = the kernel's. Needs Netty's native epoll transport on Linux: without
         * it a connection with this option set fails with an error saying so.
         */
        public Builder tcpUserTimeout(@Nullable Duration timeout) {
            this.tcpUserTimeout = timeout == null || timeout.isZero() ? null : timeout;
            return this;
        }

        private static @Nullable Duration positiveSeconds(String option, @Nullable Duration d) {
            if (d == null || d.isZero()) {
                return null;   // libpq: 0 = the system default
            }
            if (d.toSeconds() < 1 || d.toSeconds() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("invalid value for option '" + option + "': " + d
                        + " (whole seconds, at least 1)");
            }
            return d;
        }

        /** libpq {@code min_protocol_version}; default 3.0. */
        public Builder minProtocolVersion(@Nullable ProtocolVersion version) {
            this.minProtocolVersion = version;
            return this;
        }

        /** libpq {@code max_protocol_version}; default 3.2 (servers before 18 negotiate down to 3.0). */
        public Builder maxProtocolVersion(@Nullable ProtocolVersion version) {
            this.maxProtocolVersion = version;
            return this;
        }

        /** The environment consulted by {@link #build()}; default {@link PgEnvironment#system()}. */
        public Builder environment(PgEnvironment environment) {
            this.environment = environment;
            return this;
        }

        /**
         * Builds the configuration: unset settings come from the environment, then the defaults.
         *
         * @throws IllegalArgumentException if an environment variable holds a bad value, the port count
         *                                  does not match the host count, or settings contradict each other
         */
        public PgConnectionConfiguration build() {
            Builder b = clone();
            PgEnvironment env = environment != null ? environment : PgEnvironment.system();
            env.applyTo(b);
            applyTlsFileDefaults(b, env.tlsDirectory());
            List<HostAndPort> hosts = HostAndPort.pair(b.hostNames, b.ports);
            String user = b.user != null ? b.user : env.osUserName();
            String database = b.database != null ? b.database : user;
            Path passfile = b.passfile != null ? b.passfile : env.defaultPassfile();
            String app = b.applicationName != null ? b.applicationName
                    : b.fallbackApplicationName != null ? b.fallbackApplicationName : DEFAULT_APPLICATION_NAME;
            return new PgConnectionConfiguration(b, hosts, user, database, passfile, app);
        }

        /**
         * libpq's defaults for unset TLS files: {@code root.crt}, {@code postgresql.crt} and
         * {@code postgresql.key} in {@code ~/.postgresql}, each used only if it exists; nothing with
         * {@code sslmode=disable}. (As in libpq, an existing {@code root.crt} makes {@code require} verify
         * the chain like {@code verify-ca}.)
         */
        private static void applyTlsFileDefaults(Builder b, Path dir) {
            if (b.sslMode == SslMode.DISABLE) {
                return;
            }
            if (b.sslRootCert == null) {
                b.sslRootCert = ifExists(dir.resolve("root.crt"));
            }
            if (b.sslCert == null) {
                b.sslCert = ifExists(dir.resolve("postgresql.crt"));
            }
            if (b.sslKey == null) {
                b.sslKey = ifExists(dir.resolve("postgresql.key"));
            }
        }

        private static @Nullable Path ifExists(Path file) {
            return java.nio.file.Files.isRegularFile(file) ? file : null;
        }

        @Override
        protected Builder clone() {
            try {
                Builder copy = (Builder) super.clone();
                copy.serverSettings = new LinkedHashMap<>(serverSettings);
                return copy;
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        /** Lists what is set, without passwords. */
        @Override
        public String toString() {
            return "PgConnectionConfiguration.Builder{hosts=" + hostNames + ", ports=" + ports + ", database="
                    + database + ", user=" + user + ", password=" + (password == null ? "<none>" : "<set>") + "}";
        }
    }
}
