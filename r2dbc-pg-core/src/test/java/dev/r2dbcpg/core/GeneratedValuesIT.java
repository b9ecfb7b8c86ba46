package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.ConnectionFactories;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code returnGeneratedValues} with the names frameworks hand in: plain, already quoted (Spring Data R2DBC 4), qualified. */
@ExtendWith(PostgresExtension.class)
class GeneratedValuesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private PgConnection connection;

    @BeforeEach
    void connect(PostgresServer server) {
        connection = (PgConnection) Mono.from(ConnectionFactories.get(server.r2dbcUrl()).create()).block(TIMEOUT);
        run("CREATE TEMP TABLE person (id serial PRIMARY KEY, \"Name\" text, \"odd\"\"col\" int DEFAULT 7)");
    }

    @AfterEach
    void close() {
        connection.close().block(TIMEOUT);
    }

    @Test
    void aPlainNameIsQuoted() {
        assertThat(insertReturning("id")).containsExactly(List.of(1));
    }

    @Test
    void anAlreadyQuotedNameIsUsedAsGiven() {
        assertThat(insertReturning("\"id\"", "\"Name\"", "\"odd\"\"col\"")).containsExactly(List.of(1, "ann", 7));
    }

    @Test
    void aQualifiedNameAndAStar() {
        assertThat(insertReturning("person.id", "\"person\".\"Name\"")).containsExactly(List.of(1, "ann"));
        assertThat(insertReturning("*")).containsExactly(List.of(2, "ann", 7));
    }

    @Test
    void anInjectionIsRefusedBeforeAnythingIsSent() {
        PgStatement statement = connection.createStatement("INSERT INTO person (\"Name\") VALUES ('ann')");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> statement.returnGeneratedValues("id; CREATE TABLE injected (x int)"))
                .withMessageStartingWith("Not a valid column name: 'id; CREATE TABLE injected (x int)'");
        assertThatIllegalArgumentException().isThrownBy(() -> statement.returnGeneratedValues("id) --"));
        assertThat(Flux.from(connection.createStatement(
                        "SELECT count(*) FROM pg_class WHERE relname IN ('injected', 'person') AND relkind = 'r'").execute())
                .flatMap(r -> r.map(row -> row.get(0, Long.class))).single().block(TIMEOUT)).isEqualTo(1L);
    }

    private List<List<Object>> insertReturning(String... columns) {
        return Flux.from(connection.createStatement("INSERT INTO person (\"Name\") VALUES ($1)").bind(0, "ann")
                        .returnGeneratedValues(columns).execute())
                .flatMap(r -> r.map((row, meta) -> {
                    List<Object> values = new java.util.ArrayList<>();
                    for (int i = 0; i < meta.getColumnMetadatas().size(); i++) {
                        values.add(row.get(i));
                    }
                    return values;
                }))
                .collectList().block(TIMEOUT);
    }

    private void run(String sql) {
        Flux.from(connection.createStatement(sql).execute()).flatMap(r -> r.getRowsUpdated()).blockLast(TIMEOUT);
    }
}
