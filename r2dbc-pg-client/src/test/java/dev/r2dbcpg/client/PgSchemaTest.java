package dev.r2dbcpg.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact statements {@link PgSchema} and {@link PgMaintenance} send. */
class PgSchemaTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final RecordingSql sql = new RecordingSql(Map.of());
    private final PgSchema schema = new PgSchema(sql);
    private final PgMaintenance maintenance = new PgMaintenance(sql);

    private RecordingSql.Sent last() {
        return sql.sent.get(sql.sent.size() - 1);
    }

    @Test
    void ddlQuotesEveryNameAndWritesTheTypeTextAsGiven() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("id", "bigserial PRIMARY KEY");
        columns.put("Price", "numeric(10,2) NOT NULL DEFAULT 0");
        schema.createTable("app.Products", columns, true).block(TIMEOUT);
        assertThat(last().sql()).isEqualTo("CREATE TABLE IF NOT EXISTS \"app\".\"Products\" "
                + "(\"id\" bigserial PRIMARY KEY, \"Price\" numeric(10,2) NOT NULL DEFAULT 0)");
        schema.createIndex("app.Products", List.of("Price", "id"),
                IndexOptions.defaults().unique(true).name("by_price").method("btree").concurrently(true)).block(TIMEOUT);
        assertThat(last().sql()).isEqualTo("CREATE UNIQUE INDEX CONCURRENTLY \"by_price\" ON \"app\".\"Products\" "
                + "USING \"btree\" (\"Price\", \"id\")");
        schema.createIndex("t", List.of("a"), IndexOptions.defaults()).block(TIMEOUT);
        assertThat(last().sql()).isEqualTo("CREATE INDEX ON \"t\" (\"a\")");
        schema.dropIndex("app.by_price", true).block(TIMEOUT);
        assertThat(last().sql()).isEqualTo("DROP INDEX IF EXISTS \"app\".\"by_price\"");
        schema.dropTable("app.Products", true, true).block(TIMEOUT);
        assertThat(last().sql()).isEqualTo("DROP TABLE IF EXISTS \"app\".\"Products\" CASCADE");
        schema.dropSchema("app", false, false).block(TIMEOUT);
        assertThat(last().sql()).isEqualTo("DROP SCHEMA \"app\"");
        schema.createExtension("\"uuid-ossp\"", true).block(TIMEOUT);
        assertThat(last().sql()).isEqualTo("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"");
    }

    @Test
    void catalogQueriesBindTheNames() {
        schema.tableInfo("\"App\".users").collectList().block(TIMEOUT);
        assertThat(last().params()).containsExactly("\"App\".\"users\"");
        assertThat(last().sql()).contains("$1::regclass").doesNotContain("App");
        schema.listTables("\"we\"\"ird\"").collectList().block(TIMEOUT);
        assertThat(last().params()).containsExactly("we\"ird");
    }

    @Test
    void maintenanceStatements() {
        maintenance.vacuum("app.Big", true, true).block(TIMEOUT);
        assertThat(last().sql()).isEqualTo("VACUUM (FULL, ANALYZE) \"app\".\"Big\"");
        maintenance.vacuum(null, false, false).block(TIMEOUT);
        assertThat(last().sql()).isEqualTo("VACUUM");
        maintenance.analyze("t").block(TIMEOUT);
        assertThat(last().sql()).isEqualTo("ANALYZE \"t\"");
        maintenance.explain("SELECT $1", List.of(1), true).collectList().block(TIMEOUT);
        assertThat(last()).isEqualTo(new RecordingSql.Sent("EXPLAIN (ANALYZE) SELECT $1", List.of(1)));
        assertThatThrownBy(() -> schema.createTable("t", Map.of("a", " "), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> schema.createTable("t", Map.of(), false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> schema.createIndex("t", List.of(), IndexOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
