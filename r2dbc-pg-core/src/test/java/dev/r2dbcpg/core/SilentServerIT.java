package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.core.config.PgConnectionConfiguration;
import dev.r2dbcpg.testing.Credentials;
import dev.r2dbcpg.testing.LoopbackPeer;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.ValidationDepth;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * A server that goes silent with its socket open (a stalling proxy): with default settings nothing waits
 * forever. {@code validate(REMOTE)} is bounded; with {@code statementTimeout} set, a statement the server
 * stops answering fails the connection after that timeout plus the grace; a consumer that holds back is
 * not a silent server.
 */
@ExtendWith(PostgresExtension.class)
class SilentServerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private PostgresServer server;
    @TempDir
    Path tmp;

    @BeforeEach
    void server(PostgresServer server) {
        this.server = server;
    }

    @Test
    void validateIsBoundedByDefault() throws Exception {
        try (LoopbackPeer proxy = LoopbackPeer.proxy("127.0.0.1", server.host(), server.port())) {
            PgConnection connection = connect(config(proxy.port()));
            assertThat(connection.validate(ValidationDepth.REMOTE).block(TIMEOUT)).isTrue();
            proxy.stall();
            long started = System.nanoTime();
            assertThat(connection.validate(ValidationDepth.REMOTE).block(TIMEOUT)).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isGreaterThanOrEqualTo(PgConnectionConfiguration.DEFAULT_VALIDATION_TIMEOUT);
            connection.close().block(TIMEOUT);
        }
    }

    @Test
    void validateTakesItsConfiguredBound() throws Exception {
        try (LoopbackPeer proxy = LoopbackPeer.proxy("127.0.0.1", server.host(), server.port())) {
            PgConnection connection = connect(config(proxy.port()).validationTimeout(Duration.ofMillis(300)));
            proxy.stall();
            assertThat(connection.validate(ValidationDepth.REMOTE).block(Duration.ofSeconds(4))).isFalse();
            connection.close().block(TIMEOUT);
        }
    }

    @Test
    void aStatementTheServerStopsAnsweringFailsAfterStatementTimeoutAndGrace() throws Exception {
        try (LoopbackPeer proxy = LoopbackPeer.proxy("127.0.0.1", server.host(), server.port())) {
            PgConnection connection = connect(config(proxy.port()).statementTimeout(Duration.ofMillis(500)));
            proxy.stall();
            Flux.from(connection.createStatement("SELECT 1").execute()).flatMap(r -> r.map(row -> row.get(0)))
                    .as(StepVerifier::create)
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(R2dbcNonTransientResourceException.class)
                            .hasMessage("No response from the server within 5500 ms; connection closed"))
                    .verify(TIMEOUT);
            assertThat(connection.validate(ValidationDepth.LOCAL).block(TIMEOUT)).isFalse();
        }
    }

    @Test
    void aConsumerHoldingBackASuspendedPortalIsNotASilentServer() {
        PgConnection connection = connect(config(server.port()).host(server.host()).socketTimeout(Duration.ofMillis(500)));
        try {
            // 100 rows per Execute: once the reader's queue is full the portal stays suspended, the server
            // owes nothing, and the consumer's pause is three socket timeouts long.
            Flux<Integer> rows = Flux.from(connection.createStatement("SELECT generate_series(1, 2000)").fetchSize(100)
                            .execute())
                    .flatMap(r -> r.map(row -> row.get(0, Integer.class)));
            rows.limitRate(5).concatMap(i -> i == 1 ? Mono.delay(Duration.ofMillis(1_500)).thenReturn(i) : Mono.just(i))
                    .count()
                    .as(StepVerifier::create)
                    .expectNext(2000L)
                    .verifyComplete();
            assertThat(connection.validate(ValidationDepth.REMOTE).block(TIMEOUT)).isTrue();
        } finally {
            connection.close().block(TIMEOUT);
        }
    }

    private PgConnectionConfiguration.Builder config(int port) {
        Credentials user = server.superuser();
        return PgConnectionConfiguration.builder().host("127.0.0.1").port(port).database(server.database())
                .user(user.user()).password(user.password()).passfile(tmp.resolve("none"))
                .connectTimeout(Duration.ofSeconds(10));
    }

    private static PgConnection connect(PgConnectionConfiguration.Builder config) {
        return PgConnectionFactory.create(config.build()).create().block(TIMEOUT);
    }
}
