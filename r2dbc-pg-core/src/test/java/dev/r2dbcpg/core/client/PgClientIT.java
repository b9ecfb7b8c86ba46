package dev.r2dbcpg.core.client;

import dev.r2dbcpg.core.config.SslMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.r2dbcpg.core.protocol.ConversationSink;
import dev.r2dbcpg.core.protocol.ExtendedQuery;
import dev.r2dbcpg.core.protocol.FrontendWriter;
import dev.r2dbcpg.core.protocol.RowDescription;
import dev.r2dbcpg.core.protocol.SimpleQuery;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.r2dbcpg.testing.AuthMethod;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;

/** The client layer alone (no SPI) against the fixture's server, as its trust-authenticated user. */
@ExtendWith(PostgresExtension.class)
class PgClientIT {

    private ConnectSettings settings;
    private final List<PgClient> clients = new ArrayList<>();

    @BeforeEach
    void server(PostgresServer server) {
        assumeTrue(server.authMethodsConfigured(), "needs the fixture's trust user");
        settings = ConnectSettings.of(server.host(), server.port(), AuthMethod.TRUST.user(), server.database());
    }

    @AfterEach
    void closeClients() {
        for (PgClient c : clients) {
            c.close().block(Duration.ofSeconds(5));
        }
    }

    private PgClient connect() {
        PgClient client = PgClient.connect(settings).block(Duration.ofSeconds(10));
        clients.add(client);
        return client;
    }

    /** Collects results as text; demand is governed by {@code allowed} rows. */
    static final class Collector implements ConversationSink {
        final List<String> events = new ArrayList<>();
        final AtomicLong rows = new AtomicLong();
        volatile long allowed = Long.MAX_VALUE;
        final CompletableFuture<List<String>> done = new CompletableFuture<>();
        volatile Map<Character, String> serverError;

        @Override
        public void onRowDescription(RowDescription description) {
            events.add("columns " + description.size());
        }

        @Override
        public void onDataRow(ByteBuf row) {
            rows.incrementAndGet();
            if (events.size() < 100) {
                row.skipBytes(2);
                int len = row.readInt();
                events.add(len < 0 ? "NULL" : row.readCharSequence(len, StandardCharsets.UTF_8).toString());
            }
        }

        @Override
        public void onCommandComplete(String tag, long rowsAffected) {
            events.add(tag);
        }

        @Override
        public void onCopyData(ByteBuf data) {
            data.release();
        }

        @Override
        public void onServerError(Map<Character, String> fields) {
            serverError = fields;
            events.add("error " + fields.get('C'));
        }

        @Override
        public void onComplete() {
            done.complete(events);
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }

        @Override
        public boolean hasDemand() {
            return rows.get() < allowed;
        }

        List<String> await() throws Exception {
            return done.get(10, TimeUnit.SECONDS);
        }
    }

    private static Collector simple(PgClient client, String sql) {
        Collector c = new Collector();
        client.exchange(new SimpleQuery(sql, c));
        return c;
    }

    @Test
    void startsUpAndRunsSeveralStatementsInOneQuery() throws Exception {
        PgClient client = connect();
        assertThat(client.serverParameters()).containsKey("server_version").containsEntry("client_encoding", "UTF8");
        assertThat(client.processId()).isPositive();
        assertThat(simple(client, "select 1; select 'a' union all select 'b'; create temp table t(x int)").await())
                .containsExactly("columns 1", "1", "SELECT 1", "columns 1", "a", "b", "SELECT 2", "CREATE TABLE");
        assertThat(client.transactionStatus()).isEqualTo('I');
    }

    @Test
    void runsExtendedQueryWithTextParameter() throws Exception {
        PgClient client = connect();
        byte[] value = "41".getBytes(StandardCharsets.UTF_8);
        ByteBuf params = Unpooled.buffer().writeShort(1).writeInt(value.length).writeBytes(value);
        Collector c = new Collector();
        client.exchange(new ExtendedQuery(FrontendWriter.unnamed(), "select $1::int4 + 1", new int[] {0},
                new short[0], params, new short[0], true, 0, c));
        assertThat(c.await()).containsExactly("columns 1", "42", "SELECT 1");
    }

    @Test
    void answersAThousandPipelinedQueriesInOrder() throws Exception {
        PgClient client = connect();
        List<Collector> collectors = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            collectors.add(simple(client, "select " + i));
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(collectors.get(i).await()).containsExactly("columns 1", String.valueOf(i), "SELECT 1");
        }
    }

    @Test
    void errorInThePipelineDoesNotDisturbTheNextQuery() throws Exception {
        PgClient client = connect();
        Collector before = simple(client, "select 1");
        Collector failing = simple(client, "select 1/(3-x) from generate_series(1, 5) x");
        Collector after = simple(client, "select 2");
        assertThat(before.await()).containsExactly("columns 1", "1", "SELECT 1");
        assertThat(failing.await()).containsExactly("columns 1", "0", "1", "error 22012");
        assertThat(after.await()).containsExactly("columns 1", "2", "SELECT 1");
    }

    @Test
    void stopsReadingWhileTheConsumerHasNoDemand() throws Exception {
        PgClient client = connect();
        Collector slow = new Collector();
        slow.allowed = 10;
        SimpleQuery query = new SimpleQuery("select generate_series(1, 300000)", slow);
        client.exchange(query);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (slow.rows.get() < 10 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        // Give the connection a bounded chance to (wrongly) deliver more.
        assertThat(slow.done).failsWithin(Duration.ofMillis(300));
        assertThat(slow.rows.get()).as("no rows beyond demand").isEqualTo(10);
        slow.allowed = Long.MAX_VALUE;
        query.requestMore(); // what the SPI layer calls when its subscriber requests more
        assertThat(slow.await()).endsWith("SELECT 300000");
        assertThat(slow.rows.get()).isEqualTo(300000);
    }

    @Test
    void cancelRequestStopsALongQueryPromptly() throws Exception {
        PgClient client = connect();
        Collector sleeping = simple(client, "select pg_sleep(30)");
        long start = System.nanoTime();
        // The cancel only hits a running query; repeat until it lands.
        while (!sleeping.done.isDone() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
            client.cancelRequest().block(Duration.ofSeconds(5));
            try {
                sleeping.done.get(200, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                // next attempt
            }
        }
        assertThat(sleeping.await()).containsExactly("columns 1", "error 57014");
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
        assertThat(simple(client, "select 1").await()).contains("1");
    }

    @Test
    void closeSendsTerminateAndTheBackendGoesAway() throws Exception {
        PgClient client = connect();
        int pid = client.processId();
        client.close().block(Duration.ofSeconds(5));
        assertThat(client.isConnected()).isFalse();
        PgClient observer = connect();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> seen;
        do {
            seen = simple(observer, "select count(*) from pg_stat_activity where pid = " + pid).await();
        } while (!seen.contains("0") && System.nanoTime() < deadline);
        assertThat(seen).contains("0");
        Collector late = simple(client, "select 1");
        assertThat(late.done).failsWithin(Duration.ofSeconds(1));
    }

    @Test
    void backendKilledByTheServerFailsThePendingRequestPromptly() throws Exception {
        PgClient victim = connect();
        Collector sleeping = simple(victim, "select pg_sleep(30)");
        PgClient killer = connect();
        long start = System.nanoTime();
        assertThat(simple(killer, "select pg_terminate_backend(" + victim.processId() + ")").await())
                .contains("t");
        assertThat(sleeping.done).failsWithin(Duration.ofSeconds(5));
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
        assertThat(victim.isConnected()).isFalse();
    }

    @Test
    void preferUsesTlsWhenTheServerOffersIt() throws Exception {
        settings = settings.withTls(TlsSettings.of(SslMode.PREFER));
        PgClient client = connect();
        assertThat(client.serverCertificate()).isNotNull();
        assertThat(simple(client, "select ssl::text from pg_stat_ssl where pid = pg_backend_pid()").await())
                .contains("true");
    }
}
