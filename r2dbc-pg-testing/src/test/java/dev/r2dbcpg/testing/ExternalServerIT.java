package dev.r2dbcpg.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The {@code PG_TEST_URL} path, pointed at the fixture's own server. */
class ExternalServerIT {

    @Test
    void usesTheServerAUrlNames() throws SQLException {
        PostgresServer embedded = PostgresFixture.shared();
        PostgresServer external = PostgresFixture.external(embedded.postgresqlUrl());

        assertThat(external.kind()).isEqualTo(PostgresServer.Kind.EXTERNAL);
        assertThat(external.port()).isEqualTo(embedded.port());
        assertThat(external.majorVersion()).isEqualTo(embedded.majorVersion());
        assertThat(external.authMethodsConfigured()).isFalse();
        assertThat(PostgresFixtureIT.query(external, "SELECT current_user")).isEqualTo(embedded.superuser().user());
        assertThatThrownBy(() -> external.user(AuthMethod.MD5)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void failsClearlyWhenTheUrlNamesNoServer() {
        PostgresServer embedded = PostgresFixture.shared();
        String wrongPassword = "postgresql://" + embedded.superuser().user() + ":wrong@" + embedded.host() + ":"
                + embedded.port() + "/" + embedded.database();
        assertThatThrownBy(() -> PostgresFixture.external(wrongPassword))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot reach the PG_TEST_URL server")
                .hasMessageNotContaining(":wrong@");
    }
}
