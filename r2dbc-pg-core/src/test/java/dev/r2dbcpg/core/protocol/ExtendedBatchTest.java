package dev.r2dbcpg.core.protocol;

import static dev.r2dbcpg.core.protocol.Backend.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExtendedBatchTest {

    private static final byte[] S1 = "s1".getBytes(StandardCharsets.UTF_8);
    /** Bind unnamed portal to s1, no formats, one text value, no result formats. */
    private static String bind(String value) {
        return "4200000013" + "00" + "733100" + "0000" + "0001" + "00000001" + value + "0000";
    }
    private static final String EXECUTE = "45000000090000000000";
    private static final String SYNC = "5300000004";

    private final FakeTransport transport = new FakeTransport();
    private final RecordingSink sink = new RecordingSink();

    private static ByteBuf value(String v) {
        byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
        return Unpooled.buffer().writeShort(1).writeInt(bytes.length).writeBytes(bytes);
    }

    private ExtendedBatch batch(ByteBuf... values) {
        return new ExtendedBatch(S1, new short[0], values, new short[0], sink);
    }

    @Test
    void writesEveryBindAndExecuteAndOneSyncInOneBuffer() {
        ByteBuf a = value("1");
        ByteBuf b = value("2");
        ByteBuf c = value("3");
        assertThat(transport.start(batch(a, b, c)))
                .isEqualTo(bind("31") + EXECUTE + bind("32") + EXECUTE + bind("33") + EXECUTE + SYNC);
        assertThat(a.refCnt() + b.refCnt() + c.refCnt()).isZero();
    }

    @Test
    void deliversOneResultPerBindingInOrder() {
        ExtendedBatch batch = batch(value("1"), value("2"));
        transport.start(batch);
        FakeTransport.feed(batch, concat(empty('2'), dataRow("1"), commandComplete("SELECT 1"),
                empty('2'), dataRow("2"), commandComplete("SELECT 1"), readyForQuery('I')));
        assertThat(sink.events).containsExactly("row 1", "complete SELECT 1 -> 1", "row 2",
                "complete SELECT 1 -> 1", "done");
        assertThat(transport.written).isEmpty();
    }

    @Test
    void anErrorAtBindingKNamesKAndTheServerSkipsTheRestUpToTheSync() {
        ExtendedBatch batch = batch(value("1"), value("2"), value("2"), value("3"));
        transport.start(batch);
        // The server answers bindings 0 and 1, fails 2, skips 3 and answers the Sync.
        FakeTransport.feed(batch, concat(empty('2'), commandComplete("INSERT 0 1"), empty('2'),
                commandComplete("INSERT 0 1"), empty('2'), error("23505", "duplicate key"), readyForQuery('I')));
        assertThat(sink.events).containsExactly("complete INSERT 0 1 -> 1", "complete INSERT 0 1 -> 1",
                "binding 2 error 23505", "done");
        // No second Sync: the one at the end of the batch is what the server skipped to.
        assertThat(transport.written).isEmpty();
    }

    @Test
    void anErrorAtTheSyncIsTheLastBindings() {
        ExtendedBatch batch = batch(value("1"), value("2"));
        transport.start(batch);
        FakeTransport.feed(batch, concat(empty('2'), commandComplete("INSERT 0 1"), empty('2'),
                commandComplete("INSERT 0 1"), error("23503", "deferred check"), readyForQuery('I')));
        assertThat(sink.events).containsExactly("complete INSERT 0 1 -> 1", "complete INSERT 0 1 -> 1",
                "binding 1 error 23503", "done");
    }

    @Test
    void refusesReadyForQueryBeforeEveryBindingAnswered() {
        ExtendedBatch batch = batch(value("1"), value("2"));
        transport.start(batch);
        assertThatThrownBy(() -> FakeTransport.feed(batch,
                concat(empty('2'), commandComplete("INSERT 0 1"), readyForQuery('I'))))
                .hasMessageContaining("ReadyForQuery");
    }

    @Test
    void releasesTheValuesWhenFailedBeforeEncoding() {
        ByteBuf a = value("1");
        ByteBuf b = value("2");
        ExtendedBatch batch = batch(a, b);
        batch.attach(transport);
        batch.fail(new IllegalStateException("closed"));
        assertThat(a.refCnt() + b.refCnt()).isZero();
        assertThat(sink.events).containsExactly("failed");
        assertThat(sink.error).hasMessage("closed");
    }
}
