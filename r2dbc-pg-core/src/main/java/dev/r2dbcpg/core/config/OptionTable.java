package dev.r2dbcpg.core.config;

import dev.r2dbcpg.core.config.PgConnectionConfiguration.Builder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

/**
 * The one table of options shared by URL/DSN parsing, environment variables and R2DBC options: each
 * entry has our camelCase name, the libpq keyword, the environment variable, aliases, and how a value
 * (string or typed) is applied to a {@link Builder}. {@code docs/connection-options.md} mirrors it.
 */
final class OptionTable {

    /** Applies a value to a builder; {@code option} is the name the user wrote, for error messages. */
    interface Applier {
        void apply(Builder b, String option, Object value);
    }

    /** One option. {@code isSet} tells whether the builder already holds an explicit value. */
    record Entry(String name, @Nullable String libpq, @Nullable String env, List<String> aliases, boolean secret,
                 Predicate<Builder> isSet, Applier applier) {

        /** Applies {@code value}; an empty string means "unset", as in libpq, and is ignored. */
        void apply(Builder b, String option, Object value) {
            if (value instanceof CharSequence cs && cs.length() == 0) {
                return;
            }
            applier.apply(b, option, value);
        }

        /** Every name this entry answers to, aliases first and the canonical name last. */
        List<String> names() {
            List<String> names = new ArrayList<>(aliases);
            if (libpq != null) {
                names.add(libpq);
            }
            names.add(name);
            return names;
        }
    }

    /** libpq keywords we recognise but do not implement: named in a clear error rather than "unknown". */
    private static final Set<String> UNSUPPORTED_LIBPQ = Set.of("hostaddr", "service", "requiressl",
            "sslcompression", "sslcrl", "sslcrldir", "sslcertmode", "sslkeylogfile", "ssl_min_protocol_version",
            "ssl_max_protocol_version", "requirepeer", "gssdelegation",
            "replication",
            "oauth_issuer", "oauth_client_id", "oauth_client_secret", "oauth_scope");

    private static final List<Entry> ENTRIES = List.of(
            entry("host", "host", "PGHOST", b -> b.hostNames != null,
                    (b, o, v) -> b.host(Values.string(o, v))),
            entry("port", "port", "PGPORT", b -> b.ports != null, OptionTable::applyPort),
            entry("database", "dbname", "PGDATABASE", b -> b.database != null,
                    (b, o, v) -> b.database(Values.string(o, v)), "db"),
            entry("user", "user", "PGUSER", b -> b.user != null,
                    (b, o, v) -> b.user(Values.string(o, v)), "username"),
            secret("password", "password", "PGPASSWORD", b -> b.password != null, OptionTable::applyPassword),
            entry("passfile", "passfile", "PGPASSFILE", b -> b.passfile != null,
                    (b, o, v) -> b.passfile(Values.path(o, v))),
            entry("applicationName", "application_name", "PGAPPNAME", b -> b.applicationName != null,
                    (b, o, v) -> b.applicationName(Values.string(o, v))),
            entry("fallbackApplicationName", "fallback_application_name", null, b -> false,
                    (b, o, v) -> b.fallbackApplicationName(Values.string(o, v))),
            entry("connectTimeout", "connect_timeout", "PGCONNECT_TIMEOUT", b -> b.connectTimeout != null,
                    (b, o, v) -> b.connectTimeout(Values.duration(o, v))),
            entry("socketTimeout", null, null, b -> false, (b, o, v) -> b.socketTimeout(Values.duration(o, v))),
            entry("validationTimeout", null, null, b -> false,
                    (b, o, v) -> b.validationTimeout(Values.duration(o, v))),
            entry("statementTimeout", null, null, b -> false,
                    (b, o, v) -> b.statementTimeout(Values.duration(o, v))),
            entry("lockWaitTimeout", null, null, b -> false,
                    (b, o, v) -> b.lockWaitTimeout(Values.duration(o, v)), "lockTimeout"),
            entry("idleInTransactionSessionTimeout", null, null, b -> false,
                    (b, o, v) -> b.idleInTransactionSessionTimeout(Values.duration(o, v))),
            entry("ssl", null, null, b -> false, OptionTable::applySsl),
            entry("sslMode", "sslmode", "PGSSLMODE", b -> b.sslMode != null,
                    (b, o, v) -> b.sslMode(Values.enumValue(o, SslMode.class, v, SslMode::parse))),
            entry("sslRootCert", "sslrootcert", "PGSSLROOTCERT", b -> b.sslRootCert != null,
                    (b, o, v) -> b.sslRootCert(Values.path(o, v))),
            entry("sslCert", "sslcert", "PGSSLCERT", b -> b.sslCert != null,
                    (b, o, v) -> b.sslCert(Values.path(o, v))),
            entry("sslKey", "sslkey", "PGSSLKEY", b -> b.sslKey != null, (b, o, v) -> b.sslKey(Values.path(o, v))),
            secret("sslPassword", "sslpassword", null, b -> false, OptionTable::applySslPassword),
            entry("sslNegotiation", "sslnegotiation", "PGSSLNEGOTIATION", b -> b.sslNegotiation != null,
                    (b, o, v) -> b.sslNegotiation(Values.enumValue(o, SslNegotiation.class, v, SslNegotiation::parse))),
            entry("sslSni", "sslsni", "PGSSLSNI", b -> b.sslSni != null, (b, o, v) -> b.sslSni(Values.bool(o, v))),
            entry("channelBinding", "channel_binding", "PGCHANNELBINDING", b -> b.channelBinding != null,
                    (b, o, v) -> b.channelBinding(Values.enumValue(o, ChannelBinding.class, v, ChannelBinding::parse))),
            entry("requireAuth", "require_auth", "PGREQUIREAUTH", b -> b.requireAuth != null,
                    OptionTable::applyRequireAuth),
            entry("krbsrvname", "krbsrvname", "PGKRBSRVNAME", b -> b.krbsrvname != null,
                    (b, o, v) -> b.krbsrvname(Values.string(o, v))),
            entry("gsslib", "gsslib", "PGGSSLIB", b -> false, OptionTable::applyGsslib),
            entry("gssCredentials", null, null, b -> false, OptionTable::applyGssCredentials),
            entry("gssJaasEntry", null, null, b -> false,
                    (b, o, v) -> b.gssCredentials(GssCredentials.jaasEntry(Values.string(o, v)))),
            entry("gssTicketCache", null, null, b -> false,
                    (b, o, v) -> b.gssCredentials(GssCredentials.ticketCache(Values.path(o, v)))),
            entry("scramMaxIterations", null, null, b -> false,
                    (b, o, v) -> b.scramMaxIterations(Values.integer(o, v))),
            entry("serverSettings", null, null, b -> false,
                    (b, o, v) -> b.serverSettings.putAll(Values.map(o, v))),
            entry("options", "options", "PGOPTIONS", b -> b.options != null, OptionTable::applyOptions),
            entry("currentSchema", null, null, b -> false,
                    (b, o, v) -> b.currentSchema(Values.string(o, v)), "schema", "search_path"),
            entry("targetSessionAttrs", "target_session_attrs", "PGTARGETSESSIONATTRS",
                    b -> b.targetSessionAttrs != null, (b, o, v) -> b.targetSessionAttrs(
                            Values.enumValue(o, TargetSessionAttrs.class, v, TargetSessionAttrs::parse))),
            entry("loadBalanceHosts", "load_balance_hosts", "PGLOADBALANCEHOSTS", b -> b.loadBalanceHosts != null,
                    OptionTable::applyLoadBalanceHosts),
            entry("statementCacheSize", null, null, b -> false,
                    (b, o, v) -> b.statementCacheSize(Values.integer(o, v))),
            entry("preparedStatementCacheQueries", null, null, b -> false, (b, o, v) -> {
                int size = Values.integer(o, v);   // r2dbc-postgresql: -1 = unbounded, 0 = disabled
                if (size < -1) {
                    throw Values.invalid(o, v, "must be -1 (unbounded), 0 (disabled) or a positive size");
                }
                b.statementCacheSize(size == -1 ? Integer.MAX_VALUE : size);
            }),
            entry("maxCachedStatementLifetime", null, null, b -> false,
                    (b, o, v) -> b.maxCachedStatementLifetime(Values.duration(o, v))),
            entry("maxCacheableStatementSize", null, null, b -> false,
                    (b, o, v) -> b.maxCacheableStatementSize(Values.integer(o, v))),
            entry("fetchSize", null, null, b -> false, (b, o, v) -> b.fetchSize(Values.integer(o, v))),
            entry("maxMessageSize", null, null, b -> false, (b, o, v) -> b.maxMessageSize(Values.integer(o, v))),
            entry("pipelineLimit", null, null, b -> false, (b, o, v) -> b.pipelineLimit(Values.integer(o, v))),
            entry("tcpKeepAlive", "keepalives", null, b -> false, (b, o, v) -> b.tcpKeepAlive(Values.bool(o, v))),
            entry("tcpNoDelay", null, null, b -> false, (b, o, v) -> b.tcpNoDelay(Values.bool(o, v))),
            entry("keepAliveIdle", "keepalives_idle", null, b -> false,
                    (b, o, v) -> b.keepAliveIdle(Values.duration(o, v))),
            entry("keepAliveInterval", "keepalives_interval", null, b -> false,
                    (b, o, v) -> b.keepAliveInterval(Values.duration(o, v))),
            entry("keepAliveCount", "keepalives_count", null, b -> false,
                    (b, o, v) -> b.keepAliveCount(Values.integer(o, v))),
            entry("tcpUserTimeout", "tcp_user_timeout", null, b -> false, OptionTable::applyTcpUserTimeout),
            entry("socket", null, null, b -> false, OptionTable::applySocket),
            entry("targetServerType", null, null, b -> false, OptionTable::applyTargetServerType),
            entry("timeZone", null, null, b -> false, OptionTable::applyTimeZone),
            entry("minProtocolVersion", "min_protocol_version", "PGMINPROTOCOLVERSION",
                    b -> b.minProtocolVersion != null, (b, o, v) -> b.minProtocolVersion(
                            Values.enumValue(o, ProtocolVersion.class, v, ProtocolVersion::parse))),
            entry("maxProtocolVersion", "max_protocol_version", "PGMAXPROTOCOLVERSION",
                    b -> b.maxProtocolVersion != null, (b, o, v) -> b.maxProtocolVersion(
                            Values.enumValue(o, ProtocolVersion.class, v, ProtocolVersion::parse))));

    private static final Map<String, Entry> BY_NAME = new HashMap<>();

    static {
        for (Entry e : ENTRIES) {
            for (String n : e.names()) {
                BY_NAME.put(n, e);
                BY_NAME.putIfAbsent(n.toLowerCase(Locale.ROOT), e);
            }
        }
    }

    private OptionTable() {
    }

    static List<Entry> entries() {
        return ENTRIES;
    }

    /**
     * The entry for a key as written in a URL or DSN (our name, libpq keyword or alias; exact, else
     * case-insensitive).
     *
     * @throws IllegalArgumentException naming the key when it is unknown or unsupported
     */
    static Entry forKey(String key) {
        Entry e = BY_NAME.get(key);
        if (e == null) {
            e = BY_NAME.get(key.toLowerCase(Locale.ROOT));
        }
        if (e != null) {
            return e;
        }
        if (UNSUPPORTED_LIBPQ.contains(key) || key.equals("gssencmode")) {
            throw new IllegalArgumentException("libpq connection option \"" + key + "\" is not supported by r2dbc-pg");
        }
        throw new IllegalArgumentException("invalid connection option \"" + key + "\"");
    }

    /** Applies {@code key=value} from a URL or DSN, with libpq's tolerance for {@code gssencmode=disable/prefer}. */
    static void applyKeyword(Builder b, String key, String value) {
        if (key.equals("gssencmode") && (value.equals("disable") || value.equals("prefer"))) {
            return;   // GSS encryption is never attempted, which is what these values allow
        }
        if (key.equals("gssencmode")) {
            throw new IllegalArgumentException("gssencmode=" + value + ": GSS encryption is not supported by r2dbc-pg "
                    + "(GSSAPI authentication is; encrypt with sslmode instead)");
        }
        forKey(key).apply(b, key, value);
    }

    private static Entry entry(String name, @Nullable String libpq, @Nullable String env, Predicate<Builder> isSet,
                               Applier applier, String... aliases) {
        return new Entry(name, libpq, env, List.of(aliases), false, isSet, applier);
    }

    private static Entry secret(String name, @Nullable String libpq, @Nullable String env, Predicate<Builder> isSet,
                                Applier applier) {
        return new Entry(name, libpq, env, List.of(), true, isSet, applier);
    }

    /** libpq counts {@code tcp_user_timeout} in milliseconds: a plain number is milliseconds here. */
    private static void applyTcpUserTimeout(Builder b, String option, Object value) {
        if (value instanceof Number n && !(value instanceof Integer || value instanceof Long)) {
            throw Values.invalid(option, value, "expected milliseconds or a duration");
        }
        boolean plain = value instanceof Integer || value instanceof Long
                || value instanceof CharSequence cs && cs.toString().trim().matches("[0-9]+");
        b.tcpUserTimeout(plain ? Duration.ofMillis(Long.parseLong(value.toString().trim()))
                : Values.duration(option, value));
    }

    /**
     * r2dbc-postgresql's {@code socket}: the path of the socket file itself. libpq names the directory
     * and derives the file name {@code .s.PGSQL.<port>}, so the file must be named that way.
     */
    private static void applySocket(Builder b, String option, Object value) {
        String path = Values.path(option, value).toString();
        int slash = path.lastIndexOf('/');
        String file = path.substring(slash + 1);
        if (!path.startsWith("/") || !file.matches("\\.s\\.PGSQL\\.[0-9]{1,5}")) {
            throw Values.invalid(option, value, "expected the absolute path of a socket file named .s.PGSQL.<port>");
        }
        b.host(slash == 0 ? "/" : path.substring(0, slash));
        b.port(Values.integer(option, file.substring(".s.PGSQL.".length())));
    }

    /** r2dbc-postgresql's (and pgjdbc's) {@code targetServerType}, mapped onto {@code target_session_attrs}. */
    private static void applyTargetServerType(Builder b, String option, Object value) {
        if (value instanceof TargetSessionAttrs attrs) {
            b.targetSessionAttrs(attrs);
            return;
        }
        String s = Values.string(option, value).trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        b.targetSessionAttrs(switch (s) {
            case "any" -> TargetSessionAttrs.ANY;
            case "primary", "master" -> TargetSessionAttrs.PRIMARY;
            case "secondary", "standby", "slave" -> TargetSessionAttrs.STANDBY;
            case "prefersecondary", "preferstandby", "preferslave" -> TargetSessionAttrs.PREFER_STANDBY;
            case "readwrite" -> TargetSessionAttrs.READ_WRITE;
            case "readonly" -> TargetSessionAttrs.READ_ONLY;
            default -> throw Values.invalid(option, value,
                    "expected any, primary, secondary, preferSecondary (or a target_session_attrs value)");
        });
    }

    /** r2dbc-postgresql's {@code timeZone}: the session's {@code TimeZone}, sent at startup. */
    private static void applyTimeZone(Builder b, String option, Object value) {
        String zone = value instanceof java.util.TimeZone tz ? tz.getID()
                : value instanceof java.time.ZoneId id ? id.getId() : Values.string(option, value);
        b.serverSettings.put("TimeZone", zone);
    }

    /** libpq's {@code disable}/{@code random}, or r2dbc-postgresql's boolean (true = random). */
    private static void applyLoadBalanceHosts(Builder b, String option, Object value) {
        if (value instanceof Boolean on) {
            b.loadBalanceHosts(on ? LoadBalanceHosts.RANDOM : LoadBalanceHosts.DISABLE);
        } else if (value instanceof CharSequence cs && (cs.toString().equalsIgnoreCase("true")
                || cs.toString().equalsIgnoreCase("false"))) {
            b.loadBalanceHosts(Boolean.parseBoolean(cs.toString()) ? LoadBalanceHosts.RANDOM : LoadBalanceHosts.DISABLE);
        } else {
            b.loadBalanceHosts(Values.enumValue(option, LoadBalanceHosts.class, value, LoadBalanceHosts::parse));
        }
    }

    /** libpq {@code gsslib}: only {@code gssapi} (the JDK's JGSS) exists on a JVM; SSPI is Windows-native. */
    private static void applyGsslib(Builder b, String option, Object value) {
        String lib = Values.string(option, value).trim();
        if (!lib.isEmpty() && !lib.equalsIgnoreCase("gssapi")) {
            throw Values.invalid(option, value, "only \"gssapi\" is available (SSPI needs Windows' native library, "
                    + "which a JVM does not offer)");
        }
    }

    /**
     * A {@link GssCredentials}, or in a URL {@code keytab:<path>:<principal>} (the principal after the last
     * colon).
     */
    private static void applyGssCredentials(Builder b, String option, Object value) {
        if (value instanceof GssCredentials credentials) {
            b.gssCredentials(credentials);
            return;
        }
        String text = Values.string(option, value);
        int colon = text.lastIndexOf(':');
        if (!text.startsWith("keytab:") || colon <= "keytab:".length() || colon == text.length() - 1) {
            throw Values.invalid(option, value, "expected a GssCredentials or keytab:<path>:<principal>");
        }
        b.gssCredentials(GssCredentials.keytab(java.nio.file.Path.of(text.substring("keytab:".length(), colon)),
                text.substring(colon + 1)));
    }

    private static void applyPort(Builder b, String option, Object value) {
        if (!(value instanceof CharSequence)) {
            b.port(Values.integer(option, value));
            return;
        }
        List<Integer> ports = new ArrayList<>();
        for (String part : value.toString().split(",", -1)) {
            ports.add(part.isBlank() ? 0 : Values.integer(option, part));
        }
        try {
            b.portList(ports);
        } catch (IllegalArgumentException e) {
            throw Values.invalid(option, value, "ports must be 1 to 65535");
        }
    }

    @SuppressWarnings("unchecked")
    private static void applyPassword(Builder b, String option, Object value) {
        if (value instanceof PasswordSource source) {
            b.password(source);
        } else if (value instanceof CharSequence cs) {
            b.password(cs);
        } else if (value instanceof char[] chars) {
            b.password(chars);
        } else if (value instanceof Supplier<?> supplier) {
            b.password(PasswordSource.of((Supplier<? extends CharSequence>) supplier));
        } else if (value instanceof Publisher<?> publisher) {
            b.password(PasswordSource.of((Publisher<? extends CharSequence>) publisher));
        } else {
            throw new IllegalArgumentException("invalid value for option '" + option + "': expected a CharSequence, "
                    + "char[], PasswordSource, Supplier or Publisher, got " + value.getClass().getName());
        }
    }

    private static void applySslPassword(Builder b, String option, Object value) {
        if (value instanceof char[] chars) {
            b.sslPassword(chars);
        } else if (value instanceof CharSequence cs) {
            b.sslPassword(cs);
        } else {
            throw new IllegalArgumentException("invalid value for option '" + option
                    + "': expected a CharSequence or char[], got " + value.getClass().getName());
        }
    }

    /** R2DBC's {@code ssl}: true means verify-full (as r2dbc-postgresql), false means disable; sslMode wins. */
    private static void applySsl(Builder b, String option, Object value) {
        if (b.sslMode == null) {
            b.sslMode(Values.bool(option, value) ? SslMode.VERIFY_FULL : SslMode.DISABLE);
        }
    }

    private static void applyRequireAuth(Builder b, String option, Object value) {
        if (value instanceof Set<?> set) {
            b.requireAuth(Set.copyOf(Arrays.asList(set.toArray(AuthMethod[]::new))));
            return;
        }
        try {
            b.requireAuth(AuthMethod.parseRequireAuth(Values.string(option, value)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid value for option '" + option + "': " + e.getMessage(), e);
        }
    }

    /**
     * {@code options} is libpq's switch string ({@code -c geqo=off}); r2dbc-postgresql uses the same name
     * for a map of server settings, given as a {@link Map} or as {@code key=value;key=value}. A string
     * that does not start with {@code -} and contains {@code =} is read the r2dbc-postgresql way.
     */
    private static void applyOptions(Builder b, String option, Object value) {
        if (value instanceof Map<?, ?>) {
            b.serverSettings.putAll(Values.map(option, value));
            return;
        }
        String s = Values.string(option, value);
        if (!s.trim().startsWith("-") && s.contains("=")) {
            b.serverSettings.putAll(Values.map(option, s));
        } else {
            b.options(s);
        }
    }
}
