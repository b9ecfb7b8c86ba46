package dev.r2dbcpg.pool;

import dev.r2dbcpg.core.PgConnectionFactory;
import dev.r2dbcpg.core.config.PgConnectionConfiguration;
import dev.r2dbcpg.core.config.PgOptions;
import dev.r2dbcpg.core.config.SslMode;
import dev.r2dbcpg.testing.AuthMethod;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Shared set-up for the pool's integration tests. */
final class PoolTesting {

    private PoolTesting() {
    }

    /** A connection configuration whose sessions carry a unique {@code application_name}. */
    static PgConnectionConfiguration connection(PostgresServer server, String applicationName) {
        return PgOptions.toBuilder(ConnectionFactoryOptions.parse(server.r2dbcUrl()))
                .applicationName(applicationName)
                .build();
    }

    /** As {@link #connection}, as the trust-authenticated role without TLS: the cheapest connect. */
    static PgConnectionConfiguration cheapConnection(PostgresServer server, String applicationName) {
        return connection(server, applicationName).toBuilder()
                .user(server.user(AuthMethod.TRUST).user())
                .password((CharSequence) null)
                .sslMode(SslMode.DISABLE)
                .build();
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static PgPoolConfiguration.Builder pool(PostgresServer server, String applicationName) {
        return PgPoolConfiguration.builder().connection(connection(server, applicationName)).name(applicationName);
    }

    /** Backends with this {@code application_name}, counted by an unpooled connection. */
    static Mono<Long> backends(PgConnectionFactory monitor, String applicationName) {
        return Mono.usingWhen(monitor.create(), c -> Mono.from(c.createStatement(
                                "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1")
                        .bind(0, applicationName).execute())
                .flatMap(r -> Mono.from(r.map((row, meta) -> row.get(0, Long.class)))), Connection::close);
    }

    static PgConnectionFactory monitor(PostgresServer server) {
        return PgConnectionFactory.create(connection(server, "pool-monitor"));
    }

    /** The first column of every row, as {@code type}. */
    static <T> Flux<T> query(Connection connection, String sql, Class<T> type) {
        return Flux.from(connection.createStatement(sql).execute())
                .flatMap(r -> r.map((row, meta) -> row.get(0, type)));
    }

    static Mono<Integer> pid(Connection connection) {
        return query(connection, "SELECT pg_backend_pid()", Integer.class).single();
    }

    /** Waits (bounded) until {@code condition} holds, polling every 10 ms. */
    static void eventually(Duration within, BooleanSupplier condition) {
        Flux.interval(Duration.ZERO, Duration.ofMillis(10))
                .filter(t -> condition.getAsBoolean())
                .next()
                .as(StepVerifier::create)
                .expectNextCount(1)
                .expectComplete()
                .verify(within);
    }

    /** Waits (bounded) until the server shows exactly {@code count} backends named {@code applicationName}. */
    static void eventuallyBackends(PgConnectionFactory monitor, String applicationName, long count, Duration within) {
        Flux.interval(Duration.ZERO, Duration.ofMillis(20))
                .onBackpressureDrop()
                .concatMap(t -> backends(monitor, applicationName))
                .filter(n -> n == count)
                .next()
                .as(StepVerifier::create)
                .expectNext(count)
                .expectComplete()
                .verify(within);
    }

    static <T> List<T> collect(Flux<T> flux, Duration within) {
        List<T> out = new java.util.ArrayList<>();
        flux.as(StepVerifier::create)
                .recordWith(() -> out)
                .thenConsumeWhile(x -> true)
                .expectComplete()
                .verify(within);
        return out;
    }
}
