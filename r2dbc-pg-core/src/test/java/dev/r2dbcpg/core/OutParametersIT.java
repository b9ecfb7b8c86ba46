package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.OutParameters;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Result;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** CALL of procedures with OUT and INOUT arguments through Parameters.out / inOut. */
@ExtendWith(PostgresExtension.class)
class OutParametersIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static PgConnection connection;
    private static int major;

    @BeforeAll
    static void connect(PostgresServer server) {
        major = server.majorVersion();
        connection = ((PgConnectionFactory) ConnectionFactories.get(server.r2dbcUrl())).create().block(TIMEOUT);
        run("CREATE OR REPLACE PROCEDURE out_add(IN a int, INOUT b int) LANGUAGE plpgsql AS $$ BEGIN b := a + b; END $$");
    }

    @AfterAll
    static void close() {
        run("DROP PROCEDURE IF EXISTS out_add(int, int)");
        connection.close().block(TIMEOUT);
    }

    @Test
    void inOutArgumentComesBackAsAnOutSegment() {
        List<Object> segments = Flux.from(connection.createStatement("CALL out_add($1, $2)")
                        .bind(0, 40).bind(1, Parameters.inOut(R2dbcType.INTEGER, 2)).execute())
                .flatMap(r -> r.flatMap(segment -> Mono.just((Object) (segment instanceof Result.OutSegment out
                        ? out.outParameters().get("b", Integer.class) : segment.getClass().getSimpleName()))))
                .collectList().block(TIMEOUT);
        assertThat(segments).containsExactly(42);
    }

    @Test
    void outArgumentsAreReadByNameAndIndexWithTheirMetadata() {
        assumeTrue(major >= 14, "OUT arguments of procedures arrived in PostgreSQL 14");
        run("CREATE OR REPLACE PROCEDURE out_split(IN full_name text, OUT first text, OUT last text) LANGUAGE plpgsql "
                + "AS $$ BEGIN first := split_part(full_name, ' ', 1); last := split_part(full_name, ' ', 2); END $$");
        try {
            List<String> values = Flux.from(connection.createStatement("CALL out_split($1, $2, $3)")
                            .bind(0, "Ada Lovelace").bind(1, Parameters.out(String.class)).bind(2, Parameters.out(R2dbcType.VARCHAR))
                            .execute())
                    .flatMap(r -> r.map(readable -> {
                        OutParameters out = (OutParameters) readable;
                        return out.get("first", String.class) + "|" + out.get(1, String.class) + "|"
                                + out.getMetadata().getParameterMetadatas().size() + "|"
                                + out.getMetadata().getParameterMetadata(0).getName();
                    }))
                    .collectList().block(TIMEOUT);
            assertThat(values).containsExactly("Ada|Lovelace|2|first");
        } finally {
            run("DROP PROCEDURE out_split(text, text, text)");
        }
    }

    @Test
    void rowsOfOrdinaryStatementsAreNotOutParameters() {
        List<Boolean> isRow = Flux.from(connection.createStatement("SELECT $1::int").bind(0, Parameters.in(7)).execute())
                .flatMap(r -> r.flatMap(segment -> Mono.just(segment instanceof Result.RowSegment)))
                .collectList().block(TIMEOUT);
        assertThat(isRow).containsExactly(true);
    }

    private static void run(String sql) {
        Flux.from(connection.createStatement(sql).execute()).flatMap(Result::getRowsUpdated).blockLast(TIMEOUT);
    }
}
