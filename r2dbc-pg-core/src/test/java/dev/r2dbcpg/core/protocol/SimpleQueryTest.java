package dev.r2dbcpg.core.protocol;

import static dev.r2dbcpg.core.protocol.Backend.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import org.junit.jupiter.api.Test;

class SimpleQueryTest {

    private final RecordingSink sink = new RecordingSink();
    private final FakeTransport transport = new FakeTransport();

    @Test
    void deliversOneResultPerStatement() {
        SimpleQuery query = new SimpleQuery("select 1 as a; update t set x = 1; ;", sink);
        assertThat(transport.start(query)).startsWith("51");
        FakeTransport.feed(query, concat(rowDescription("a"), dataRow("1"), commandComplete("SELECT 1"),
                commandComplete("UPDATE 3"), empty('I'), readyForQuery('I')));
        assertThat(sink.events).containsExactly("columns a", "row 1", "complete SELECT 1 -> 1",
                "complete UPDATE 3 -> 3", "empty", "done");
        assertThat(query.isFinished()).isTrue();
    }

    @Test
    void reportsErrorMidResultAndSkipsToReadyForQuery() {
        SimpleQuery query = new SimpleQuery("select 1/(2-x) from t", sink);
        transport.start(query);
        FakeTransport.feed(query, concat(rowDescription("q"), dataRow("1"), error("22012", "division by zero"),
                readyForQuery('I')));
        assertThat(sink.events).containsExactly("columns q", "row 1", "server error 22012 division by zero", "done");
    }

    @Test
    void refusesCopyInWithCopyFailAndStaysUsable() {
        SimpleQuery query = new SimpleQuery("copy t from stdin", sink);
        transport.start(query);
        FakeTransport.feed(query, copyResponse('G', 1));
        assertThat(transport.written).hasSize(1);
        assertThat(transport.written.get(0)).startsWith("66").contains(
                io.netty.buffer.ByteBufUtil.hexDump(SimpleQuery.COPY_IN_REFUSED.getBytes()));
        FakeTransport.feed(query, concat(error("57014", "COPY from stdin failed: " + SimpleQuery.COPY_IN_REFUSED),
                readyForQuery('I')));
        assertThat(sink.events).containsExactly("server error 57014 COPY from stdin failed: "
                + SimpleQuery.COPY_IN_REFUSED, "done");
    }

    @Test
    void deliversCopyOutData() {
        SimpleQuery query = new SimpleQuery("copy t to stdout", sink);
        transport.start(query);
        FakeTransport.feed(query, concat(copyResponse('H', 1), copyData("1\n"), copyData("2\n"), empty('c'),
                commandComplete("COPY 2"), readyForQuery('I')));
        assertThat(sink.events).containsExactly("copy 1\n", "copy 2\n", "complete COPY 2 -> 2", "done");
    }

    @Test
    void rejectsDataRowWithoutRowDescription() {
        SimpleQuery query = new SimpleQuery("select 1", sink);
        transport.start(query);
        assertThatThrownBy(() -> FakeTransport.feed(query, dataRow("1")))
                .isInstanceOf(R2dbcNonTransientResourceException.class)
                .hasMessage("Protocol violation: received DataRow in state WAITING of SimpleQuery");
    }

    @Test
    void rejectsMessagesThatBelongToNoQuery() {
        SimpleQuery query = new SimpleQuery("select 1", sink);
        transport.start(query);
        assertThatThrownBy(() -> FakeTransport.feed(query, empty('2')))
                .hasMessageContaining("received BindComplete in state WAITING");
    }

    @Test
    void discardDropsRemainingRowsButKeepsConsumingToReadyForQuery() {
        SimpleQuery query = new SimpleQuery("select generate_series(1,3)", sink);
        transport.start(query);
        FakeTransport.feed(query, concat(rowDescription("g"), dataRow("1")));
        query.discard();
        FakeTransport.feed(query, concat(dataRow("2"), dataRow("3"), commandComplete("SELECT 3"),
                readyForQuery('I')));
        assertThat(sink.events).containsExactly("columns g", "row 1", "complete SELECT 3 -> 3", "done");
    }

    @Test
    void failureReachesTheSinkOnce() {
        SimpleQuery query = new SimpleQuery("select 1", sink);
        transport.start(query);
        query.fail(new R2dbcNonTransientResourceException("gone"));
        query.fail(new R2dbcNonTransientResourceException("again"));
        assertThat(sink.events).containsExactly("failed");
        assertThat(sink.error).hasMessage("gone");
    }
}
