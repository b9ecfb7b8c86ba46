package dev.r2dbcpg.examples.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.client.PgDatabase;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class ClientDemoIT {

    @Test
    void theTourRunsToItsEndAndCleansUp(PostgresServer server) {
        PgDatabase db = PgDatabase.fromUrl(server.postgresqlUrl());
        try {
            ClientDemo.tour(db).block(Duration.ofMinutes(1));
            assertThat(db.fetchVal("SELECT count(*) FROM pg_tables WHERE tablename = 'demo_event'", Long.class)
                    .block(Duration.ofSeconds(30))).isZero();
        } finally {
            db.close().block(Duration.ofSeconds(30));
        }
    }
}
