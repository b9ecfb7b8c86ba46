package dev.r2dbcpg.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The throwaway realm: a KDC that issues tickets, and a server configured to accept them. */
class KerberosRealmIT {

    @Test
    void kdcIssuesTicketsAndTheServerTakesTheGssRule() throws java.sql.SQLException {
        KerberosRealm.unavailable().ifPresent(Assumptions::abort);
        PostgresFixture.systemUnavailable(15).ifPresent(Assumptions::abort);
        KerberosRealm realm = KerberosRealm.shared();

        Path cache = realm.kinit(KerberosRealm.USER);
        assertThat(cache).exists();
        assertThat(realm.runProgram("klist", "-s", "-c", "FILE:" + cache)).isZero();
        assertThat(KerberosRealm.shared()).isSameAs(realm);
        assertThat(System.getProperty("java.security.krb5.conf")).isEqualTo(realm.krb5Conf().toString());

        PostgresServer server = PostgresFixture.system(15);
        realm.configure(server);
        realm.configure(server);
        assertThat(PostgresFixtureIT.query(server, "SHOW krb_server_keyfile")).isEqualTo(realm.serverKeytab().toString());
        assertThat(PostgresFixtureIT.query(server,
                "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method = 'gss' AND error IS NULL")).isEqualTo("2");
        assertThat(Files.isReadable(realm.serverKeytab())).isTrue();
    }
}
