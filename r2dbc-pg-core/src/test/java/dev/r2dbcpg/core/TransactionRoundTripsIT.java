package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.core.config.PgConnectionConfiguration;
import dev.r2dbcpg.testing.Credentials;
import dev.r2dbcpg.testing.LoopbackPeer;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.TransactionDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * BEGIN rides ahead of the transaction's first statement: round trips counted through a loopback proxy, and what
 * an error in BEGIN does.
 */
@ExtendWith(PostgresExtension.class)
class TransactionRoundTripsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private LoopbackPeer proxy;
    private PgConnection connection;
    @TempDir
    Path tmp;

    @BeforeEach
    void connect(PostgresServer server) throws Exception {
        proxy = LoopbackPeer.proxy("127.0.0.1", server.host(), server.port());
        Credentials user = server.superuser();
        connection = PgConnectionFactory.create(PgConnectionConfiguration.builder().host("127.0.0.1").port(proxy.port())
                .database(server.database()).user(user.user()).password(user.password())
                .passfile(tmp.resolve("none")).build()).create().block(TIMEOUT);
        update("CREATE TEMP TABLE t (id serial PRIMARY KEY, v int)");
    }

    @AfterEach
    void close() throws Exception {
        connection.close().block(TIMEOUT);
        proxy.close();
    }

    @Test
    void beginInsertReturningSelectCommitTakeThreeRoundTrips() {
        w5();
        int before = proxy.roundTrips();
        w5();
        assertThat(proxy.roundTrips() - before).isEqualTo(3);
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void aCommitOrRollbackWithNothingSentCostsNoRoundTrip() {
        int before = proxy.roundTrips();
        connection.beginTransaction().block(TIMEOUT);
        assertThat(connection.isAutoCommit()).isFalse();
        connection.commitTransaction().block(TIMEOUT);
        assertThat(connection.isAutoCommit()).isTrue();
        connection.beginTransaction(IsolationLevel.SERIALIZABLE).block(TIMEOUT);
        connection.rollbackTransaction().block(TIMEOUT);
        assertThat(proxy.roundTrips() - before).isZero();
        assertThat(text("SELECT current_setting('transaction_isolation')")).isEqualTo("read committed");
    }

    @Test
    void theTransactionDefinitionRidesWithTheFirstStatement() {
        String settings = "SELECT current_setting('transaction_isolation') || ' ' || current_setting('transaction_read_only')"
                + " || ' ' || current_setting('lock_timeout')";
        assertThat(text(settings)).as("prepared before the count").isEqualTo("read committed off 0");
        connection.beginTransaction(definition(Map.of(TransactionDefinition.ISOLATION_LEVEL, IsolationLevel.SERIALIZABLE,
                TransactionDefinition.READ_ONLY, true, TransactionDefinition.LOCK_WAIT_TIMEOUT, Duration.ofSeconds(3))))
                .block(TIMEOUT);
        int before = proxy.roundTrips();
        assertThat(text(settings)).isEqualTo("serializable on 3s");
        assertThat(proxy.roundTrips() - before).isEqualTo(1);
        connection.commitTransaction().block(TIMEOUT);
        assertThat(text("SELECT current_setting('lock_timeout')")).isEqualTo("0");
    }

    @Test
    void anErrorFromBeginReachesTheStatementAndTheStateIsTheServers() {
        // lock_timeout is an int of milliseconds: 30 days is out of its range, so SET LOCAL fails after BEGIN.
        connection.beginTransaction(definition(Map.of(TransactionDefinition.LOCK_WAIT_TIMEOUT, Duration.ofDays(30))))
                .block(TIMEOUT);
        Flux.from(connection.createStatement("INSERT INTO t (v) VALUES ($1)").bind(0, 1).execute())
                .flatMap(r -> r.getRowsUpdated())
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(R2dbcException.class).hasMessageContaining("lock_timeout");
                    assertThat(((R2dbcException) e).getSqlState()).isEqualTo("22023");
                })
                .verify(TIMEOUT);
        assertThat(connection.isAutoCommit()).as("in the failed transaction").isFalse();
        connection.rollbackTransaction().block(TIMEOUT);
        assertThat(connection.isAutoCommit()).isTrue();
        assertThat(count()).isZero();
    }

    @Test
    void aheadOfAStringOfStatementsTheBeginIsAQueryOfItsOwnInTheSameRoundTrip() {
        connection.beginTransaction().block(TIMEOUT);
        int before = proxy.roundTrips();
        update("INSERT INTO t (v) VALUES (1); INSERT INTO t (v) VALUES (2)");
        assertThat(connection.isAutoCommit()).isFalse();
        assertThat(proxy.roundTrips() - before).isEqualTo(1);
        connection.rollbackTransaction().block(TIMEOUT);
        assertThat(count()).isZero();
    }

    @Test
    void autoCommitOffBeginsWithTheFirstStatement() {
        update("INSERT INTO t (v) VALUES (1)");
        update("DELETE FROM t");
        connection.setAutoCommit(false).block(TIMEOUT);
        int before = proxy.roundTrips();
        update("INSERT INTO t (v) VALUES (1)");
        assertThat(proxy.roundTrips() - before).isEqualTo(1);
        connection.rollbackTransaction().block(TIMEOUT);
        assertThat(count()).isZero();
        connection.setAutoCommit(true).block(TIMEOUT);
    }

    private void w5() {
        connection.beginTransaction().block(TIMEOUT);
        Integer id = Flux.from(connection.createStatement("INSERT INTO t (v) VALUES ($1) RETURNING id").bind(0, 7)
                .execute()).flatMap(r -> r.map(row -> row.get(0, Integer.class))).single().block(TIMEOUT);
        Integer v = Flux.from(connection.createStatement("SELECT v FROM t WHERE id = $1").bind(0, id).execute())
                .flatMap(r -> r.map(row -> row.get(0, Integer.class))).single().block(TIMEOUT);
        assertThat(v).isEqualTo(7);
        connection.commitTransaction().block(TIMEOUT);
    }

    private long count() {
        return Flux.from(connection.createStatement("SELECT count(*) FROM t").execute())
                .flatMap(r -> r.map(row -> row.get(0, Long.class))).single().block(TIMEOUT);
    }

    private String text(String sql) {
        return Flux.from(connection.createStatement(sql).execute())
                .flatMap(r -> r.map(row -> row.get(0, String.class))).single().block(TIMEOUT);
    }

    private void update(String sql) {
        Flux.from(connection.createStatement(sql).execute()).flatMap(r -> r.getRowsUpdated()).blockLast(TIMEOUT);
    }

    private static TransactionDefinition definition(Map<io.r2dbc.spi.Option<?>, Object> attributes) {
        return new TransactionDefinition() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T getAttribute(io.r2dbc.spi.Option<T> option) {
                return (T) attributes.get(option);
            }
        };
    }
}
