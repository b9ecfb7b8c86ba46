package dev.r2dbcpg.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The system-binaries mode: the operating system's PostgreSQL, provisioned like the embedded one. */
class SystemBinariesIT {

    @Test
    void systemBinariesServeAProvisionedServerOfTheirMajor() throws SQLException {
        int major = IntStream.rangeClosed(13, 18).map(m -> 31 - m)
                .filter(m -> PostgresFixture.systemUnavailable(m).isEmpty()).findFirst()
                .orElseGet(() -> Assumptions.abort(PostgresFixture.systemUnavailable(15).orElseThrow()));

        PostgresServer server = PostgresFixture.system(major);

        assertThat(server.majorVersion()).isEqualTo(major);
        assertThat(PostgresFixture.system(major)).isSameAs(server);
        assertThat(PostgresFixtureIT.query(server, "SHOW server_version_num")).startsWith(Integer.toString(major));
        assertThat(PostgresFixtureIT.query(server, "SHOW data_directory"))
                .startsWith(System.getProperty("java.io.tmpdir"));
        assertThat(PostgresFixtureIT.query(server, "SHOW ssl")).isEqualTo("on");
        try (Connection c = PostgresFixtureIT.connect(server, server.user(AuthMethod.SCRAM_SHA_256), "verify-full")) {
            assertThat(PostgresFixtureIT.value(c, "SELECT current_user")).isEqualTo(AuthMethod.SCRAM_SHA_256.user());
        }
        assertThat(server.extensionAvailable("plpgsql")).isTrue();
        assertThat(server.extensionAvailable("no_such_extension")).isFalse();
    }
}
