package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.r2dbcpg.core.config.PgConnectionConfiguration;
import dev.r2dbcpg.core.config.SslMode;
import dev.r2dbcpg.core.config.SslNegotiation;
import dev.r2dbcpg.testing.Credentials;
import dev.r2dbcpg.testing.LoopbackPeer;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.R2dbcException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** libpq's sslmode semantics against the fixture's TLS server, a loopback proxy and fake servers. */
@ExtendWith(PostgresExtension.class)
class TlsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private PostgresServer server;
    private Credentials user;
    @TempDir
    Path tmp;

    @BeforeEach
    void server(PostgresServer server) {
        assumeTrue(server.caCertificate() != null, "the server's TLS set-up is not the fixture's");
        this.server = server;
        this.user = server.user(dev.r2dbcpg.testing.AuthMethod.SCRAM_SHA_256);
    }

    @ParameterizedTest
    @EnumSource(value = SslMode.class, names = {"PREFER", "REQUIRE", "VERIFY_CA", "VERIFY_FULL"})
    void modesThatTryTlsGetIt(SslMode mode) {
        assertThat(encrypted(config(server.host(), server.port()).sslMode(mode))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = SslMode.class, names = {"DISABLE", "ALLOW"})
    void modesThatStartPlainStayPlain(SslMode mode) {
        assertThat(encrypted(config(server.host(), server.port()).sslMode(mode))).isFalse();
    }

    @Test
    void verifyFullWithoutTheCaFailsAgainstTheDefaultTrustStore() {
        PgConnectionConfiguration config = config(server.host(), server.port()).sslMode(SslMode.VERIFY_FULL)
                .sslRootCert(null).build();
        PgConnectionFactory.create(config).create()
                .as(StepVerifier::create)
                .expectError(R2dbcException.class)
                .verify(TIMEOUT);
    }

    @Test
    void verifyFullRejectsAHostNameTheCertificateDoesNotName() throws Exception {
        // 127.0.0.2 reaches the server through a proxy, but the certificate names localhost and 127.0.0.1 only.
        try (LoopbackPeer proxy = LoopbackPeer.proxy("127.0.0.2", server.host(), server.port())) {
            PgConnectionFactory.create(config("127.0.0.2", proxy.port()).sslMode(SslMode.VERIFY_FULL).build()).create()
                    .as(StepVerifier::create)
                    .expectError(R2dbcException.class)
                    .verify(TIMEOUT);
            // verify-ca checks the chain only, so the same route is fine for it.
            assertThat(encrypted(config("127.0.0.2", proxy.port()).sslMode(SslMode.VERIFY_CA))).isTrue();
        }
    }

    @Test
    void requireFailsWithoutSendingAnythingWhenTheServerDeclinesTls() throws Exception {
        try (LoopbackPeer fake = LoopbackPeer.answeringSslRequest(new byte[] {'N'})) {
            PgConnectionFactory.create(config("127.0.0.1", fake.port()).sslMode(SslMode.REQUIRE).build()).create()
                    .as(StepVerifier::create)
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(R2dbcException.class)
                            .hasMessageContaining("TLS"))
                    .verify(TIMEOUT);
            // Only the SSLRequest was sent: no StartupMessage, no user name, no password.
            assertThat(fake.received()).hasSize(8);
        }
    }

    @Test
    void anErrorReplyToSslRequestFailsWithoutShowingTheServersText() throws Exception {
        byte[] reply = "EFATAL evil text\0".getBytes(StandardCharsets.US_ASCII);
        try (LoopbackPeer fake = LoopbackPeer.answeringSslRequest(reply)) {
            PgConnectionFactory.create(config("127.0.0.1", fake.port()).sslMode(SslMode.PREFER).build()).create()
                    .as(StepVerifier::create)
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(R2dbcException.class)
                            .hasMessageNotContaining("evil text"))
                    .verify(TIMEOUT);
            assertThat(fake.received()).hasSize(8);
        }
    }

    @Test
    void bytesAfterTheServersYesAreRejected() throws Exception {
        try (LoopbackPeer fake = LoopbackPeer.answeringSslRequest(new byte[] {'S', 'X', 'Y'})) {
            PgConnectionFactory.create(config("127.0.0.1", fake.port()).sslMode(SslMode.REQUIRE).build()).create()
                    .as(StepVerifier::create)
                    .expectError(R2dbcException.class)
                    .verify(TIMEOUT);
        }
    }

    @Test
    void directTlsNegotiationWorksOnSeventeenAndLater() {
        assumeTrue(server.majorVersion() >= 17, "sslnegotiation=direct arrived in PostgreSQL 17");
        assertThat(encrypted(config(server.host(), server.port()).sslMode(SslMode.VERIFY_FULL)
                .sslNegotiation(SslNegotiation.DIRECT))).isTrue();
    }

    private PgConnectionConfiguration.Builder config(String host, int port) {
        return PgConnectionConfiguration.builder().host(host).port(port).database(server.database()).user(user.user())
                .password(user.password())
                .sslRootCert(server.caCertificate()).passfile(tmp.resolve("none")).connectTimeout(Duration.ofSeconds(10));
    }

    private static boolean encrypted(PgConnectionConfiguration.Builder config) {
        return Mono.usingWhen(PgConnectionFactory.create(config.build()).create(),
                c -> Flux.from(c.createStatement("SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()").execute())
                        .flatMap(r -> r.map((row, meta) -> "true".equals(row.get(0, String.class))))
                        .single(),
                PgConnection::close)
                .block(TIMEOUT);
    }
}
