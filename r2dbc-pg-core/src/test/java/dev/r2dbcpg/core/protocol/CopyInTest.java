package dev.r2dbcpg.core.protocol;

import static dev.r2dbcpg.core.protocol.Backend.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyInTest {

    /** Records the conversation's calls; {@link #request} only counts. */
    static final class Sink implements CopyIn.Sink {
        final List<String> events = new ArrayList<>();
        long requested;

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            events.add("cancel");
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
    }

    private final Sink sink = new Sink();
    private final FakeTransport transport = new FakeTransport();

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private static String hex(String s) {
        return ByteBufUtil.hexDump(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void isNotPipelinableAndAsksForDataOnlyOnceTheServerIsReady() {
        CopyIn copy = new CopyIn("COPY t FROM STDIN", 8, sink);
        assertThat(copy.isPipelinable()).isFalse();
        assertThat(transport.start(copy)).startsWith("51");
        assertThat(sink.requested).isZero();
        FakeTransport.feed(copy, copyResponse('G', 1));
        assertThat(sink.requested).isEqualTo(8);
    }

    @Test
    void coalescesSmallChunksIntoOneCopyDataThenSendsCopyDoneAndReportsTheCount() {
        CopyIn copy = new CopyIn("COPY t FROM STDIN", 8, sink);
        transport.start(copy);
        transport.deferTasks = true;
        FakeTransport.feed(copy, copyResponse('G', 1));
        copy.send(text("1\n"));
        copy.send(text("2\n"));
        copy.sendDone();
        transport.deferred.forEach(Runnable::run);
        assertThat(transport.written).containsExactly("64" + "00000008" + hex("1\n2\n"), "6300000004");
        FakeTransport.feed(copy, concat(commandComplete("COPY 2"), readyForQuery('I')));
        assertThat(sink.events).containsExactly("rows 2", "done");
    }

    @Test
    void returnsCreditInHalfPrefetchBatchesWhileTheSocketIsWritable() {
        CopyIn copy = new CopyIn("COPY t FROM STDIN", 4, sink);
        transport.start(copy);
        FakeTransport.feed(copy, copyResponse('G', 1));
        copy.send(text("a"));
        assertThat(sink.requested).isEqualTo(4);
        copy.send(text("b"));
        assertThat(sink.requested).isEqualTo(6);
    }

    @Test
    void writesLargeChunksWithoutCopying() {
        CopyIn copy = new CopyIn("COPY t FROM STDIN", 4, sink);
        transport.start(copy);
        FakeTransport.feed(copy, copyResponse('G', 1));
        String big = "x".repeat(CopyIn.COALESCE_LIMIT + 1);
        copy.send(text(big));
        assertThat(transport.written).containsExactly("64" + String.format("%08x", big.length() + 4), hex(big));
    }

    @Test
    void sourceFailureSendsCopyFailAndDropsQueuedData() {
        CopyIn copy = new CopyIn("COPY t FROM STDIN", 8, sink);
        transport.start(copy);
        transport.deferTasks = true;
        FakeTransport.feed(copy, copyResponse('G', 1));
        copy.send(text("1\n"));
        copy.sendFail("boom");
        transport.deferred.forEach(Runnable::run);
        assertThat(transport.written).containsExactly("66" + "00000009" + hex("boom") + "00");
        FakeTransport.feed(copy, concat(error("57014", "COPY from stdin failed: boom"), readyForQuery('I')));
        assertThat(sink.events).containsExactly("server error 57014", "done");
    }

    @Test
    void serverErrorDuringCopyStopsTheSourceAndReleasesLateChunks() {
        CopyIn copy = new CopyIn("COPY t FROM STDIN", 8, sink);
        transport.start(copy);
        FakeTransport.feed(copy, copyResponse('G', 1));
        FakeTransport.feed(copy, error("22P02", "invalid input syntax"));
        ByteBuf late = text("3\n");
        copy.send(late);
        assertThat(late.refCnt()).isZero();
        FakeTransport.feed(copy, readyForQuery('I'));
        assertThat(sink.events).containsExactly("cancel", "server error 22P02", "done");
        assertThat(transport.written).isEmpty();
    }

    @Test
    void aStatementThatIsNotCopyFromStdinEndsWithAnErrorAfterReadyForQuery() {
        CopyIn copy = new CopyIn("SELECT 1", 8, sink);
        transport.start(copy);
        FakeTransport.feed(copy, concat(rowDescription("a"), dataRow("1"), commandComplete("SELECT 1"),
                readyForQuery('I')));
        assertThat(sink.events).containsExactly("error IllegalArgumentException");
    }

    @Test
    void connectionFailureCancelsTheSource() {
        CopyIn copy = new CopyIn("COPY t FROM STDIN", 8, sink);
        transport.start(copy);
        FakeTransport.feed(copy, copyResponse('G', 1));
        copy.fail(new IllegalStateException("gone"));
        assertThat(sink.events).containsExactly("cancel", "error IllegalStateException");
    }
}
