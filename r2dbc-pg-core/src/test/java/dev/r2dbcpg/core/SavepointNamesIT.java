package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.ConnectionFactories;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Savepoint names follow {@link Identifiers}: plain ones quoted, quoted ones kept, anything else refused. */
@ExtendWith(PostgresExtension.class)
class SavepointNamesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void plainAndQuotedNamesWorkAndOthersAreRefused(PostgresServer server) {
        PgConnection c = ((PgConnectionFactory) ConnectionFactories.get(server.r2dbcUrl())).create().block(TIMEOUT);
        try {
            assertThatThrownBy(() -> c.createSavepoint("s1; COMMIT")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Not a valid savepoint name");
            Long rows = Mono.from(c.beginTransaction())
                    .then(Mono.from(c.createSavepoint("Plain")))
                    .then(Mono.from(c.createSavepoint("\"my save\"\"point\"")))
                    .thenMany(Flux.from(c.createStatement("CREATE TEMP TABLE sp_names (x int)").execute())
                            .flatMap(PgResult::getRowsUpdated))
                    .then(Mono.from(c.rollbackTransactionToSavepoint("\"my save\"\"point\"")))
                    .then(Mono.from(c.releaseSavepoint("Plain")))
                    .thenMany(Flux.from(c.createStatement("SELECT count(*) FROM pg_class WHERE relname = 'sp_names'")
                            .execute()).flatMap(r -> r.map((row, m) -> row.get(0, Long.class))))
                    .next()
                    .block(TIMEOUT);
            assertThat(rows).isZero();
            Mono.from(c.rollbackTransaction()).block(TIMEOUT);
        } finally {
            c.close().block(TIMEOUT);
        }
    }
}
