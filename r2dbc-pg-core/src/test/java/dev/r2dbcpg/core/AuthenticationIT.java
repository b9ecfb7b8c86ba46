package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.r2dbcpg.core.config.AuthMethod;
import dev.r2dbcpg.core.config.ChannelBinding;
import dev.r2dbcpg.core.config.PasswordSource;
import dev.r2dbcpg.core.config.PgConnectionConfiguration;
import dev.r2dbcpg.core.config.SslMode;
import dev.r2dbcpg.core.error.PgAuthenticationException;
import dev.r2dbcpg.core.error.PgPermissionDeniedException;
import dev.r2dbcpg.testing.Credentials;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Every authentication method with the fixture's user for it, over plain and verified TLS connections. */
@ExtendWith(PostgresExtension.class)
class AuthenticationIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private PostgresServer server;
    @TempDir
    Path tmp;

    @BeforeEach
    void server(PostgresServer server) {
        assumeTrue(server.authMethodsConfigured(), "needs the fixture's pg_hba.conf");
        this.server = server;
    }

    @ParameterizedTest
    @EnumSource(value = dev.r2dbcpg.testing.AuthMethod.class)
    void eachMethodAuthenticatesWithoutTls(dev.r2dbcpg.testing.AuthMethod method) {
        Credentials user = server.user(method);
        assertThat(sessionFacts(config(user).sslMode(SslMode.DISABLE).build())).containsExactly(user.user(), "false");
    }

    @ParameterizedTest
    @EnumSource(value = dev.r2dbcpg.testing.AuthMethod.class)
    void eachMethodAuthenticatesOverVerifiedTls(dev.r2dbcpg.testing.AuthMethod method) {
        Credentials user = server.user(method);
        assertThat(sessionFacts(config(user).sslMode(SslMode.VERIFY_FULL).sslRootCert(server.caCertificate()).build()))
                .containsExactly(user.user(), "true");
    }

    @ParameterizedTest
    @EnumSource(value = dev.r2dbcpg.testing.AuthMethod.class, names = "TRUST", mode = EnumSource.Mode.EXCLUDE)
    void wrongPasswordIsRejectedWithoutShowingIt(dev.r2dbcpg.testing.AuthMethod method) {
        Credentials user = server.user(method);
        PgConnectionConfiguration config = config(new Credentials(user.user(), "WrongSecret-123"))
                .sslMode(SslMode.DISABLE).build();
        PgConnectionFactory.create(config).create()
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(PgPermissionDeniedException.class)
                        .hasMessageContaining("28P01").hasMessageNotContaining("WrongSecret-123"))
                .verify(TIMEOUT);
    }

    @Test
    void scramWithRequiredChannelBindingUsesScramPlusOverTls() {
        Credentials user = server.user(dev.r2dbcpg.testing.AuthMethod.SCRAM_SHA_256);
        assertThat(sessionFacts(config(user).sslMode(SslMode.VERIFY_FULL).sslRootCert(server.caCertificate())
                .channelBinding(ChannelBinding.REQUIRE).build())).containsExactly(user.user(), "true");
    }

    @Test
    void requiredChannelBindingFailsClosedWithoutTls() {
        Credentials user = server.user(dev.r2dbcpg.testing.AuthMethod.SCRAM_SHA_256);
        PgConnectionConfiguration config = config(user).sslMode(SslMode.PREFER).sslRootCert(server.caCertificate())
                .channelBinding(ChannelBinding.REQUIRE).build();
        // Over TLS it works; the check is that a method without channel binding is refused:
        Credentials md5 = server.user(dev.r2dbcpg.testing.AuthMethod.MD5);
        PgConnectionFactory.create(config(md5).sslMode(SslMode.REQUIRE).channelBinding(ChannelBinding.REQUIRE).build())
                .create()
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(PgAuthenticationException.class)
                        .hasMessageContaining("channelBinding=require"))
                .verify(TIMEOUT);
        assertThat(sessionFacts(config)).containsExactly(user.user(), "true");
    }

    @Test
    void requireAuthRefusesAMethodItDoesNotList() {
        Credentials user = server.user(dev.r2dbcpg.testing.AuthMethod.PASSWORD);
        PgConnectionFactory.create(config(user).sslMode(SslMode.DISABLE).requireAuth(Set.of(AuthMethod.SCRAM_SHA_256)).build())
                .create()
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(PgAuthenticationException.class)
                        .hasMessageContaining("requireAuth"))
                .verify(TIMEOUT);
    }

    @Test
    void requireAuthRefusesAServerThatAsksForNoPassword() {
        Credentials user = server.user(dev.r2dbcpg.testing.AuthMethod.TRUST);
        PgConnectionFactory.create(config(user).sslMode(SslMode.DISABLE).requireAuth(Set.of(AuthMethod.MD5)).build())
                .create()
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(PgAuthenticationException.class)
                        .hasMessageContaining("did not ask for authentication"))
                .verify(TIMEOUT);
    }

    @Test
    void rotatingPasswordIsAskedAtEveryConnection() {
        Credentials user = server.user(dev.r2dbcpg.testing.AuthMethod.SCRAM_SHA_256);
        AtomicInteger asked = new AtomicInteger();
        PasswordSource rotating = PasswordSource.of(() -> {
            asked.incrementAndGet();
            return user.password();
        });
        PgConnectionConfiguration config = config(user).password(rotating).sslMode(SslMode.DISABLE).build();
        assertThat(sessionFacts(config)).first().isEqualTo(user.user());
        assertThat(sessionFacts(config)).first().isEqualTo(user.user());
        assertThat(asked).hasValue(2);
        PgConnectionConfiguration published = config(user).password(PasswordSource.of(Mono.just(user.password())))
                .sslMode(SslMode.DISABLE).build();
        assertThat(sessionFacts(published)).first().isEqualTo(user.user());
    }

    @Test
    void passwordComesFromThePassfileWhenNoneIsGiven() throws Exception {
        Credentials user = server.user(dev.r2dbcpg.testing.AuthMethod.MD5);
        Path passfile = tmp.resolve("pgpass");
        Files.writeString(passfile, "*:" + server.port() + ":*:" + user.user() + ":" + user.password() + "\n");
        Files.setPosixFilePermissions(passfile, PosixFilePermissions.fromString("rw-------"));
        PgConnectionConfiguration config = PgConnectionConfiguration.builder().host(server.host()).port(server.port())
                .database(server.database()).user(user.user()).passfile(passfile).sslMode(SslMode.DISABLE).build();
        assertThat(sessionFacts(config)).first().isEqualTo(user.user());
    }

    @Test
    void missingPasswordIsAClearError() {
        Credentials user = server.user(dev.r2dbcpg.testing.AuthMethod.SCRAM_SHA_256);
        PgConnectionConfiguration config = PgConnectionConfiguration.builder().host(server.host()).port(server.port())
                .database(server.database()).user(user.user()).passfile(tmp.resolve("none")).sslMode(SslMode.DISABLE)
                .build();
        PgConnectionFactory.create(config).create()
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(PgAuthenticationException.class)
                        .hasMessageContaining("none was configured"))
                .verify(TIMEOUT);
    }

    @Test
    void clientCertificateAuthenticatesTheCertUser() {
        assumeTrue(server.clientCertificate() != null, "no client certificate from this fixture");
        PgConnectionConfiguration config = PgConnectionConfiguration.builder().host(server.host()).port(server.port())
                .database(server.database()).user("r2dbcpg_cert").sslMode(SslMode.VERIFY_FULL)
                .sslRootCert(server.caCertificate()).sslCert(server.clientCertificate()).sslKey(server.clientKey())
                .passfile(tmp.resolve("none")).build();
        assertThat(sessionFacts(config)).containsExactly("r2dbcpg_cert", "true");
    }

    @Test
    void encryptedClientKeyIsReadWithItsPassword() {
        assumeTrue(server.clientKeyEncrypted() != null, "no client certificate from this fixture");
        PgConnectionConfiguration config = PgConnectionConfiguration.builder().host(server.host()).port(server.port())
                .database(server.database()).user("r2dbcpg_cert").sslMode(SslMode.VERIFY_FULL)
                .sslRootCert(server.caCertificate()).sslCert(server.clientCertificate())
                .sslKey(server.clientKeyEncrypted()).sslPassword(server.clientKeyPassword())
                .passfile(tmp.resolve("none")).build();
        assertThat(sessionFacts(config)).containsExactly("r2dbcpg_cert", "true");
    }

    private PgConnectionConfiguration.Builder config(Credentials user) {
        return PgConnectionConfiguration.builder().host(server.host()).port(server.port()).database(server.database())
                .user(user.user()).password(user.password()).passfile(tmp.resolve("no-pgpass"));
    }

    /** current_user and whether the session is encrypted. */
    private static List<String> sessionFacts(PgConnectionConfiguration config) {
        return Mono.usingWhen(PgConnectionFactory.create(config).create(),
                c -> Flux.from(c.createStatement("SELECT current_user::text, ssl::text FROM pg_stat_ssl "
                                + "WHERE pid = pg_backend_pid()").execute())
                        .flatMap(r -> r.map((row, meta) -> List.of(row.get(0, String.class), row.get(1, String.class))))
                        .single(),
                PgConnection::close)
                .block(TIMEOUT);
    }
}
