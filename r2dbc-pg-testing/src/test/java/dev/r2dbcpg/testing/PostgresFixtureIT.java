package dev.r2dbcpg.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(PostgresExtension.class)
class PostgresFixtureIT {

    @Test
    void startsTheConfiguredVersion(PostgresServer server) throws SQLException {
        assertThat(server.majorVersion()).isEqualTo(PostgresFixture.configuredVersion());
        assertThat(query(server, "SHOW server_version_num")).startsWith(Integer.toString(server.majorVersion()));
    }

    @Test
    void isConfiguredForTheTestsThatUseIt(PostgresServer server) throws SQLException {
        assumeTrue(server.kind() != PostgresServer.Kind.EXTERNAL, "an external server's settings are not ours");
        assertThat(query(server, "SHOW fsync")).isEqualTo("off");
        assertThat(Integer.parseInt(query(server, "SHOW max_connections"))).isGreaterThanOrEqualTo(200);
        assertThat(query(server, "SHOW wal_level")).isEqualTo("logical");
        assertThat(Integer.parseInt(query(server, "SHOW max_prepared_transactions"))).isPositive();
        assertThat(query(server, "SHOW ssl")).isEqualTo("on");
    }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void eachAuthMethodUserLogsInWithoutTls(AuthMethod method, PostgresServer server) throws SQLException {
        assumeTrue(server.authMethodsConfigured(), "the server's pg_hba.conf is not the fixture's");
        try (Connection c = connect(server, server.user(method), "disable")) {
            assertThat(value(c, "SELECT current_user")).isEqualTo(method.user());
            assertThat(value(c, "SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).isEqualTo("false");
            assertAuthenticatedWith(c, server, method);
        }
    }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void eachAuthMethodUserLogsInOverVerifiedTls(AuthMethod method, PostgresServer server) throws SQLException {
        assumeTrue(server.authMethodsConfigured(), "the server's pg_hba.conf is not the fixture's");
        try (Connection c = connect(server, server.user(method), "verify-full")) {
            assertThat(value(c, "SELECT current_user")).isEqualTo(method.user());
            assertThat(value(c, "SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).isEqualTo("true");
            assertAuthenticatedWith(c, server, method);
        }
    }

    @ParameterizedTest
    @EnumSource(value = AuthMethod.class, names = "TRUST", mode = EnumSource.Mode.EXCLUDE)
    void rejectsAWrongPassword(AuthMethod method, PostgresServer server) {
        assumeTrue(server.authMethodsConfigured(), "the server's pg_hba.conf is not the fixture's");
        Credentials wrong = new Credentials(method.user(), "not-" + method.password());
        assertThatThrownBy(() -> connect(server, wrong, "disable").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("authentication failed");
    }

    @Test
    void tlsOnlyUserIsRejectedWithoutTls(PostgresServer server) throws SQLException {
        assumeTrue(server.authMethodsConfigured(), "the server's pg_hba.conf is not the fixture's");
        Credentials tlsOnly = new Credentials("r2dbcpg_tls_only", ServerProvisioning.TLS_ONLY_PASSWORD);
        assertThatThrownBy(() -> connect(server, tlsOnly, "disable").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("pg_hba.conf");
        try (Connection c = connect(server, tlsOnly, "verify-full")) {
            assertThat(value(c, "SELECT current_user")).isEqualTo("r2dbcpg_tls_only");
        }
    }

    @Test
    void runsSetupSqlAsTheSuperuser(PostgresServer server) throws SQLException {
        server.execute("DROP TABLE IF EXISTS fixture_setup", "CREATE TABLE fixture_setup (id int)",
                "INSERT INTO fixture_setup VALUES (1), (2), (3)");
        try {
            assertThat(query(server, "SELECT sum(id) FROM fixture_setup")).isEqualTo("6");
        } finally {
            server.execute("DROP TABLE fixture_setup");
        }
    }

    @Test
    void setupSqlErrorsNameTheStatement(PostgresServer server) {
        assertThatThrownBy(() -> server.execute("SELECT * FROM no_such_table_here"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SELECT * FROM no_such_table_here")
                .hasMessageContaining("no_such_table_here");
    }

    @Test
    void urlsNameTheServer(PostgresServer server) {
        assertThat(server.r2dbcUrl()).startsWith("r2dbc:postgresql://").contains(":" + server.port() + "/");
        assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://" + server.host() + ":" + server.port() + "/"
                + server.database());
    }

    private static void assertAuthenticatedWith(Connection c, PostgresServer server, AuthMethod method)
            throws SQLException {
        if (server.majorVersion() < 16) {
            return; // SYSTEM_USER arrived in 16
        }
        String systemUser = value(c, "SELECT SYSTEM_USER");
        if (method == AuthMethod.TRUST) {
            assertThat(systemUser).isNull();
        } else {
            assertThat(systemUser).isEqualTo(method.hbaMethod() + ":" + method.user());
        }
    }

    static Connection connect(PostgresServer server, Credentials credentials, String sslmode) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", credentials.user());
        props.setProperty("password", credentials.password());
        props.setProperty("sslmode", sslmode);
        if (server.caCertificate() != null) {
            props.setProperty("sslrootcert", server.caCertificate().toString());
        }
        props.setProperty("connectTimeout", "20");
        return DriverManager.getConnection(server.jdbcUrl(), props);
    }

    static String query(PostgresServer server, String sql) throws SQLException {
        try (Connection c = server.openJdbc()) {
            return value(c, sql);
        }
    }

    static String value(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as("a row from %s", sql).isTrue();
            return rs.getString(1);
        }
    }
}
