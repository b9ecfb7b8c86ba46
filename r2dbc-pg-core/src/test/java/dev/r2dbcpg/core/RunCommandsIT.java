package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** {@link PgConnection#runCommands}: several statements in one round trip, results dropped, the first error reported. */
@ExtendWith(PostgresExtension.class)
class RunCommandsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private PgConnection connection;

    @BeforeEach
    void connect(PostgresServer server) {
        connection = Mono.from(((PgConnectionFactory) ConnectionFactories.get(server.r2dbcUrl())).create())
                .block(TIMEOUT);
    }

    @AfterEach
    void close() {
        connection.close().block(TIMEOUT);
    }

    private String value(String sql) {
        return Flux.from(connection.createStatement(sql).execute())
                .flatMap(r -> r.map((row, meta) -> row.get(0, String.class)))
                .single().block(TIMEOUT);
    }

    @Test
    void runsEveryStatementAndDropsRowsCountsAndCopyData() {
        // Rows, an update count and COPY TO STDOUT data: all released unread (the leak detector is paranoid).
        connection.runCommands("CREATE TEMP TABLE run_commands(i int); INSERT INTO run_commands VALUES (1), (2); "
                        + "SELECT i FROM run_commands; COPY run_commands TO STDOUT; SET work_mem = '7MB'")
                .as(StepVerifier::create).expectComplete().verify(TIMEOUT);
        assertThat(value("SELECT current_setting('work_mem')")).isEqualTo("7MB");
        assertThat(value("SELECT count(*)::text FROM run_commands")).isEqualTo("2");
    }

    @Test
    void failsWithTheFirstErrorAndTheServerSkipsTheRest() {
        connection.runCommands("SET work_mem = '9MB'; SELEC 1; SET work_mem = '11MB'")
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(R2dbcBadGrammarException.class)
                        .hasMessageContaining("SELEC")
                        .satisfies(x -> assertThat(((R2dbcException) x).getSql()).contains("SELEC 1")))
                .verify(TIMEOUT);
        // One implicit transaction: the error rolled back the first SET too, and the last never ran.
        assertThat(value("SELECT current_setting('work_mem')")).isNotIn("9MB", "11MB");
        assertThat(connection.transactionStatus()).isEqualTo('I');
    }

    @Test
    void queryLoggersSeeItWithItsError() {
        List<PgQueryEvent> events = new CopyOnWriteArrayList<>();
        connection.addQueryLogger(events::add, false);
        connection.runCommands("RESET ALL").then(connection.runCommands("SELECT 1/0").onErrorResume(e -> Mono.empty()))
                .as(StepVerifier::create).expectComplete().verify(TIMEOUT);
        assertThat(events).extracting(PgQueryEvent::sql).containsExactly("RESET ALL", "SELECT 1/0");
        assertThat(events.get(0).error()).isNull();
        assertThat(events.get(1).error()).isInstanceOf(R2dbcException.class);
    }

    @Test
    void pipelinedWithStatementsInCallOrder() {
        // Subscribed without waiting: the SET is queued before the query and so runs before it.
        Mono<Void> set = connection.runCommands("SET application_name = 'run-commands-order'");
        Mono<String> read = Flux.from(connection.createStatement("SELECT current_setting('application_name')").execute())
                .flatMap(r -> r.map((row, meta) -> row.get(0, String.class))).single();
        Mono.zip(set.thenReturn(true), read)
                .as(StepVerifier::create)
                .assertNext(t -> assertThat(t.getT2()).isEqualTo("run-commands-order"))
                .expectComplete()
                .verify(TIMEOUT);
    }
}
