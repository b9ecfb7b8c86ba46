package dev.r2dbcpg.core.protocol;

import static dev.r2dbcpg.core.protocol.Backend.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExtendedQueryTest {

    private static final byte[] S1 = "s1".getBytes(StandardCharsets.UTF_8);
    private static final String SYNC = "5300000004";
    private static final String EXECUTE_2_FLUSH = "4500000009000000000248" + "00000004";

    private final RecordingSink sink = new RecordingSink();
    private final FakeTransport transport = new FakeTransport();

    private static ByteBuf oneTextParameter(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return Unpooled.buffer().writeShort(1).writeInt(bytes.length).writeBytes(bytes);
    }

    private ExtendedQuery query(String sql, int fetchSize) {
        return new ExtendedQuery(S1, sql, new int[] {0}, new short[0], oneTextParameter("7"), new short[0], true,
                fetchSize, sink);
    }

    @Test
    void encodesParseBindDescribeExecuteSyncInOneBuffer() {
        String bytes = transport.start(query("select $1", 0));
        assertThat(bytes).isEqualTo("50000000177331" + "0073656c656374202431000001" + "00000000"
                + "4200000013" + "00" + "733100" + "0000" + "0001" + "00000001" + "37" + "0000"
                + "44000000065000" + "45000000090000000000" + SYNC);
    }

    @Test
    void skipsParseForAPreparedStatementAndDescribeWhenTheRowsAreKnown() {
        ExtendedQuery query = new ExtendedQuery(S1, null, new int[0], new short[0], oneTextParameter("7"),
                new short[0], false, 0, sink);
        assertThat(transport.start(query)).startsWith("42").doesNotContain("44000000065000");
        FakeTransport.feed(query, concat(empty('2'), dataRow("7"), commandComplete("SELECT 1"), readyForQuery('I')));
        assertThat(sink.events).containsExactly("row 7", "complete SELECT 1 -> 1", "done");
    }

    @Test
    void deliversRowsAndCompletes() {
        ExtendedQuery query = query("select $1", 0);
        transport.start(query);
        FakeTransport.feed(query, concat(empty('1'), empty('2'), rowDescription("x"), dataRow("7"),
                commandComplete("SELECT 1"), readyForQuery('I')));
        assertThat(sink.events).containsExactly("parsed", "columns x", "row 7", "complete SELECT 1 -> 1", "done");
        assertThat(transport.written).isEmpty();
    }

    @Test
    void reportsParseErrorWithoutParseCompleteSoTheCacheDoesNotKeepTheStatement() {
        ExtendedQuery query = query("selec $1", 0);
        transport.start(query);
        FakeTransport.feed(query, concat(error("42601", "syntax error"), readyForQuery('I')));
        assertThat(sink.events).containsExactly("server error 42601 syntax error", "done");
    }

    @Test
    void reportsStaleCachedStatementAsServerErrorForReprepare() {
        ExtendedQuery query = new ExtendedQuery(S1, null, new int[0], new short[0], oneTextParameter("7"),
                new short[0], true, 0, sink);
        transport.start(query);
        FakeTransport.feed(query, concat(error("26000", "prepared statement \"s1\" does not exist"),
                readyForQuery('I')));
        assertThat(sink.events).containsExactly("server error 26000 prepared statement \"s1\" does not exist", "done");
    }

    @Test
    void reportsErrorMidResult() {
        ExtendedQuery query = query("select 1/x from t", 0);
        transport.start(query);
        FakeTransport.feed(query, concat(empty('1'), empty('2'), rowDescription("q"), dataRow("1"),
                error("22012", "division by zero"), readyForQuery('E')));
        assertThat(sink.events).containsExactly("parsed", "columns q", "row 1",
                "server error 22012 division by zero", "done");
        assertThat(transport.written).as("Sync already sent with Execute").isEmpty();
    }

    @Test
    void fetchSizeUsesFlushAndContinuesOnlyWithDemand() {
        ExtendedQuery query = query("select generate_series(1,3)", 2);
        assertThat(query.isPipelinable()).isFalse();
        assertThat(transport.start(query)).endsWith(EXECUTE_2_FLUSH);
        sink.demand = false;
        FakeTransport.feed(query, concat(empty('1'), empty('2'), rowDescription("g"), dataRow("1"), dataRow("2"),
                empty('s')));
        assertThat(transport.written).isEmpty();
        assertThat(query.wantsMessages()).isFalse();
        sink.demand = true;
        query.requestMore();
        assertThat(transport.written).containsExactly(EXECUTE_2_FLUSH);
        FakeTransport.feed(query, concat(dataRow("3"), commandComplete("SELECT 1")));
        assertThat(transport.written).containsExactly(EXECUTE_2_FLUSH, SYNC);
        FakeTransport.feed(query, readyForQuery('I'));
        assertThat(sink.events).containsExactly("parsed", "columns g", "row 1", "row 2", "suspended", "row 3",
                "complete SELECT 1 -> 1", "done");
    }

    @Test
    void fetchSizeWithDemandIssuesNextExecuteAtOnce() {
        ExtendedQuery query = query("select generate_series(1,3)", 2);
        transport.start(query);
        FakeTransport.feed(query, concat(empty('1'), empty('2'), rowDescription("g"), dataRow("1"), dataRow("2"),
                empty('s')));
        assertThat(transport.written).containsExactly(EXECUTE_2_FLUSH);
    }

    @Test
    void discardWhileSuspendedSendsSyncInsteadOfExecute() {
        ExtendedQuery query = query("select generate_series(1,3)", 2);
        transport.start(query);
        sink.demand = false;
        FakeTransport.feed(query, concat(empty('1'), empty('2'), rowDescription("g"), dataRow("1"), dataRow("2"),
                empty('s')));
        query.discard();
        assertThat(transport.written).containsExactly(SYNC);
        FakeTransport.feed(query, readyForQuery('I'));
        assertThat(sink.events).endsWith("done");
    }

    @Test
    void errorInFetchModeSendsTheSyncTheServerWaitsFor() {
        ExtendedQuery query = query("select 1/0", 2);
        transport.start(query);
        FakeTransport.feed(query, concat(empty('1'), empty('2'), rowDescription("q"), error("22012", "boom")));
        assertThat(transport.written).containsExactly(SYNC);
        FakeTransport.feed(query, readyForQuery('I'));
        assertThat(sink.events).endsWith("server error 22012 boom", "done");
    }

    @Test
    void rejectsPortalSuspendedWithoutFetchSize() {
        ExtendedQuery query = query("select 1", 0);
        transport.start(query);
        assertThatThrownBy(() -> FakeTransport.feed(query, concat(empty('1'), empty('2'), rowDescription("q"),
                empty('s')))).hasMessageContaining("received PortalSuspended in state EXECUTING of ExtendedQuery");
    }

    @Test
    void releasesParametersWhenFailedBeforeEncoding() {
        ByteBuf values = oneTextParameter("7");
        ExtendedQuery query = new ExtendedQuery(S1, "select $1", new int[0], new short[0], values, new short[0],
                false, 0, sink);
        query.fail(new IllegalStateException("closed"));
        assertThat(values.refCnt()).isZero();
        assertThat(sink.events).containsExactly("failed");
    }
}
