package dev.r2dbcpg.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.core.config.ConnectionStrings;
import dev.r2dbcpg.core.config.PgEnvironment;
import dev.r2dbcpg.testing.AuthMethod;
import dev.r2dbcpg.testing.PostgresFixture;
import dev.r2dbcpg.testing.PostgresPair;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The pool over a real primary and standby: after the standby is promoted, pooled connections stay on
 * the old primary until {@link PgPool#expireConnections()}, and new ones find the promoted server.
 */
class PgPoolFailoverIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static int serverPort(PgPool pool) {
        return pool.withConnection(c -> PoolTesting.query(c, "SELECT inet_server_port()", Integer.class))
                .blockLast(WAIT);
    }

    @Test
    void expireConnectionsMovesThePoolToTheNewPrimary() {
        PostgresFixture.pairUnavailable().ifPresent(Assumptions::abort);
        try (PostgresPair pair = PostgresFixture.newPair()) {
            // The standby is listed first: read-write skips it while it is in recovery.
            PgPool pool = PgPool.create(PgPoolConfiguration.builder().name("failover").minSize(0).maxSize(1)
                    .connection(ConnectionStrings.parse("postgresql://" + AuthMethod.TRUST.user() + "@localhost:"
                            + pair.standby().port() + ",localhost:" + pair.primary().port()
                            + "/postgres?sslmode=disable&target_session_attrs=read-write")
                            .environment(PgEnvironment.of(Map.of())).build())
                    .build());
            try {
                assertThat(serverPort(pool)).isEqualTo(pair.primary().port());
                pair.promoteStandby();
                // The pooled connection is still on the old primary ...
                assertThat(serverPort(pool)).isEqualTo(pair.primary().port());
                // ... until the pool is told to replace its connections.
                pool.expireConnections().block(WAIT);
                assertThat(serverPort(pool)).isEqualTo(pair.standby().port());
            } finally {
                pool.terminate().block(WAIT);
            }
        }
    }
}
