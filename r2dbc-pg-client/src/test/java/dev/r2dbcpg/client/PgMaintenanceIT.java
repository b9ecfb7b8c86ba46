package dev.r2dbcpg.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

/** {@link PgMaintenance} against a real server. */
@ExtendWith(PostgresExtension.class)
class PgMaintenanceIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static PostgresServer server;
    private static ConnectionFactory factory;
    private static PgMaintenance maintenance;

    @BeforeAll
    static void setUp(PostgresServer s) {
        server = s;
        factory = ConnectionFactories.get(s.r2dbcUrl());
        maintenance = new PgMaintenance(ConnectionRunner.of(factory));
        s.execute("DROP SCHEMA IF EXISTS c2a_m CASCADE", "CREATE SCHEMA c2a_m",
                "CREATE TABLE c2a_m.\"Big\" (id int PRIMARY KEY, v text) WITH (autovacuum_enabled = off)",
                "INSERT INTO c2a_m.\"Big\" SELECT g, 'v' || g FROM generate_series(1, 1000) g",
                "DELETE FROM c2a_m.\"Big\" WHERE id > 500");
    }

    @AfterAll
    static void tearDown() {
        server.execute("DROP SCHEMA IF EXISTS c2a_m CASCADE");
    }

    private static long stat(String column) {
        return Flux.usingWhen(factory.create(), c -> Flux.from(c.createStatement("SELECT coalesce(" + column
                + ", 0)::int8 FROM pg_stat_user_tables WHERE relid = 'c2a_m.\"Big\"'::regclass").execute())
                .flatMap(r -> r.map(row -> row.get(0, Long.class))), Connection::close).single().block(TIMEOUT);
    }

    private static long reltuples() {
        return pgClass("reltuples");
    }

    /** A numeric column of the table's pg_class row. */
    private static long pgClass(String column) {
        return Flux.usingWhen(factory.create(), c -> Flux.from(c.createStatement("SELECT " + column
                + "::int8 FROM pg_class WHERE oid = 'c2a_m.\"Big\"'::regclass").execute())
                .flatMap(r -> r.map(row -> row.get(0, Long.class))), Connection::close).single().block(TIMEOUT);
    }

    @Test
    void vacuumRunsOutsideATransactionBlockWithAnalyzeAndFull() {
        maintenance.vacuum("c2a_m.Big", false, false).block(TIMEOUT);
        maintenance.vacuum("c2a_m.Big", true, false).block(TIMEOUT);
        assertThat(reltuples()).isEqualTo(500L);
        long before = relfilenode();
        maintenance.vacuum("c2a_m.Big", true, true).block(TIMEOUT);
        assertThat(relfilenode()).isNotEqualTo(before); // FULL rewrote the table
        maintenance.vacuum("c2a_m.Big", false, true).block(TIMEOUT);
        maintenance.vacuum(null, false, false).block(TIMEOUT);
    }

    private static long relfilenode() {
        return pgClass("relfilenode");
    }

    @Test
    void analyzeUpdatesTheStatistics() {
        long analyzed = stat("analyze_count");
        maintenance.analyze("c2a_m.\"Big\"").block(TIMEOUT);
        maintenance.analyze(null).block(TIMEOUT);
        assertThat(reltuples()).isEqualTo(500L);
        // The statistics collector reports asynchronously on older servers; the row estimate above is direct.
        assertThat(stat("analyze_count")).isGreaterThanOrEqualTo(analyzed);
    }

    @Test
    void explainGivesThePlanLinesWithBoundParameters() {
        List<String> lines = maintenance.explain("SELECT * FROM c2a_m.\"Big\" WHERE id = $1", List.of(42), false)
                .collectList().block(TIMEOUT);
        assertThat(lines).isNotEmpty();
        assertThat(String.join("\n", lines)).contains("Big").containsPattern("Index Scan|Seq Scan|Bitmap");
        List<String> analyzed = maintenance.explain("SELECT count(*) FROM c2a_m.\"Big\" WHERE v = $1", List.of("v7"), true)
                .collectList().block(TIMEOUT);
        assertThat(String.join("\n", analyzed)).contains("actual").contains("Execution Time");
    }

    @Test
    void explainJsonGivesTheTreeOfThePlan() {
        JsonNode plan = maintenance.explainJson("SELECT * FROM c2a_m.\"Big\" WHERE id < $1", Arrays.asList(10), true)
                .block(TIMEOUT);
        assertThat(plan.isArray()).isTrue();
        JsonNode root = plan.get(0).get("Plan");
        assertThat(root.get("Node Type").asText()).isNotBlank();
        assertThat(root.has("Actual Rows")).isTrue();
        assertThat(plan.get(0).has("Execution Time")).isTrue();
        JsonNode estimated = maintenance.explainJson("SELECT 1", List.of(), false).block(TIMEOUT);
        assertThat(estimated.get(0).get("Plan").get("Node Type").asText()).isEqualTo("Result");
    }

    @Test
    void namesThatAreNotIdentifiersAreRefused() {
        for (String bad : PgSchemaIT.ATTACKS) {
            assertThatThrownBy(() -> maintenance.vacuum(bad, true, true)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> maintenance.analyze(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> maintenance.explain(" ", List.of(), false)).isInstanceOf(IllegalArgumentException.class);
        server.execute("SELECT 1 FROM c2a_m.\"Big\"");
    }
}
