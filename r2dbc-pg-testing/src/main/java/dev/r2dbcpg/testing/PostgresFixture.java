package dev.r2dbcpg.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plain Java entry point to the test server, for callers outside JUnit (examples, benchmarks).
 *
 * <p>Which server: {@code PG_TEST_URL} (environment variable, or system property {@code pg.test.url})
 * names an external one; otherwise a Testcontainers container when Testcontainers is on the class path
 * and a Docker engine answers (unless {@code -Dpg.embedded=true}); otherwise embedded binaries. The
 * version is {@code -Dpg.version} (13 to 18, default 18). Each server is started once per JVM, shared,
 * and stopped when the JVM exits.
 */
public final class PostgresFixture {

    /** The PostgreSQL major used when {@code -Dpg.version} is not given. */
    public static final int DEFAULT_VERSION = 18;

    private static final Logger LOG = LoggerFactory.getLogger(PostgresFixture.class);
    private static final Map<Integer, PostgresServer> SERVERS = new ConcurrentHashMap<>();

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
        return SERVERS.computeIfAbsent(major, PostgresFixture::launch);
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
