package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.testing.LoopbackPeer;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code Statement.add()} batches: one exchange, JDBC {@code executeBatch} semantics, counted on the wire. */
@ExtendWith(PostgresExtension.class)
class BatchIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static PostgresServer server;

    @BeforeAll
    static void server(PostgresServer s) {
        server = s;
    }

    private static PgConnectionFactory factory(String host, int port) {
        ConnectionFactoryOptions url = ConnectionFactoryOptions.parse(server.r2dbcUrl());
        return (PgConnectionFactory) ConnectionFactories.get(url.mutate()
                .option(ConnectionFactoryOptions.HOST, host).option(ConnectionFactoryOptions.PORT, port)
                .option(io.r2dbc.spi.Option.valueOf("sslMode"), "disable").build());
    }

    private static List<Long> run(PgConnection c, String sql) {
        return Flux.from(c.createStatement(sql).execute()).concatMap(r -> r.getRowsUpdated()).collectList()
                .block(TIMEOUT);
    }

    @Test
    void aThousandBindingsOfANewStatementPrepareOnceAndSyncTwice() throws Exception {
        try (LoopbackPeer proxy = LoopbackPeer.proxy("127.0.0.1", server.host(), server.port())) {
            PgConnection c = factory("127.0.0.1", proxy.port()).create().block(TIMEOUT);
            try {
                run(c, "CREATE TEMP TABLE batch_once (id int PRIMARY KEY, v text)");
                Map<Character, Integer> before = frontendMessages(proxy.received());
                PgStatement insert = c.createStatement("INSERT INTO batch_once VALUES ($1, $2)");
                for (int i = 0; i < 1000; i++) {
                    insert.bind(0, i).bind(1, "v" + i);
                    if (i < 999) {
                        insert.add();
                    }
                }
                List<Long> counts = insert.execute().concatMap(r -> r.getRowsUpdated()).collectList().block(TIMEOUT);
                assertThat(counts).hasSize(1000).containsOnly(1L);
                Map<Character, Integer> after = frontendMessages(proxy.received());
                // Parse/Describe/Sync once, then 1,000 Bind/Execute and one Sync.
                assertThat(after.getOrDefault('P', 0) - before.getOrDefault('P', 0)).isEqualTo(1);
                assertThat(after.get('B') - before.getOrDefault('B', 0)).isEqualTo(1000);
                assertThat(after.get('E') - before.getOrDefault('E', 0)).isEqualTo(1000);
                assertThat(after.get('S') - before.getOrDefault('S', 0)).isEqualTo(2);
                assertThat(Mono.from(c.createStatement("SELECT count(*) FROM batch_once").execute())
                        .flatMap(r -> Mono.from(r.map(row -> row.get(0, Long.class)))).block(TIMEOUT)).isEqualTo(1000L);
            } finally {
                c.close().block(TIMEOUT);
            }
        }
    }

    @Test
    void anErrorAtBindingKFailsTheWholeBatchOutsideATransactionAndNamesK() {
        PgConnection c = factory(server.host(), server.port()).create().block(TIMEOUT);
        try {
            run(c, "CREATE TEMP TABLE batch_fail (id int PRIMARY KEY)");
            PgStatement insert = c.createStatement("INSERT INTO batch_fail VALUES ($1)");
            insert.bind(0, 1).add().bind(0, 2).add().bind(0, 2).add().bind(0, 3);
            List<Object> outcomes = insert.execute()
                    .concatMap(r -> Mono.from(r.getRowsUpdated()).<Object>map(n -> n).onErrorResume(Mono::just))
                    .collectList().block(TIMEOUT);
            // Bindings 0 and 1 ran, 2 failed, 3 did not run; the implicit transaction rolled all back.
            assertThat(outcomes).hasSize(3);
            assertThat(outcomes.subList(0, 2)).containsExactly(1L, 1L);
            assertThat(outcomes.get(2)).isInstanceOf(R2dbcDataIntegrityViolationException.class);
            R2dbcDataIntegrityViolationException error = (R2dbcDataIntegrityViolationException) outcomes.get(2);
            assertThat(error.getSqlState()).isEqualTo("23505");
            assertThat(error.getMessage()).contains("Batch binding 2 of 4");
            assertThat(count(c, "batch_fail")).isZero();
            // Inside a transaction block the batch's error aborts the transaction, as any error does.
            Mono.from(c.beginTransaction()).block(TIMEOUT);
            run(c, "INSERT INTO batch_fail VALUES (10)");
            PgStatement again = c.createStatement("INSERT INTO batch_fail VALUES ($1)");
            again.bind(0, 11).add().bind(0, 11).add().bind(0, 12);
            assertThat(again.execute().concatMap(r -> Mono.from(r.getRowsUpdated()).map(n -> "ok")
                    .onErrorResume(e -> Mono.just(e.getMessage().contains("Batch binding 1 of 3: ") ? "binding 1" : e.getMessage())))
                    .collectList().block(TIMEOUT))
                    .containsExactly("ok", "binding 1");
            Mono.from(c.rollbackTransaction()).block(TIMEOUT);
            // The connection is fine afterwards and the statement stays prepared.
            PgStatement ok = c.createStatement("INSERT INTO batch_fail VALUES ($1)");
            ok.bind(0, 20).add().bind(0, 21);
            assertThat(ok.execute().concatMap(r -> r.getRowsUpdated()).collectList().block(TIMEOUT))
                    .containsExactly(1L, 1L);
            assertThat(count(c, "batch_fail")).isEqualTo(2L);
        } finally {
            c.close().block(TIMEOUT);
        }
    }

    @Test
    void aBatchReturningRowsYieldsOneResultPerBindingInOrder() {
        PgConnection c = factory(server.host(), server.port()).create().block(TIMEOUT);
        try {
            PgStatement select = c.createStatement("SELECT $1::int * 2, $2::text");
            for (int i = 0; i < 50; i++) {
                select.bind(0, i).bind(1, "x" + i);
                if (i < 49) {
                    select.add();
                }
            }
            List<String> rows = select.execute()
                    .concatMap(r -> r.map(row -> row.get(0, Integer.class) + row.get(1, String.class)))
                    .collectList().block(TIMEOUT);
            assertThat(rows).hasSize(50).startsWith("0x0", "2x1").endsWith("98x49");
        } finally {
            c.close().block(TIMEOUT);
        }
    }

    private static long count(PgConnection c, String table) {
        return Mono.from(c.createStatement("SELECT count(*) FROM " + table).execute())
                .flatMap(r -> Mono.from(r.map(row -> row.get(0, Long.class)))).block(TIMEOUT);
    }

    /** Counts the typed frontend messages in what a client sent (after its untyped startup message). */
    private static Map<Character, Integer> frontendMessages(byte[] sent) {
        ByteBuffer in = ByteBuffer.wrap(sent);
        in.position(in.getInt(0));
        Map<Character, Integer> counts = new HashMap<>();
        while (in.remaining() >= 5) {
            char type = (char) in.get();
            int length = in.getInt();
            counts.merge(type, 1, Integer::sum);
            in.position(in.position() + length - 4);
        }
        return counts;
    }
}
