package dev.r2dbcpg.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.core.PgQueryEvent;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.ConnectionFactories;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** On a server without TimescaleDB, every {@link PgTimescale} method fails naming the extension and sends nothing else. */
@ExtendWith(PostgresExtension.class)
class PgTimescaleIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static RecordingConnections connections;
    private static PgTimescale timescale;
    private static boolean available;

    @BeforeAll
    static void setUp(PostgresServer server) {
        connections = new RecordingConnections(ConnectionFactories.get(server.r2dbcUrl()), pid -> Mono.empty());
        timescale = new PgTimescale(connections);
        available = server.extensionAvailable("timescaledb");
        server.execute("DROP EXTENSION IF EXISTS timescaledb");
    }

    @Test
    void everyMethodFailsWithAnErrorThatNamesTheExtension() {
        List<Publisher<?>> calls = List.of(timescale.createHypertable("metrics", "time", "1 day", true),
                timescale.enableCompression("metrics", List.of("device"), List.of("time DESC")),
                timescale.addCompressionPolicy("metrics", "7 days"), timescale.addRetentionPolicy("metrics", "90 days"),
                timescale.listHypertables(), timescale.hypertableInfo("metrics"));
        for (Publisher<?> call : calls) {
            connections.events.clear();
            StepVerifier.create(call)
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(PgMissingExtensionException.class)
                                .hasMessageStartingWith("TimescaleDB is not installed in this database: "
                                        + "the extension 'timescaledb' is missing");
                        assertThat(((PgMissingExtensionException) e).extension()).isEqualTo("timescaledb");
                        assertThat(((PgMissingExtensionException) e).available()).isEqualTo(available);
                    })
                    .verify(TIMEOUT);
            assertThat(connections.events).extracting(PgQueryEvent::sql).containsExactly(PgTimescale.CHECK);
        }
    }
}
