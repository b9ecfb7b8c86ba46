package dev.r2dbcpg.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * A running PostgreSQL server that tests may use.
 *
 * <p>Servers from {@link PostgresFixture} are shared by every caller in the JVM: a test that changes
 * server-wide state (roles, settings, databases) must undo it. Setup SQL runs through pgjdbc as the
 * superuser with {@link #execute(String...)}.
 */
public interface PostgresServer {

    /** Where the server came from. */
    enum Kind {
        /** Named by {@code PG_TEST_URL}; its {@code pg_hba.conf} and TLS set-up are not ours. */
        EXTERNAL,
        /** A Testcontainers container. */
        CONTAINER,
        /** Binaries started by the fixture: the bundled ones, or the system's ({@link PostgresFixture#system}). */
        EMBEDDED
    }

    /** Where the server came from. */
    Kind kind();

    /** The host name to connect to (a name that the server certificate's SAN covers). */
    String host();

    /** The TCP port. */
    int port();

    /** The database tests use. */
    String database();

    /** The superuser's credentials. */
    Credentials superuser();

    /**
     * The credentials of the role that authenticates with {@code method}.
     *
     * @throws UnsupportedOperationException when this server was not configured by the fixture
     *     ({@link Kind#EXTERNAL}) and so cannot promise the method
     */
    Credentials user(AuthMethod method);

    /** Whether the fixture wrote this server's {@code pg_hba.conf} (a user per {@link AuthMethod}). */
    boolean authMethodsConfigured();

    /**
     * The directory of the server's Unix-domain socket ({@code .s.PGSQL.<port>} inside it), reachable by
     * this JVM; or {@code null} when the server is not local (a container or an external server). Over
     * the socket, {@link #peerUser()} authenticates by {@code peer}, the {@link AuthMethod#SCRAM_SHA_256} role by
     * SCRAM, and every other role by {@code trust}.
     */
    default @Nullable Path socketDirectory() {
        return null;
    }

    /**
     * The role that logs in by {@code peer} authentication over {@link #socketDirectory()} (any operating
     * system user is mapped to it), or {@code null} when the fixture did not configure the server.
     */
    default @Nullable String peerUser() {
        return null;
    }

    /** The PEM file of the CA that signed the server certificate, or {@code null} if TLS is not ours. */
    @Nullable Path caCertificate();

    /**
     * The PEM client certificate of the {@code r2dbcpg_cert} role (authenticated by certificate over
     * TLS), or {@code null} when the fixture did not configure the server.
     */
    default @Nullable Path clientCertificate() {
        return null;
    }

    /** The unencrypted PKCS#8 PEM key of {@link #clientCertificate()}, or {@code null}. */
    default @Nullable Path clientKey() {
        return null;
    }

    /**
     * {@link #clientKey()} encrypted (PKCS#8, AES-256-CBC) with {@link #clientKeyPassword()}, or {@code null}.
     */
    default @Nullable Path clientKeyEncrypted() {
        return null;
    }

    /** The password of {@link #clientKeyEncrypted()}. */
    default String clientKeyPassword() {
        return TlsMaterial.CLIENT_KEY_PASSWORD;
    }

    /** The server's major version, for example {@code 18}. */
    int majorVersion();

    /** An R2DBC URL for the superuser: {@code r2dbc:postgresql://user:password@host:port/db}. */
    default String r2dbcUrl() {
        return r2dbcUrl(superuser());
    }

    /** An R2DBC URL for the given credentials. */
    default String r2dbcUrl(Credentials credentials) {
        return "r2dbc:postgresql://" + Urls.userInfo(credentials) + "@" + Urls.hostPort(host(), port()) + "/"
                + Urls.encode(database());
    }

    /** A libpq URL for the superuser: {@code postgresql://user:password@host:port/db}. */
    default String postgresqlUrl() {
        Credentials su = superuser();
        return "postgresql://" + Urls.userInfo(su) + "@" + Urls.hostPort(host(), port()) + "/" + Urls.encode(database());
    }

    /** A pgjdbc URL without credentials: {@code jdbc:postgresql://host:port/db}. */
    default String jdbcUrl() {
        return "jdbc:postgresql://" + Urls.hostPort(host(), port()) + "/" + Urls.encode(database());
    }

    /** Opens a pgjdbc connection as the superuser; the caller closes it. */
    default Connection openJdbc() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", superuser().user());
        props.setProperty("password", superuser().password());
        props.setProperty("sslmode", "disable");
        return DriverManager.getConnection(jdbcUrl(), props);
    }

    /**
     * Tells whether {@code CREATE EXTENSION name} can succeed here, because the extension's files are
     * installed on the server ({@code pg_available_extensions}); tests of an extension skip on false.
     *
     * @param name the extension's name, for example {@code "postgis"}
     * @return whether the server has the extension available (installed in a database or not)
     * @throws IllegalStateException when the server cannot be queried
     */
    default boolean extensionAvailable(String name) {
        try (Connection c = openJdbc();
                PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_available_extensions WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list the extensions of " + jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs statements as the superuser, each in auto-commit mode, in order.
     *
     * @throws IllegalStateException wrapping the server's error, naming the failing statement
     */
    default void execute(String... statements) {
        try (Connection c = openJdbc(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    throw new IllegalStateException("Setup SQL failed: " + sql + ": " + e.getMessage(), e);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to " + jdbcUrl() + ": " + e.getMessage(), e);
        }
    }
}
