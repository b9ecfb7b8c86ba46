package dev.r2dbcpg.core.protocol;

import static dev.r2dbcpg.core.protocol.Backend.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyOutTest {

    static final class Sink implements CopyOut.Sink {
        final List<String> events = new ArrayList<>();
        boolean demand = true;

        @Override
        public void onCopyOutResponse(boolean binary, int columns) {
            events.add("start " + (binary ? "binary" : "text") + " " + columns);
        }

        @Override
        public void onCopyData(ByteBuf data) {
            events.add("data " + data.toString(StandardCharsets.UTF_8));
        }

        @Override
        public void onCommandComplete(long rows) {
            events.add("rows " + rows);
        }

        @Override
        public void onServerError(Map<Character, String> fields) {
            events.add("server error " + fields.get('C'));
        }

        @Override
        public void onComplete() {
            events.add("done");
        }

        @Override
        public void onError(Throwable error) {
            events.add("error " + error.getClass().getSimpleName());
        }

        @Override
        public boolean hasDemand() {
            return demand;
        }
    }

    private final Sink sink = new Sink();
    private final FakeTransport transport = new FakeTransport();

    @Test
    void deliversEachCopyDataThenTheRowCount() {
        CopyOut copy = new CopyOut("COPY t TO STDOUT", sink);
        assertThat(transport.start(copy)).startsWith("51");
        FakeTransport.feed(copy, concat(copyResponse('H', 2), copyData("1\ta\n"), copyData("2\tb\n"), empty('c'),
                commandComplete("COPY 2"), readyForQuery('I')));
        assertThat(sink.events).containsExactly("start text 2", "data 1\ta\n", "data 2\tb\n", "rows 2", "done");
    }

    @Test
    void stopsWantingMessagesWithoutDemand() {
        CopyOut copy = new CopyOut("COPY t TO STDOUT", sink);
        transport.start(copy);
        FakeTransport.feed(copy, copyResponse('H', 1));
        sink.demand = false;
        assertThat(copy.wantsMessages()).isFalse();
        copy.discard();
        assertThat(copy.wantsMessages()).isTrue();
        FakeTransport.feed(copy, concat(copyData("dropped\n"), empty('c'), commandComplete("COPY 1"),
                readyForQuery('I')));
        assertThat(sink.events).containsExactly("start text 1", "rows 1", "done");
    }

    @Test
    void serverErrorMidCopyEndsAfterReadyForQuery() {
        CopyOut copy = new CopyOut("COPY t TO STDOUT", sink);
        transport.start(copy);
        FakeTransport.feed(copy, concat(copyResponse('H', 1), copyData("1\n"), error("57014", "canceling"),
                readyForQuery('I')));
        assertThat(sink.events).containsExactly("start text 1", "data 1\n", "server error 57014", "done");
    }

    @Test
    void refusesCopyFromStdinWithCopyFailAndReportsTheWrongStatement() {
        CopyOut copy = new CopyOut("COPY t FROM STDIN", sink);
        transport.start(copy);
        FakeTransport.feed(copy, copyResponse('G', 1));
        assertThat(transport.written).singleElement().asString().startsWith("66");
        FakeTransport.feed(copy, concat(error("57014", "COPY from stdin failed"), readyForQuery('I')));
        assertThat(sink.events).containsExactly("server error 57014", "error IllegalArgumentException");
    }
}
