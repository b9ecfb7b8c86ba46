package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.core.config.AuthMethod;
import dev.r2dbcpg.core.config.ConnectionStrings;
import dev.r2dbcpg.core.config.GssCredentials;
import dev.r2dbcpg.core.config.PgConnectionConfiguration;
import dev.r2dbcpg.core.config.SslMode;
import dev.r2dbcpg.core.error.PgAuthenticationException;
import dev.r2dbcpg.core.error.PgPermissionDeniedException;
import dev.r2dbcpg.testing.KerberosRealm;
import dev.r2dbcpg.testing.PostgresFixture;
import dev.r2dbcpg.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * GSSAPI authentication against a real MIT Kerberos KDC ({@link KerberosRealm}) and Debian's PostgreSQL 15
 * configured with {@code krb_server_keyfile} and a {@code gss} rule. Skips, saying why, where the Kerberos
 * packages or the system PostgreSQL are missing.
 */
class GssAuthenticationIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static KerberosRealm realm;
    private static PostgresServer server;
    @TempDir
    Path tmp;

    @BeforeAll
    static void realm() {
        KerberosRealm.unavailable().ifPresent(Assumptions::abort);
        PostgresFixture.systemUnavailable(15).ifPresent(Assumptions::abort);
        realm = KerberosRealm.shared();
        server = PostgresFixture.system(15);
        realm.configure(server);
    }

    @Test
    void logsInWithAKeytabAndMutualAuthentication() {
        PgConnectionConfiguration config = config(GssCredentials.keytab(realm.keytab(KerberosRealm.USER),
                realm.principal(KerberosRealm.USER))).requireAuth(AuthMethod.parseRequireAuth("gss")).build();
        assertThat(gssFacts(config)).containsExactly(KerberosRealm.USER, "true", realm.principal(KerberosRealm.USER), "false");
        // The same over TLS: GSSAPI authentication, TLS encryption.
        assertThat(gssFacts(config.toBuilder().sslMode(SslMode.REQUIRE).build()))
                .containsExactly(KerberosRealm.USER, "true", realm.principal(KerberosRealm.USER), "false");
    }

    @Test
    void logsInWithACredentialCacheMadeByKinit() {
        Path cache = realm.kinit(KerberosRealm.USER);
        assertThat(gssFacts(config(GssCredentials.ticketCache(cache)).build()))
                .containsExactly(KerberosRealm.USER, "true", realm.principal(KerberosRealm.USER), "false");
        // The URL form names the same cache.
        PgConnectionConfiguration fromUrl = ConnectionStrings.parse("postgresql://localhost:" + server.port() + "/"
                + server.database() + "?user=" + KerberosRealm.USER + "&sslmode=disable&krbsrvname=postgres&gsslib=gssapi"
                + "&require_auth=gss&gssTicketCache=" + cache).passfile(tmp.resolve("no-pgpass")).build();
        assertThat(gssFacts(fromUrl)).first().isEqualTo(KerberosRealm.USER);
    }

    @Test
    void logsInWithTheApplicationsOwnSubjectTwice() throws Exception {
        javax.security.auth.Subject subject = GssCredentials.keytab(realm.keytab(KerberosRealm.USER),
                realm.principal(KerberosRealm.USER)).login();
        PgConnectionConfiguration config = config(GssCredentials.subject(subject)).build();
        assertThat(gssFacts(config)).first().isEqualTo(KerberosRealm.USER);
        assertThat(gssFacts(config)).first().isEqualTo(KerberosRealm.USER);
    }

    @Test
    void aPrincipalWithoutARoleIsRefusedByTheServer() {
        PgConnectionConfiguration config = config(GssCredentials.keytab(realm.keytab(KerberosRealm.STRANGER),
                realm.principal(KerberosRealm.STRANGER))).user(KerberosRealm.USER).build();
        // Authenticated as the stranger, asking for the user's role: the server's include_realm=0 mapping refuses it.
        PgConnectionFactory.create(config).create().as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(PgPermissionDeniedException.class)
                        .hasMessageContaining("GSSAPI authentication failed for user \"" + KerberosRealm.USER + "\""))
                .verify(TIMEOUT);
    }

    @Test
    void aPrincipalMissingFromTheKeytabFailsTheLogin() {
        PgConnectionConfiguration config = config(GssCredentials.keytab(realm.keytab(KerberosRealm.USER),
                realm.principal("nobody_here"))).build();
        PgConnectionFactory.create(config).create().as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(PgAuthenticationException.class)
                        .hasMessageStartingWith("GSSAPI: no Kerberos credentials from GssCredentials[nobody_here@"))
                .verify(TIMEOUT);
    }

    @Test
    void aServiceNameTheKdcDoesNotKnowFails() {
        PgConnectionConfiguration config = config(GssCredentials.keytab(realm.keytab(KerberosRealm.USER),
                realm.principal(KerberosRealm.USER))).krbsrvname("notpostgres").build();
        PgConnectionFactory.create(config).create().as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(PgAuthenticationException.class)
                        .hasMessageStartingWith("GSSAPI: authentication for notpostgres@localhost failed"))
                .verify(TIMEOUT);
    }

    @Test
    void anExpiredTicketIsRefusedClearly() throws InterruptedException {
        // The short-lived principal's tickets live one second (its maxlife); wait, bounded, until klist sees it expired.
        Path cache = realm.kinit(KerberosRealm.SHORT_LIVED);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (realm.runProgram("klist", "-s", "-c", "FILE:" + cache) == 0) {
            assertThat(System.nanoTime()).as("ticket still valid after 10 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        PgConnectionConfiguration config = config(GssCredentials.ticketCache(cache)).user(KerberosRealm.SHORT_LIVED).build();
        PgConnectionFactory.create(config).create().as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(PgAuthenticationException.class)
                        .hasMessageStartingWith("GSSAPI: no Kerberos credentials from GssCredentials[cache " + cache))
                .verify(TIMEOUT);
    }

    @Test
    void requireAuthRefusesGss() {
        for (String requireAuth : List.of("!gss", "scram-sha-256")) {
            PgConnectionConfiguration config = config(GssCredentials.keytab(realm.keytab(KerberosRealm.USER),
                    realm.principal(KerberosRealm.USER))).requireAuth(AuthMethod.parseRequireAuth(requireAuth)).build();
            PgConnectionFactory.create(config).create().as(StepVerifier::create)
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(PgAuthenticationException.class)
                            .hasMessageStartingWith("The server asked for gss authentication, which requireAuth="))
                    .verify(TIMEOUT);
        }
    }

    private PgConnectionConfiguration.Builder config(GssCredentials credentials) {
        return PgConnectionConfiguration.builder().host("localhost").port(server.port()).database(server.database())
                .user(KerberosRealm.USER).passfile(tmp.resolve("no-pgpass")).sslMode(SslMode.DISABLE)
                .gssCredentials(credentials);
    }

    /** current_user, and pg_stat_gssapi's gss_authenticated, principal and encrypted for the session. */
    private static List<String> gssFacts(PgConnectionConfiguration config) {
        return Mono.usingWhen(PgConnectionFactory.create(config).create(),
                c -> Flux.from(c.createStatement("SELECT current_user::text, gss_authenticated::text, principal, "
                                + "encrypted::text FROM pg_stat_gssapi WHERE pid = pg_backend_pid()").execute())
                        .flatMap(r -> r.map((row, meta) -> List.of(row.get(0, String.class), row.get(1, String.class),
                                row.get(2, String.class), row.get(3, String.class))))
                        .single(),
                PgConnection::close)
                .block(TIMEOUT);
    }
}
