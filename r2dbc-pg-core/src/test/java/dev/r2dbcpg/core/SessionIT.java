package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.core.config.PgConnectionConfiguration;
import dev.r2dbcpg.core.config.SslMode;
import dev.r2dbcpg.core.error.PgTimeoutException;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.TransactionDefinition;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Connection options, session facts, transactions and the SPI's edges, against the real server. */
@ExtendWith(PostgresExtension.class)
class SessionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void startupSendsApplicationNameAndServerSettings(PostgresServer server) {
        String url = server.r2dbcUrl() + "?applicationName=session-it&serverSettings=work_mem%3D1234kB";
        PgConnectionFactory factory = (PgConnectionFactory) ConnectionFactories.get(url);
        assertThat(factory.configuration().serverSettings()).containsEntry("work_mem", "1234kB");
        assertThat(values(factory, "SELECT current_setting('application_name'), current_setting('work_mem')"))
                .containsExactly("session-it", "1234kB");
    }

    @Test
    void connectionReportsServerFactsAndNegotiatedProtocol(PostgresServer server) {
        PgConnection c = connect(server.r2dbcUrl());
        try {
            assertThat(c.getMetadata().getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(c.getMetadata().getDatabaseVersion()).startsWith(Integer.toString(server.majorVersion()));
            assertThat(c.serverParameters()).containsKeys("server_version", "client_encoding", "TimeZone", "DateStyle",
                    "integer_datetimes", "standard_conforming_strings", "is_superuser");
            assertThat(c.serverParameters().get("client_encoding")).isEqualTo("UTF8");
            assertThat(c.processId()).isEqualTo(Integer.parseInt(first(c, "SELECT pg_backend_pid()::text")));
            // PostgreSQL 18 speaks protocol 3.2 (longer cancel keys); older servers negotiate down to 3.0.
            assertThat(c.client().protocolMinorVersion()).isEqualTo(server.majorVersion() >= 18 ? 2 : 0);
            assertThat(c.transactionStatus()).isEqualTo('I');
        } finally {
            c.close().block(TIMEOUT);
        }
    }

    @Test
    void parameterStatusChangesAreObservable(PostgresServer server) {
        PgConnection c = connect(server.r2dbcUrl());
        try {
            List<String> changes = new CopyOnWriteArrayList<>();
            c.onParameterStatus((name, value) -> changes.add(name + "=" + value));
            first(c, "SET application_name = 'changed-by-test'");
            assertThat(changes).contains("application_name=changed-by-test");
            assertThat(c.serverParameters()).containsEntry("application_name", "changed-by-test");
        } finally {
            c.close().block(TIMEOUT);
        }
    }

    @Test
    void transactionDefinitionSetsIsolationReadOnlyAndDeferrable(PostgresServer server) {
        PgConnection c = connect(server.r2dbcUrl());
        try {
            c.beginTransaction(definition(Map.of(TransactionDefinition.ISOLATION_LEVEL, IsolationLevel.SERIALIZABLE,
                    TransactionDefinition.READ_ONLY, true, PgTransactionOptions.DEFERRABLE, true))).block(TIMEOUT);
            assertThat(c.isAutoCommit()).isFalse();
            assertThat(first(c, "SELECT current_setting('transaction_isolation') || ',' || "
                    + "current_setting('transaction_read_only') || ',' || current_setting('transaction_deferrable')"))
                    .isEqualTo("serializable,on,on");
            c.commitTransaction().block(TIMEOUT);
            assertThat(c.isAutoCommit()).isTrue();
            c.setTransactionIsolationLevel(IsolationLevel.REPEATABLE_READ).block(TIMEOUT);
            assertThat(c.getTransactionIsolationLevel()).isEqualTo(IsolationLevel.REPEATABLE_READ);
            assertThat(first(c, "SHOW default_transaction_isolation")).isEqualTo("repeatable read");
        } finally {
            c.close().block(TIMEOUT);
        }
    }

    @Test
    void lockWaitTimeoutOfATransactionIsATimeoutException(PostgresServer server) {
        PgConnection holder = connect(server.r2dbcUrl());
        PgConnection waiter = connect(server.r2dbcUrl());
        try {
            first(holder, "CREATE TABLE IF NOT EXISTS lock_it (id int)");
            holder.beginTransaction().block(TIMEOUT);
            first(holder, "LOCK TABLE lock_it IN ACCESS EXCLUSIVE MODE");
            waiter.beginTransaction(definition(Map.of(TransactionDefinition.LOCK_WAIT_TIMEOUT, Duration.ofMillis(200))))
                    .block(TIMEOUT);
            Flux.from(waiter.createStatement("SELECT * FROM lock_it").execute())
                    .flatMap(Result::getRowsUpdated)
                    .as(StepVerifier::create)
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(R2dbcTimeoutException.class)
                            .isInstanceOf(PgTimeoutException.LockNotAvailable.class))
                    .verify(TIMEOUT);
            waiter.rollbackTransaction().block(TIMEOUT);
            holder.rollbackTransaction().block(TIMEOUT);
            first(holder, "DROP TABLE lock_it");
        } finally {
            holder.close().block(TIMEOUT);
            waiter.close().block(TIMEOUT);
        }
    }

    @Test
    void copyFromStdinThroughAStatementFailsClearlyAndTheConnectionStaysUsable(PostgresServer server) {
        PgConnection c = connect(server.r2dbcUrl());
        try {
            first(c, "CREATE TEMP TABLE copy_spi (id int)");
            Flux.from(c.createStatement("COPY copy_spi FROM STDIN").execute())
                    .flatMap(Result::getRowsUpdated)
                    .as(StepVerifier::create)
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(R2dbcException.class)
                            .hasMessageContaining("COPY"))
                    .verify(TIMEOUT);
            Flux.from(c.createStatement("COPY (SELECT 1) TO STDOUT").execute())
                    .flatMap(Result::getRowsUpdated)
                    .as(StepVerifier::create)
                    .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("COPY TO STDOUT"))
                    .verify(TIMEOUT);
            assertThat(first(c, "SELECT count(*)::text FROM copy_spi")).isEqualTo("0");
        } finally {
            c.close().block(TIMEOUT);
        }
    }

    @Test
    void disabledStatementCacheStillRunsParameterisedStatements(PostgresServer server) {
        PgConnection c = connect(server.r2dbcUrl() + "?statementCacheSize=0");
        try {
            for (int i = 0; i < 3; i++) {
                int n = i;
                assertThat(Flux.from(c.createStatement("SELECT $1::int + 1").bind(0, n).execute())
                        .flatMap(r -> r.map((row, meta) -> row.get(0, Integer.class))).single().block(TIMEOUT))
                        .isEqualTo(n + 1);
            }
            assertThat(first(c, "SELECT count(*)::text FROM pg_prepared_statements")).isEqualTo("0");
        } finally {
            c.close().block(TIMEOUT);
        }
    }

    @Test
    void preparedStatementsAreCachedAndEvictedLeastRecentlyUsedFirst(PostgresServer server) {
        PgConnection c = connect(server.r2dbcUrl() + "?statementCacheSize=2");
        try {
            for (String sql : List.of("SELECT $1::int", "SELECT $1::int + 1", "SELECT $1::int + 2", "SELECT $1::int")) {
                Flux.from(c.createStatement(sql).bind(0, 1).execute()).flatMap(Result::getRowsUpdated).blockLast(TIMEOUT);
            }
            // Evicted statements are closed with the next request: at most the cache size remain. (The counting
            // statement is cached too, and the statement it evicts is closed only after it ran.)
            assertThat(Integer.parseInt(first(c, "SELECT count(*)::text FROM pg_prepared_statements"
                    + " WHERE statement NOT LIKE '%pg_prepared_statements%'"))).isLessThanOrEqualTo(2);
        } finally {
            c.close().block(TIMEOUT);
        }
    }

    @Test
    void connectTimeoutBoundsAServerThatNeverAnswers() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            PgConnectionConfiguration config = PgConnectionConfiguration.builder().host("127.0.0.1").port(silent.getLocalPort())
                    .user("nobody").password("x").sslMode(SslMode.PREFER).connectTimeout(Duration.ofMillis(500)).build();
            PgConnectionFactory.create(config).create()
                    .as(StepVerifier::create)
                    .expectError(R2dbcException.class)
                    .verify(Duration.ofSeconds(10));
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void urlOptionsOfR2dbcPostgresqlAreAccepted(PostgresServer server) {
        ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(server.r2dbcUrl()
                + "?sslMode=verify-full&sslRootCert=" + server.caCertificate() + "&preparedStatementCacheQueries=0");
        PgConnectionFactory factory = (PgConnectionFactory) ConnectionFactories.get(options);
        assertThat(factory.configuration().statements().statementCacheSize()).isZero();
        assertThat(values(factory, "SELECT ssl::text, 'x' FROM pg_stat_ssl WHERE pid = pg_backend_pid()").get(0))
                .isEqualTo("true");
    }

    @Test
    void fetchSizeReadsThroughPortalSuspensionInOrder(PostgresServer server) {
        PgConnection c = connect(server.r2dbcUrl());
        try {
            List<Integer> all = Flux.from(c.createStatement("SELECT generate_series(1, 1000)").fetchSize(64).execute())
                    .flatMap(r -> r.map((row, meta) -> row.get(0, Integer.class))).collectList().block(TIMEOUT);
            assertThat(all).hasSize(1000).startsWith(1, 2, 3).endsWith(999, 1000).isSorted();
            // Taking a few rows closes the portal early; the connection goes on.
            assertThat(Flux.from(c.createStatement("SELECT generate_series(1, 100000000)").fetchSize(10).execute())
                    .flatMap(r -> r.map((row, meta) -> row.get(0, Integer.class))).take(25).collectList().block(TIMEOUT))
                    .hasSize(25);
            assertThat(first(c, "SELECT 'still usable'")).isEqualTo("still usable");
        } finally {
            c.close().block(TIMEOUT);
        }
    }

    @Test
    void statementAndLockTimeoutsFromTheUrlAreSessionSettings(PostgresServer server) {
        PgConnectionFactory factory = (PgConnectionFactory) ConnectionFactories.get(
                server.r2dbcUrl() + "?statementTimeout=PT2S&lockWaitTimeout=1500ms");
        assertThat(values(factory, "SELECT current_setting('statement_timeout'), current_setting('lock_timeout')"))
                .containsExactly("2s", "1500ms");
    }

    @Test
    void socketTimeoutFailsARequestWhoseAnswerDoesNotCome(PostgresServer server) {
        PgConnection c = connect(server.r2dbcUrl() + "?socketTimeout=PT0.5S");
        try {
            Flux.from(c.createStatement("SELECT pg_sleep(10)").execute())
                    .flatMap(Result::getRowsUpdated)
                    .as(StepVerifier::create)
                    .expectError(R2dbcException.class)
                    .verify(Duration.ofSeconds(8));
            assertThat(c.validate(io.r2dbc.spi.ValidationDepth.LOCAL).block(TIMEOUT)).isFalse();
        } finally {
            c.close().block(TIMEOUT);
        }
    }

    @Test
    void batchOfManyBindingsAnswersEachInOrder(PostgresServer server) {
        PgConnection c = connect(server.r2dbcUrl());
        try {
            PgStatement statement = c.createStatement("SELECT $1::int * 10");
            for (int i = 0; i < 200; i++) {
                statement.bind(0, i).add();
            }
            statement.bind(0, 200);
            List<Integer> values = statement.execute()
                    .concatMap(r -> r.map((row, meta) -> row.get(0, Integer.class))).collectList().block(TIMEOUT);
            assertThat(values).hasSize(201).startsWith(0, 10, 20).endsWith(2000).isSorted();
        } finally {
            c.close().block(TIMEOUT);
        }
    }

    private static PgConnection connect(String url) {
        return ((PgConnectionFactory) ConnectionFactories.get(url)).create().block(TIMEOUT);
    }

    private static List<String> values(PgConnectionFactory factory, String sql) {
        return Mono.usingWhen(factory.create(),
                c -> Flux.from(c.createStatement(sql).execute())
                        .flatMap(r -> r.map((row, meta) -> List.of(row.get(0, String.class), row.get(1, String.class))))
                        .single(),
                PgConnection::close).block(TIMEOUT);
    }

    private static String first(PgConnection c, String sql) {
        return Flux.from(c.createStatement(sql).execute())
                .flatMap(r -> r.map((row, meta) -> String.valueOf(row.get(0, String.class))))
                .defaultIfEmpty("")
                .blockLast(TIMEOUT);
    }

    private static TransactionDefinition definition(Map<io.r2dbc.spi.Option<?>, Object> attributes) {
        return new TransactionDefinition() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> @Nullable T getAttribute(io.r2dbc.spi.Option<T> option) {
                return (T) attributes.get(option);
            }
        };
    }
}
