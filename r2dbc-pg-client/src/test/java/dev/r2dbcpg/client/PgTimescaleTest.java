package dev.r2dbcpg.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The statements {@link PgTimescale} sends (TimescaleDB cannot be installed here), quoting attacks included. */
class PgTimescaleTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String CHECK = PgTimescale.CHECK;

    private final RecordingSql sql = new RecordingSql(Map.of(
            "SELECT (SELECT extversion", List.of(Arrays.asList("2.17.2", true)),
            "SELECT add_", List.of(List.of(1001)),
            "SELECT 1 FROM create_hypertable", List.of(List.of(1)),
            "SELECT h.hypertable_schema", List.of(List.of("public", "metrics", 1, 12L, true, 98304L, "96 kB"))));
    private final PgTimescale timescale = new PgTimescale(sql);

    private RecordingSql.Sent sent(int index) {
        return sql.sent.get(index);
    }

    private void checkFirst() {
        assertThat(sent(0)).isEqualTo(new RecordingSql.Sent(CHECK, List.of("timescaledb")));
    }

    @Test
    void createHypertableBindsTableColumnAndInterval() {
        timescale.createHypertable("app.Metrics", "Time", "1 day", true).block(TIMEOUT);
        checkFirst();
        assertThat(sent(1)).isEqualTo(new RecordingSql.Sent("SELECT 1 FROM create_hypertable($1::regclass, $2::name, "
                + "if_not_exists => $3, chunk_time_interval => $4::interval)",
                List.of("\"app\".\"Metrics\"", "Time", true, "1 day")));
        timescale.createHypertable("\"we\"\"ird\"", "\"t\"\"s\"", null, false).block(TIMEOUT);
        assertThat(sent(3)).isEqualTo(new RecordingSql.Sent(
                "SELECT 1 FROM create_hypertable($1::regclass, $2::name, if_not_exists => $3)",
                List.of("\"we\"\"ird\"", "t\"s", false)));
    }

    @Test
    void enableCompressionQuotesColumnsInsideAnEscapedLiteral() {
        timescale.enableCompression("metrics", List.of("device_id", "\"it's\""), List.of("time desc", "\"v\" ASC NULLS last"))
                .block(TIMEOUT);
        checkFirst();
        assertThat(sent(1).sql()).isEqualTo("ALTER TABLE \"metrics\" SET (timescaledb.compress, "
                + "timescaledb.compress_segmentby = '\"device_id\", \"it''s\"', "
                + "timescaledb.compress_orderby = '\"time\" DESC, \"v\" ASC NULLS LAST')");
        timescale.enableCompression("s.metrics", List.of(), List.of()).block(TIMEOUT);
        assertThat(sent(3).sql()).isEqualTo("ALTER TABLE \"s\".\"metrics\" SET (timescaledb.compress)");
        timescale.enableCompression("m", List.of("\"a\\b\""), List.of()).block(TIMEOUT);
        assertThat(sent(5).sql()).isEqualTo("ALTER TABLE \"m\" SET (timescaledb.compress, "
                + "timescaledb.compress_segmentby = E'\"a\\\\b\"')");
    }

    @Test
    void policiesBindTheirIntervalsAndGiveTheJobId() {
        assertThat(timescale.addCompressionPolicy("metrics", "7 days").block(TIMEOUT)).isEqualTo(1001);
        checkFirst();
        assertThat(sent(1)).isEqualTo(new RecordingSql.Sent(
                "SELECT add_compression_policy($1::regclass, compress_after => $2::interval)",
                List.of("\"metrics\"", "7 days")));
        assertThat(timescale.addRetentionPolicy("app.metrics", "90 days'); DROP TABLE t; --").block(TIMEOUT))
                .isEqualTo(1001);
        assertThat(sent(3)).isEqualTo(new RecordingSql.Sent(
                "SELECT add_retention_policy($1::regclass, drop_after => $2::interval)",
                List.of("\"app\".\"metrics\"", "90 days'); DROP TABLE t; --")));
    }

    @Test
    void hypertablesListedAndLookedUp() {
        HypertableInfo expected = new HypertableInfo("public", "metrics", 1, 12L, true, new SizeInfo(98304L, "96 kB"));
        assertThat(timescale.listHypertables().collectList().block(TIMEOUT)).containsExactly(expected);
        checkFirst();
        assertThat(sent(1).sql()).startsWith("SELECT h.hypertable_schema").endsWith("ORDER BY 1, 2");
        assertThat(timescale.hypertableInfo("metrics").block(TIMEOUT)).isEqualTo(expected);
        assertThat(sent(3).sql()).endsWith("::regclass = $1::regclass");
        assertThat(sent(3).params()).containsExactly("\"metrics\"");
    }

    @Test
    void aMissingExtensionFailsNamingItAndSendsNothingElse() {
        RecordingSql absent = new RecordingSql(Map.of("SELECT (SELECT extversion", List.of(Arrays.asList(null, true))));
        StepVerifier.create(new PgTimescale(absent).addRetentionPolicy("metrics", "1 day"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(PgMissingExtensionException.class)
                        .hasMessageContaining("TimescaleDB").hasMessageContaining("CREATE EXTENSION timescaledb")
                        .satisfies(x -> assertThat(((PgMissingExtensionException) x).available()).isTrue()))
                .verify(TIMEOUT);
        assertThat(absent.sent).hasSize(1);
    }

    @Test
    void namesThatAreNotIdentifiersAreRefusedBeforeAnythingIsSent() {
        List<String> attacks = List.of("x\"; DROP TABLE t; --", "a.b.c.d", "t /* c */", "t -- c", "\"open", "t)", "");
        for (String bad : attacks) {
            List<Consumer<String>> calls = List.of(
                    n -> timescale.createHypertable(n, "time", "1 day", true),
                    n -> timescale.createHypertable("metrics", n, "1 day", true),
                    n -> timescale.enableCompression(n, List.of(), List.of()),
                    n -> timescale.enableCompression("metrics", List.of(n), List.of()),
                    n -> timescale.enableCompression("metrics", List.of(), List.of(n)),
                    n -> timescale.enableCompression("metrics", List.of(), List.of(n + " DESC")),
                    n -> timescale.addCompressionPolicy(n, "7 days"), n -> timescale.addRetentionPolicy(n, "7 days"),
                    n -> timescale.hypertableInfo(n));
            for (int i = 0; i < calls.size(); i++) {
                Consumer<String> call = calls.get(i);
                assertThatThrownBy(() -> call.accept(bad), "call %d with %s", i, bad)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
        assertThatThrownBy(() -> timescale.enableCompression("metrics", List.of(), List.of("time DESC; DROP TABLE t")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> timescale.enableCompression("metrics", List.of(), List.of("time SIDEWAYS")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> timescale.addCompressionPolicy("metrics", " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(sql.sent).isEmpty();
    }
}
