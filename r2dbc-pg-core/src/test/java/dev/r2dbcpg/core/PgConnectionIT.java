package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Result;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

@ExtendWith(PostgresExtension.class)
class PgConnectionIT {

    private static ConnectionFactory factory;

    @BeforeAll
    static void factory(PostgresServer server) {
        factory = ConnectionFactories.get(server.r2dbcUrl());
    }

    @Test
    void parametersDeclaredWithATypeAreSentAsThatType() {
        PgType jsonb = new PgType(3802, "jsonb", String.class);
        Flux.usingWhen(factory.create(), c -> Flux.from(c.createStatement(
                                "SELECT pg_typeof($1)::text, pg_typeof($2)::text, pg_typeof($3)::text, pg_typeof($4)::text,"
                                        + " pg_typeof($5)::text, $2::text")
                                .bind(0, Parameters.in(R2dbcType.VARCHAR, "x"))
                                .bind(1, Parameters.in(jsonb, "{\"a\": 1}"))
                                .bind(2, Parameters.in(R2dbcType.TIMESTAMP))
                                .bind(3, Parameters.in(R2dbcType.INTEGER, "42"))
                                // an int4 in binary cannot be read as varchar: the value's own type is declared
                                .bind(4, Parameters.in(R2dbcType.VARCHAR, 42))
                                .execute())
                        .flatMap(r -> r.map((row, meta) -> List.of(row.get(0, String.class), row.get(1, String.class),
                                row.get(2, String.class), row.get(3, String.class), row.get(4, String.class),
                                row.get(5, String.class)))),
                Connection::close)
                .as(StepVerifier::create)
                .expectNext(List.of("character varying", "jsonb", "timestamp without time zone", "integer", "integer",
                        "{\"a\": 1}"))
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void runsSimpleAndExtendedQueries() {
        Flux.usingWhen(factory.create(), c -> Flux.from(c.createStatement("SELECT 1 AS one, 'x' AS two").execute())
                        .flatMap(r -> r.map((row, meta) -> row.get("one", Integer.class) + row.get(1, String.class)))
                        .concatWith(Flux.from(c.createStatement("SELECT $1::int + 1").bind(0, 41).execute())
                                .flatMap(r -> r.map((row, meta) -> String.valueOf(row.get(0, Integer.class))))),
                Connection::close)
                .as(StepVerifier::create)
                .expectNext("1x", "42")
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void multiStatementStringYieldsOneResultPerStatement() {
        Flux.usingWhen(factory.create(), c -> Flux.from(c.createStatement(
                        "CREATE TEMP TABLE t(i int); INSERT INTO t VALUES (1),(2); SELECT count(*) FROM t").execute())
                        .concatMap(r -> Flux.from(r.flatMap(s -> Mono.just(s instanceof Result.RowSegment ? "RowSegment"
                                : s instanceof Result.UpdateCount ? "UpdateCount" : s.getClass().getSimpleName())))
                                .collectList()),
                Connection::close)
                .as(StepVerifier::create)
                .expectNext(List.of(), List.of("UpdateCount"), List.of("RowSegment"))
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void cachedStatementIsReused() {
        Flux.usingWhen(factory.create(), c -> Flux.range(1, 5)
                        .concatMap(i -> Flux.from(c.createStatement("SELECT $1::int * 2").bind(0, i).execute())
                                .flatMap(r -> r.map((row, meta) -> row.get(0, Integer.class)))),
                Connection::close)
                .as(StepVerifier::create)
                .expectNext(2, 4, 6, 8, 10)
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void serverErrorSurfacesFromMapAndLeavesConnectionUsable() {
        Flux.usingWhen(factory.create(), c -> Flux.from(c.createStatement("SELECT * FROM no_such_table").execute())
                        .flatMap(r -> r.map((row, meta) -> "row"))
                        .onErrorResume(e -> Mono.just(e.getClass().getSimpleName()))
                        .concatWith(Flux.from(c.createStatement("SELECT 'ok'").execute())
                                .flatMap(r -> r.map((row, meta) -> row.get(0, String.class)))),
                Connection::close)
                .as(StepVerifier::create)
                .expectNext("UndefinedTable", "ok")
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void insertReportsRowsUpdated() {
        Flux.usingWhen(factory.create(), c -> Flux.from(c.createStatement("CREATE TEMP TABLE u(i int)").execute())
                        .flatMap(Result::getRowsUpdated)
                        .thenMany(c.createStatement("INSERT INTO u VALUES ($1), ($2)").bind(0, 1).bind(1, 2).execute())
                        .flatMap(Result::getRowsUpdated),
                Connection::close)
                .as(StepVerifier::create)
                .expectNext(2L)
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }
}
