package dev.r2dbcpg.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresFixtureTest {

    @Test
    void rejectsUnsupportedVersionsBeforeStartingAnything() {
        assertThatThrownBy(() -> PostgresFixture.start(12)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("13 to 18");
    }

    @Test
    void pinsABinariesReleaseForEverySupportedMajor() {
        for (int major = 13; major <= 18; major++) {
            assertThat(EmbeddedBinaries.release(major)).startsWith(major + ".");
        }
    }

    @Test
    void rejectsAnExternalUrlOfAnotherScheme() {
        assertThatThrownBy(() -> PostgresFixture.external("mysql://u:p@localhost/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("postgresql://");
    }

    @Test
    void readsTheExternalUrlFromTheEnvironment() {
        assertThat(PostgresFixture.externalUrl(Map.of("PG_TEST_URL", "postgresql://a@b/c")))
                .isEqualTo(System.getProperty("pg.test.url", "postgresql://a@b/c"));
        assertThat(PostgresFixture.externalUrl(Map.of())).isEqualTo(System.getProperty("pg.test.url"));
    }

    @Test
    void hbaGivesEachAuthMethodItsOwnRole() {
        String hba = ServerProvisioning.hbaConf();
        for (AuthMethod method : AuthMethod.values()) {
            assertThat(hba).containsPattern("(?m)^host\\s+all\\s+" + method.user() + "\\s+all\\s+" + method.hbaMethod() + "$");
        }
        assertThat(hba).containsPattern("(?m)^hostnossl\\s+all\\s+r2dbcpg_tls_only\\s+all\\s+reject$");
    }
}
