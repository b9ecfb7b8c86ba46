package dev.r2dbcpg.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class MultipleVersionsIT {

    @Test
    void oldestAndNewestSupportedVersionsRunSideBySide() throws SQLException {
        assumeTrue(PostgresFixture.externalUrl(System.getenv()) == null, "PG_TEST_URL names one server");
        PostgresServer oldest = PostgresFixture.start(13);
        PostgresServer newest = PostgresFixture.start(18);

        assertThat(oldest.port()).isNotEqualTo(newest.port());
        assertThat(PostgresFixtureIT.query(oldest, "SHOW server_version_num")).startsWith("13");
        assertThat(PostgresFixtureIT.query(newest, "SHOW server_version_num")).startsWith("18");
        assertThat(PostgresFixture.start(13)).isSameAs(oldest);
    }
}
