package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.r2dbcpg.core.config.ConnectionStrings;
import dev.r2dbcpg.core.config.PgConnectionConfiguration;
import dev.r2dbcpg.core.config.PgEnvironment;
import dev.r2dbcpg.testing.AuthMethod;
import dev.r2dbcpg.testing.Credentials;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.R2dbcException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Connections over the fixture's Unix-domain socket, named every way libpq and r2dbc-postgresql allow;
 * {@code inet_server_addr()} is null only for a socket connection, which proves no TCP was used.
 */
@ExtendWith(PostgresExtension.class)
class UnixSocketIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final PgEnvironment NO_ENV = PgEnvironment.of(Map.of());
    private PostgresServer server;
    private String dir;

    @BeforeEach
    void server(PostgresServer server) {
        assumeTrue(server.socketDirectory() != null && server.peerUser() != null,
                "the server's socket is not reachable from here");
        this.server = server;
        this.dir = server.socketDirectory().toString();
    }

    /** current_user, and whether the session has no server IP address (so it is on a Unix socket). */
    private static String[] whoAndHow(ConnectionFactory factory) {
        return Mono.usingWhen(Mono.from(factory.create()),
                c -> Mono.from(c.createStatement("SELECT current_user::text, (inet_server_addr() IS NULL)::text, "
                                + "(SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid())::text").execute())
                        .flatMap(r -> Mono.from(r.map((row, m) -> new String[] {
                            row.get(0, String.class), row.get(1, String.class), row.get(2, String.class)}))),
                Connection::close).block(TIMEOUT);
    }

    private static PgConnectionFactory libpq(String connectionString) {
        return PgConnectionFactory.create(ConnectionStrings.parse(connectionString).environment(NO_ENV).build());
    }

    private static String encoded(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void keyValueHostDirectoryWithTrust() {
        String[] facts = whoAndHow(libpq("host=" + dir + " port=" + server.port() + " user="
                + AuthMethod.TRUST.user() + " dbname=" + server.database()));
        assertThat(facts).containsExactly(AuthMethod.TRUST.user(), "true", "false");
    }

    @Test
    void percentEncodedHostInALibpqUrlWithPeerAuthentication() {
        String[] facts = whoAndHow(libpq("postgresql://" + encoded(dir) + ":" + server.port() + "/"
                + server.database() + "?user=" + server.peerUser()));
        assertThat(facts).containsExactly(server.peerUser(), "true", "false");
    }

    @Test
    void libpqUrlWithTheSocketDirectoryAsHostQueryParameter() {
        String[] facts = whoAndHow(libpq("postgresql:///" + server.database() + "?host=" + encoded(dir) + "&port="
                + server.port() + "&user=" + AuthMethod.TRUST.user()));
        assertThat(facts[1]).isEqualTo("true");
    }

    @Test
    void percentEncodedHostInAnR2dbcUrlWithScram() {
        Credentials scram = server.user(AuthMethod.SCRAM_SHA_256);
        String[] facts = whoAndHow(ConnectionFactories.get("r2dbc:postgresql://" + scram.user() + ":"
                + scram.password() + "@" + encoded(dir) + ":" + server.port() + "/" + server.database()));
        assertThat(facts).containsExactly(scram.user(), "true", "false");
    }

    @Test
    void r2dbcPostgresqlSocketOptionNamesTheSocketFile() {
        String[] facts = whoAndHow(ConnectionFactories.get("r2dbc:postgresql://" + server.peerUser()
                + "@ignored-host/" + server.database() + "?socket=" + encoded(dir + "/.s.PGSQL." + server.port())));
        assertThat(facts).containsExactly(server.peerUser(), "true", "false");
    }

    @Test
    void peerAuthenticationOverTcpIsNotOffered() {
        // The peer role has no TCP rule of its own: over TCP the catch-all SCRAM rule asks for a password.
        PgConnectionConfiguration tcp = ConnectionStrings.parse("host=" + server.host() + " port=" + server.port()
                + " user=" + server.peerUser() + " dbname=" + server.database() + " sslmode=disable")
                .environment(NO_ENV).build();
        PgConnectionFactory.create(tcp).create()
                .as(StepVerifier::create)
                .expectError(R2dbcException.class)
                .verify(TIMEOUT);
    }

    @Test
    void requireFailsOverASocketWhilePreferGoesPlain() {
        String base = "host=" + dir + " port=" + server.port() + " user=" + AuthMethod.TRUST.user() + " dbname="
                + server.database();
        libpq(base + " sslmode=require").create()
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("sslmode=require cannot be used"))
                .verify(TIMEOUT);
        assertThat(whoAndHow(libpq(base + " sslmode=prefer"))[2]).isEqualTo("false");
        assertThat(whoAndHow(libpq(base + " sslmode=allow"))[2]).isEqualTo("false");
    }
}
