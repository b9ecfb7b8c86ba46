package dev.r2dbcpg.testing;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plain Java entry point to the test server, for callers outside JUnit (examples, benchmarks).
 *
 * <p>Which server: {@code PG_TEST_URL} (environment variable, or system property {@code pg.test.url})
 * names an external one; otherwise, with {@code -Dpg.binaries=system}, the operating system's binaries
 * (see {@link #system(int)}); otherwise a Testcontainers container when Testcontainers is on the class
 * path and a Docker engine answers (unless {@code -Dpg.embedded=true}); otherwise the bundled embedded
 * binaries. The version is {@code -Dpg.version} (13 to 18, default 18). Each server is started once per
 * JVM, shared, and stopped when the JVM exits.
 *
 * <p>Tests that need something only the system's PostgreSQL has (an extension installed from
 * operating-system packages, such as PostGIS) ask for {@link #system(int)} directly, after
 * {@link #systemUnavailable(int)} tells them whether to skip:
 *
 * <pre>{@code
 * PostgresFixture.systemUnavailable(15).ifPresent(Assumptions::abort);
 * PostgresServer server = PostgresFixture.system(15);
 * }</pre>
 */
public final class PostgresFixture {

    /** The PostgreSQL major used when {@code -Dpg.version} is not given. */
    public static final int DEFAULT_VERSION = 18;

    private static final Logger LOG = LoggerFactory.getLogger(PostgresFixture.class);
    private static final Map<Integer, PostgresServer> SERVERS = new ConcurrentHashMap<>();
    private static final Map<Integer, PostgresServer> SYSTEM_SERVERS = new ConcurrentHashMap<>();

    private static @Nullable PostgresPair sharedPair;

    private PostgresFixture() {
    }

    /** The server for {@code -Dpg.version} (or the external one), starting it on first use. */
    public static PostgresServer shared() {
        return start(configuredVersion());
    }

    /**
     * A server of the given major version, started on first use and shared afterwards. With
     * {@code PG_TEST_URL} set, that server is returned whatever its version.
     */
    public static PostgresServer start(int major) {
        String url = externalUrl(System.getenv());
        if (url != null) {
            return SERVERS.computeIfAbsent(0, k -> ExternalPostgres.connect(url));
        }
        EmbeddedBinaries.release(major); // validates the version before anything starts
        if (systemBinariesConfigured()) {
            return system(major);
        }
        return SERVERS.computeIfAbsent(major, PostgresFixture::launch);
    }

    /**
     * A server run from the operating system's PostgreSQL binaries of {@code major}
     * ({@code /usr/lib/postgresql/<major>/bin/initdb}, {@code postgres} and {@code pg_ctl}, as
     * Debian's {@code postgresql-<major>} package installs them), provisioned exactly like the embedded
     * server (TLS, a role per {@link AuthMethod}, run as {@code nobody} when the JVM is root, stopped
     * with the JVM). Extensions installed from system packages (for example
     * {@code postgresql-15-postgis-3}) are available to {@code CREATE EXTENSION} there. Started on
     * first use and shared afterwards; {@code PG_TEST_URL} does not apply.
     *
     * @param major the PostgreSQL major version
     * @return the running server, of {@link PostgresServer.Kind#EMBEDDED} kind
     * @throws IllegalStateException with the reason {@link #systemUnavailable(int)} gives, when the
     *     binaries are missing
     */
    public static PostgresServer system(int major) {
        return SYSTEM_SERVERS.computeIfAbsent(major, m -> {
            ServerBinaries binaries = ServerBinaries.system(m);
            LOG.info("Starting PostgreSQL {} from the system's binaries in {}", m, binaries.home());
            return EmbeddedPostgres.start(binaries);
        });
    }

    /**
     * Tells why {@link #system(int)} cannot start a server of {@code major}, without starting anything.
     *
     * @param major the PostgreSQL major version
     * @return empty when the system's binaries are there; otherwise a sentence naming what is missing
     *     and the package that provides it, fit for a JUnit assumption's message
     */
    public static Optional<String> systemUnavailable(int major) {
        return ServerBinaries.systemUnavailable(ServerBinaries.SYSTEM_ROOT, major);
    }

    /**
     * The primary and streaming standby shared by the JVM ({@code -Dpg.version}), started on first use
     * (a few seconds) and stopped at JVM exit. Do not stop or promote its servers: use {@link #newPair()}.
     *
     * @throws IllegalStateException with the reason of {@link #pairUnavailable()}
     */
    public static PostgresPair pair() {
        pairUnavailable().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        synchronized (PostgresFixture.class) {
            if (sharedPair == null) {
                sharedPair = PostgresPair.start(configuredVersion());
            }
            return sharedPair;
        }
    }

    /** A primary and standby of the caller's own (failover tests): the caller closes it. */
    public static PostgresPair newPair() {
        pairUnavailable().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        return PostgresPair.start(configuredVersion());
    }

    /** Why {@link #pair()} cannot start here (an external server is configured), or empty. */
    public static Optional<String> pairUnavailable() {
        return PostgresPair.unavailable();
    }

    /**
     * Connects to the server a {@code postgresql://} URL names, as {@code PG_TEST_URL} would, without
     * caching it. The fixture's own tests use this to prove the external path.
     */
    public static PostgresServer external(String url) {
        return ExternalPostgres.connect(url);
    }

    /** The version {@code -Dpg.version} asks for, or {@link #DEFAULT_VERSION}. */
    public static int configuredVersion() {
        String value = System.getProperty("pg.version");
        if (value == null || value.isBlank()) {
            return DEFAULT_VERSION;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dpg.version must be a major version from 13 to 18, was " + value, e);
        }
    }

    /** Whether {@code -Dpg.binaries} asks for the system's binaries ({@code system}) or the bundled ones. */
    static boolean systemBinariesConfigured() {
        String value = System.getProperty("pg.binaries", "embedded").trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "", "embedded":
                return false;
            case "system":
                return true;
            default:
                throw new IllegalArgumentException("-Dpg.binaries must be 'embedded' or 'system', was " + value);
        }
    }

    static @Nullable String externalUrl(Map<String, String> env) {
        String url = System.getProperty("pg.test.url");
        if (url == null || url.isBlank()) {
            url = env.get("PG_TEST_URL");
        }
        return url == null || url.isBlank() ? null : url;
    }

    private static PostgresServer launch(int major) {
        if (!Boolean.getBoolean("pg.embedded") && testcontainersPresent() && ContainerPostgres.dockerAvailable()) {
            LOG.info("Starting PostgreSQL {} in a container", major);
            return ContainerPostgres.start(major);
        }
        LOG.info("Starting embedded PostgreSQL {}", major);
        return EmbeddedPostgres.start(major);
    }

    private static boolean testcontainersPresent() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, PostgresFixture.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
