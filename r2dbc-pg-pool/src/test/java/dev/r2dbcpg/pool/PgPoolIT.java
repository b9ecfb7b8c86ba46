package dev.r2dbcpg.pool;

import static dev.r2dbcpg.pool.PoolTesting.collect;
import static dev.r2dbcpg.pool.PoolTesting.pool;
import static dev.r2dbcpg.pool.PoolTesting.query;
import static dev.r2dbcpg.pool.PoolTesting.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

@ExtendWith(PostgresExtension.class)
class PgPoolIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static PostgresServer server;

    @BeforeAll
    static void server(PostgresServer s) {
        server = s;
    }

    @Test
    void connectionsAreSpreadOverEventLoopsEvenWhenAcquiredFromOne() {
        String app = uniqueName("loops");
        PgPool pool = PgPool.create(pool(server, app).maxSize(8).build());
        try {
            // Acquire all eight from inside a result callback, i.e. on a connection's event loop.
            List<String> threads = collect(Flux.usingWhen(PoolTesting.monitor(server).create(),
                    m -> query(m, "SELECT 1", Integer.class)
                            .flatMap(one -> Flux.range(0, 8).flatMap(i -> pool.create()).collectList())
                            .concatMap(connections -> Flux.fromIterable(connections)
                                    .concatMap(c -> Flux.from(c.createStatement("SELECT 1").execute())
                                            .flatMap(r -> r.map((row, meta) -> Thread.currentThread().getName()))
                                            .concatWith(c.close().then(Mono.empty())))),
                    io.r2dbc.spi.Connection::close), WAIT);
            Set<String> distinct = new HashSet<>(threads);
            assertThat(threads).hasSize(8);
            assertThat(distinct).as("event loops of %s", threads).hasSizeGreaterThan(1);
        } finally {
            pool.terminate().block(WAIT);
        }
    }
}
