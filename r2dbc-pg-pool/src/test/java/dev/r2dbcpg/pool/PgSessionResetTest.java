package dev.r2dbcpg.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PgSessionResetTest {

    @Test
    void postgresGetsDiscardAllWithoutDeallocateOrPlans() {
        assertThat(PgSessionReset.sql(Map.of("server_version", "18.1 (Debian 18.1-1)")))
                .isEqualTo("SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; SET SESSION AUTHORIZATION DEFAULT; "
                        + "RESET ALL; DISCARD TEMP; DISCARD SEQUENCES;")
                .doesNotContain("DEALLOCATE", "DISCARD ALL", "DISCARD PLANS");
    }

    @Test
    void discardSequencesOnlyFromPostgres94() {
        assertThat(PgSessionReset.sql(Map.of("server_version", "9.3.25"))).doesNotContain("DISCARD SEQUENCES")
                .contains("DISCARD TEMP");
        assertThat(PgSessionReset.sql(Map.of("server_version", "9.4.0"))).contains("DISCARD SEQUENCES");
    }

    @Test
    void cockroachAndCrateGetNothingTheyRejectAndRedshiftOnlyResetAll() {
        assertThat(PgSessionReset.sql(Map.of("server_version", "13.0.0", "crdb_version", "v23.1"))).isEqualTo("SELECT 1");
        assertThat(PgSessionReset.sql(Map.of("server_version", "10.5", "crate_version", "5.0"))).isEqualTo("SELECT 1");
        assertThat(PgSessionReset.sql(Map.of("server_version", "8.0.2", "padb_revision", "1"))).isEqualTo("RESET ALL;");
    }

    @Test
    void versionNumFollowsServerVersionNum() {
        assertThat(PgSessionReset.versionNum("9.6.3")).isEqualTo(90603);
        assertThat(PgSessionReset.versionNum("13.23")).isEqualTo(130023);
        assertThat(PgSessionReset.versionNum("18beta1")).isEqualTo(180000);
        assertThat(PgSessionReset.versionNum("")).isZero();
    }
}
