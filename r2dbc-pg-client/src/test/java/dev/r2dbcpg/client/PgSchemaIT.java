package dev.r2dbcpg.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.R2dbcBadGrammarException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

/** {@link PgSchema} against a real server: every method, and names that try to inject SQL. */
@ExtendWith(PostgresExtension.class)
class PgSchemaIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static PostgresServer server;
    private static PgSchema schema;

    @BeforeAll
    static void setUp(PostgresServer s) {
        server = s;
        schema = new PgSchema(ConnectionRunner.of(ConnectionFactories.get(s.r2dbcUrl())));
        s.execute("DROP SCHEMA IF EXISTS c2a_s CASCADE", "CREATE SCHEMA c2a_s",
                "CREATE TABLE c2a_s.users (id int PRIMARY KEY, email varchar(40) NOT NULL UNIQUE, "
                        + "score numeric(10,2) DEFAULT 0, \"Mixed\" text)",
                "CREATE TABLE c2a_s.orders (id bigint GENERATED ALWAYS AS IDENTITY, user_id int REFERENCES c2a_s.users(id), "
                        + "qty int CHECK (qty > 0), PRIMARY KEY (id, user_id))",
                "CREATE INDEX orders_lower ON c2a_s.orders USING btree ((qty * 2), user_id)",
                "CREATE TABLE c2a_s.victim (i int)", "INSERT INTO c2a_s.users SELECT g, 'u' || g FROM generate_series(1, 25) g");
    }

    @AfterAll
    static void tearDown() {
        server.execute("DROP SCHEMA IF EXISTS c2a_s CASCADE", "DROP SCHEMA IF EXISTS \"c2a_New\" CASCADE",
                "DROP SCHEMA IF EXISTS c2a_q CASCADE");
    }

    private static <T> List<T> list(reactor.core.publisher.Flux<T> flux) {
        return flux.collectList().block(TIMEOUT);
    }

    private static <T> T one(reactor.core.publisher.Mono<T> mono) {
        return mono.block(TIMEOUT);
    }

    @Test
    void schemasAreListedCreatedAndDroppedWithTheirCaseKept() {
        one(schema.createSchema("c2a_New", false));
        one(schema.createSchema("c2a_New", true));
        assertThat(list(schema.listSchemas())).contains("c2a_s", "c2a_New", "public").doesNotContain("pg_catalog",
                "information_schema");
        assertThat(one(schema.schemaExists("c2a_New"))).isTrue();
        assertThat(one(schema.schemaExists("\"c2a_New\""))).isTrue();
        assertThat(one(schema.schemaExists("c2a_new"))).isFalse();
        one(schema.createTable("\"c2a_New\".t", Map.of("i", "int"), false));
        StepVerifier.create(schema.dropSchema("c2a_New", false, false))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("depend")).verify(TIMEOUT);
        one(schema.dropSchema("c2a_New", false, true));
        one(schema.dropSchema("c2a_New", true, true));
        assertThat(one(schema.schemaExists("c2a_New"))).isFalse();
    }

    @Test
    void tablesColumnsAndTheirTypes() {
        assertThat(list(schema.listTables("c2a_s"))).containsExactly("orders", "users", "victim");
        assertThat(one(schema.tableExists("c2a_s.users"))).isTrue();
        assertThat(one(schema.tableExists("c2a_s.nope"))).isFalse();
        assertThat(one(schema.tableExists("users"))).isFalse(); // not on the search path
        assertThat(list(schema.tableInfo("c2a_s.users"))).containsExactly(
                new ColumnInfo("id", "integer", false, null, 1, true),
                new ColumnInfo("email", "character varying(40)", false, null, 2, false),
                new ColumnInfo("score", "numeric(10,2)", true, "0", 3, false),
                new ColumnInfo("Mixed", "text", true, null, 4, false));
        assertThat(list(schema.listColumns("c2a_s.orders"))).containsExactly("id", "user_id", "qty");
        assertThat(list(schema.columnsWithTypes("c2a_s.orders"))).containsExactly(new ColumnType("id", "bigint"),
                new ColumnType("user_id", "integer"), new ColumnType("qty", "integer"));
        assertThat(list(schema.tableInfo("c2a_s.orders"))).filteredOn(ColumnInfo::primaryKey)
                .extracting(ColumnInfo::name).containsExactly("id", "user_id");
        StepVerifier.create(schema.tableInfo("c2a_s.missing"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(R2dbcBadGrammarException.class)
                        .hasMessageContaining("c2a_s.missing"))
                .verify(TIMEOUT);
    }

    @Test
    void exactAndEstimatedRowCounts() {
        assertThat(one(schema.rowCount("c2a_s.users"))).isEqualTo(25L);
        server.execute("ANALYZE c2a_s.users");
        assertThat(one(schema.estimatedRowCount("c2a_s.users"))).isEqualTo(25L);
    }

    @Test
    void indexesWithColumnsExpressionsMethodAndDefinition() {
        assertThat(list(schema.listIndexes("c2a_s.orders"))).containsExactly(
                new IndexInfo("orders_lower", List.of("(qty * 2)", "user_id"), false, false, "btree",
                        "CREATE INDEX orders_lower ON c2a_s.orders USING btree (((qty * 2)), user_id)"),
                new IndexInfo("orders_pkey", List.of("id", "user_id"), true, true, "btree",
                        "CREATE UNIQUE INDEX orders_pkey ON c2a_s.orders USING btree (id, user_id)"));
    }

    @Test
    void constraintsWithTypeColumnsAndDefinitions() {
        List<ConstraintInfo> constraints = list(schema.listConstraints("c2a_s.orders"));
        assertThat(constraints).filteredOn(c -> c.type() != ConstraintInfo.Type.NOT_NULL).containsExactly(
                new ConstraintInfo("orders_pkey", ConstraintInfo.Type.PRIMARY_KEY, List.of("id", "user_id"),
                        "PRIMARY KEY (id, user_id)", null),
                new ConstraintInfo("orders_qty_check", ConstraintInfo.Type.CHECK, List.of("qty"), "CHECK (qty > 0)", null),
                new ConstraintInfo("orders_user_id_fkey", ConstraintInfo.Type.FOREIGN_KEY, List.of("user_id"),
                        "FOREIGN KEY (user_id) REFERENCES c2a_s.users(id)", "c2a_s.users"));
        assertThat(list(schema.listConstraints("c2a_s.users"))).extracting(ConstraintInfo::type)
                .contains(ConstraintInfo.Type.UNIQUE);
    }

    @Test
    void extensionsListedCheckedCreatedAndDropped() {
        assertThat(list(schema.listExtensions())).extracting(ExtensionInfo::name).contains("plpgsql");
        assertThat(one(schema.hasExtension("plpgsql"))).isTrue();
        one(schema.createExtension("\"uuid-ossp\"", true));
        assertThat(one(schema.hasExtension("\"uuid-ossp\""))).isTrue();
        assertThat(list(schema.listExtensions())).anySatisfy(e -> assertThat(e.name()).isEqualTo("uuid-ossp"));
        one(schema.dropExtension("\"uuid-ossp\"", false, false));
        assertThat(one(schema.hasExtension("\"uuid-ossp\""))).isFalse();
        assertThatThrownBy(() -> schema.createExtension("uuid-ossp", true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sizesInBytesAndPretty() {
        SizeInfo db = one(schema.size());
        assertThat(db.bytes()).isPositive();
        assertThat(db.pretty()).matches("\\d+ (bytes|kB|MB|GB)");
        TableSize users = one(schema.tableSize("c2a_s.users"));
        assertThat(users.schema()).isEqualTo("c2a_s");
        assertThat(users.name()).isEqualTo("users");
        assertThat(users.table().bytes()).isPositive();
        assertThat(users.indexes().bytes()).isPositive();
        assertThat(users.total().bytes()).isEqualTo(users.table().bytes() + users.indexes().bytes());
        assertThat(list(schema.tableSizes("c2a_s"))).extracting(TableSize::name)
                .containsExactlyInAnyOrder("users", "orders", "victim");
    }

    @Test
    void createAndDropTablesAndIndexes() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("id", "serial PRIMARY KEY");
        columns.put("Name", "text NOT NULL");
        columns.put("price", "numeric(10,2)");
        one(schema.createTable("c2a_s.products", columns, false));
        one(schema.createTable("c2a_s.products", columns, true));
        assertThat(list(schema.listColumns("c2a_s.products"))).containsExactly("id", "Name", "price");
        one(schema.createIndex("c2a_s.products", List.of("Name"), IndexOptions.defaults().unique(true)));
        one(schema.createIndex("c2a_s.products", List.of("price", "id"),
                IndexOptions.defaults().name("by_price").method("btree").concurrently(true)));
        one(schema.createIndex("c2a_s.products", List.of("price"), IndexOptions.defaults().name("by_hash").method("hash")));
        assertThat(list(schema.listIndexes("c2a_s.products"))).extracting(IndexInfo::name, IndexInfo::method,
                IndexInfo::unique).contains(
                        org.assertj.core.groups.Tuple.tuple("products_Name_idx", "btree", true),
                        org.assertj.core.groups.Tuple.tuple("by_price", "btree", false),
                        org.assertj.core.groups.Tuple.tuple("by_hash", "hash", false));
        one(schema.dropIndex("c2a_s.by_price", false));
        one(schema.dropIndex("c2a_s.by_price", true));
        assertThat(list(schema.listIndexes("c2a_s.products"))).extracting(IndexInfo::name).doesNotContain("by_price");
        one(schema.dropTable("c2a_s.products", false, false));
        one(schema.dropTable("c2a_s.products", true, true));
        assertThat(one(schema.tableExists("c2a_s.products"))).isFalse();
    }

    static final List<String> ATTACKS = List.of("x\"; DROP TABLE c2a_s.victim; --", "a.b.c.d",
            "victim; DROP TABLE c2a_s.victim", "t /* comment */", "t -- comment", "\"unterminated", "t)", "",
            "c2a_s.victim\0");

    @Test
    void namesThatAreNotIdentifiersAreRefusedBeforeAnythingIsSent() {
        Map<String, String> col = Map.of("i", "int");
        for (String bad : ATTACKS) {
            List<Consumer<String>> calls = List.of(
                    n -> schema.schemaExists(n), n -> schema.createSchema(n, true), n -> schema.dropSchema(n, true, true),
                    n -> schema.listTables(n), n -> schema.tableExists(n), n -> schema.tableInfo(n),
                    n -> schema.listColumns(n), n -> schema.columnsWithTypes(n), n -> schema.rowCount(n),
                    n -> schema.estimatedRowCount(n), n -> schema.listIndexes(n), n -> schema.listConstraints(n),
                    n -> schema.hasExtension(n), n -> schema.createExtension(n, true),
                    n -> schema.dropExtension(n, true, true), n -> schema.tableSize(n), n -> schema.tableSizes(n),
                    n -> schema.createTable(n, col, true), n -> schema.createTable("c2a_s.x", Map.of(n, "int"), true),
                    n -> schema.dropTable(n, true, true), n -> schema.createIndex(n, List.of("i"), IndexOptions.defaults()),
                    n -> schema.createIndex("c2a_s.victim", List.of(n), IndexOptions.defaults()),
                    n -> schema.createIndex("c2a_s.victim", List.of("i"), IndexOptions.defaults().name(n)),
                    n -> schema.createIndex("c2a_s.victim", List.of("i"), IndexOptions.defaults().method(n)),
                    n -> schema.dropIndex(n, true));
            for (int i = 0; i < calls.size(); i++) {
                Consumer<String> call = calls.get(i);
                assertThatThrownBy(() -> call.accept(bad), "call %d with name %s", i, bad)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
        assertThat(one(schema.tableExists("c2a_s.victim"))).isTrue();
    }

    @Test
    void quotedNamesWithSqlInsideAreHarmlessIdentifiers() {
        String evil = "\"x\"\"; DROP TABLE c2a_s.victim; --\"";
        String stored = "x\"; DROP TABLE c2a_s.victim; --";
        one(schema.createSchema("c2a_q", false));
        try {
            one(schema.createTable("c2a_q." + evil, Map.of(evil, "int"), false));
            assertThat(list(schema.listTables("c2a_q"))).containsExactly(stored);
            assertThat(list(schema.listColumns("c2a_q." + evil))).containsExactly(stored);
            one(schema.createIndex("c2a_q." + evil, List.of(evil), IndexOptions.defaults().name("\"i\"\"; --\"")));
            assertThat(list(schema.listIndexes("c2a_q." + evil))).extracting(IndexInfo::name, IndexInfo::columns)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("i\"; --", List.of(stored)));
            assertThat(one(schema.rowCount("c2a_q." + evil))).isZero();
            one(schema.dropTable("c2a_q." + evil, false, false));
            assertThat(one(schema.schemaExists("\"x\"\"; DROP SCHEMA c2a_s; --\""))).isFalse();
        } finally {
            one(schema.dropSchema("c2a_q", true, true));
        }
        assertThat(one(schema.tableExists("c2a_s.victim"))).isTrue();
        assertThat(one(schema.schemaExists("c2a_s"))).isTrue();
    }
}
