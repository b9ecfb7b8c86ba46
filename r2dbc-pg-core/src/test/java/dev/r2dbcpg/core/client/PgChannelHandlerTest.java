package dev.r2dbcpg.core.client;

import static dev.r2dbcpg.core.protocol.Backend.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.core.protocol.Notification;
import dev.r2dbcpg.core.protocol.Prepare;
import dev.r2dbcpg.core.protocol.RecordingSink;
import dev.r2dbcpg.core.protocol.SimpleQuery;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PgChannelHandlerTest {

    private final List<String> connectionEvents = new ArrayList<>();

    private final PgChannelHandler.ConnectionEvents events = new PgChannelHandler.ConnectionEvents() {
        @Override
        public void onNotification(Notification n) {
            connectionEvents.add("notify " + n.channel() + " " + n.payload());
        }

        @Override
        public void onNotice(Map<Character, String> fields) {
            connectionEvents.add("notice " + fields.get('M'));
        }

        @Override
        public void onParameterStatus(String name, String value) {
            connectionEvents.add(name + "=" + value);
        }

        @Override
        public void onTransactionStatus(char status) {
            connectionEvents.add("status " + status);
        }

        @Override
        public void onTerminated(Throwable cause) {
            connectionEvents.add("terminated " + cause.getMessage());
        }

        @Override
        public void onSilentServer() {
            connectionEvents.add("silent server");
        }
    };

    private PgChannelHandler handler;
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    private EmbeddedChannel channel(int pipelineLimit) {
        return channel(pipelineLimit, 0);
    }

    private EmbeddedChannel channel(int pipelineLimit, long readTimeoutNanos) {
        handler = new PgChannelHandler(1 << 30, pipelineLimit, readTimeoutNanos,
                fields -> new R2dbcNonTransientResourceException(fields.get('M'), fields.get('C')), events);
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        ch.freezeTime();
        channels.add(ch);
        return ch;
    }

    /** Moves the channel's clock on and runs what became due. */
    private static void advance(EmbeddedChannel ch, long millis) {
        ch.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        ch.runPendingTasks();
    }

    @Test
    void aDeferredBeginRidesInTheNextStatementsSyncSegment() {
        EmbeddedChannel ch = channel(8);
        RecordingSink sink = new RecordingSink();
        assertThat(handler.deferBegin(List.of("BEGIN ISOLATION LEVEL SERIALIZABLE", "SET LOCAL lock_timeout = 5")))
                .isTrue();
        assertThat(handler.deferBegin(List.of("BEGIN"))).as("one at a time").isFalse();
        handler.enqueue(new Prepare(new byte[0], "select 1", new int[0], sink));
        ch.runPendingTasks();
        assertThat(outboundMessages(ch)).as("one flush, one Sync").containsExactly(
                "P BEGIN ISOLATION LEVEL SERIALIZABLE", "B", "E", "P SET LOCAL lock_timeout = 5", "B", "E",
                "P select 1", "D", "S");
        assertThat(handler.hasDeferredBegin()).isFalse();
        ch.writeInbound(concat(empty('1'), empty('2'), commandComplete("BEGIN"), empty('1'), empty('2'),
                commandComplete("SET"), empty('1'), parameterDescription(), rowDescription("x"), readyForQuery('T')));
        assertThat(sink.events).containsExactly("parsed", "params []", "columns x", "done");
        assertThat(connectionEvents).containsExactly("status T", "status T");
    }

    @Test
    void anErrorInTheDeferredBeginReachesTheStatement() {
        EmbeddedChannel ch = channel(8);
        RecordingSink sink = new RecordingSink();
        handler.deferBegin(List.of("BEGIN", "SET LOCAL lock_timeout = 99999999999"));
        handler.enqueue(new Prepare(new byte[0], "select 1", new int[0], sink));
        ch.runPendingTasks();
        releaseOutbound(ch);
        ch.writeInbound(concat(empty('1'), empty('2'), commandComplete("BEGIN"),
                error("22023", "invalid value for parameter \"lock_timeout\""), readyForQuery('E')));
        assertThat(sink.events).containsExactly("server error 22023 invalid value for parameter \"lock_timeout\"",
                "done");
        assertThat(connectionEvents).containsExactly("status T", "status E");
    }

    @Test
    void aheadOfARequestWithoutASyncSegmentTheBeginIsAQueryOfItsOwnInTheSameFlush() {
        EmbeddedChannel ch = channel(8);
        RecordingSink sink = new RecordingSink();
        handler.deferCommands("RESET ALL");
        handler.deferCommands("DISCARD TEMP");
        handler.deferBegin(List.of("BEGIN"));
        handler.enqueue(new SimpleQuery("select 1; select 2", sink));
        ch.runPendingTasks();
        assertThat(outboundMessages(ch)).containsExactly("Q RESET ALL; DISCARD TEMP", "Q BEGIN",
                "Q select 1; select 2");
        ch.writeInbound(concat(commandComplete("RESET"), commandComplete("DISCARD TEMP"), readyForQuery('I'),
                commandComplete("BEGIN"), readyForQuery('T'), commandComplete("SELECT 0"), readyForQuery('T')));
        assertThat(sink.events).containsExactly("complete SELECT 0 -> 0", "done");
    }

    @Test
    void aDeferredCommandThatFailsEndsTheConnectionAndTheRequestBehindIt() {
        EmbeddedChannel ch = channel(8);
        RecordingSink sink = new RecordingSink();
        handler.deferCommands("RESET ALL");
        handler.enqueue(new SimpleQuery("select 1", sink));
        ch.runPendingTasks();
        releaseOutbound(ch);
        ch.writeInbound(concat(error("XX000", "boom"), readyForQuery('I')));
        assertThat(sink.events).containsExactly("failed");
        assertThat(sink.error).hasMessage("Commands sent ahead of this request failed (boom): RESET ALL; connection closed");
        assertThat(ch.isOpen()).isFalse();
    }

    /** What was written, a message per entry: its type and, for Parse and Query, the SQL. */
    private static List<String> outboundMessages(EmbeddedChannel ch) {
        List<String> messages = new ArrayList<>();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            while (b.isReadable()) {
                char type = (char) b.readByte();
                ByteBuf body = b.readSlice(b.readInt() - 4);
                String text = switch (type) {
                    case 'P' -> {
                        body.skipBytes(body.bytesBefore((byte) 0) + 1);
                        yield " " + body.readCharSequence(body.bytesBefore((byte) 0), StandardCharsets.UTF_8);
                    }
                    case 'Q' -> " " + body.readCharSequence(body.bytesBefore((byte) 0), StandardCharsets.UTF_8);
                    default -> "";
                };
                messages.add(type + text);
            }
            b.release();
        }
        return messages;
    }

    @Test
    void aSilentServerFailsTheConnectionOnTimeNotLate() {
        EmbeddedChannel ch = channel(8, TimeUnit.SECONDS.toNanos(3));
        RecordingSink sink = new RecordingSink();
        handler.enqueue(new SimpleQuery("select", sink));
        advance(ch, 1_000);
        ch.writeInbound(rowDescription("a"));
        advance(ch, 2_900);
        assertThat(connectionEvents).as("3 s after the last byte, not after the request").isEmpty();
        advance(ch, 200);
        assertThat(connectionEvents).containsExactly("silent server",
                "terminated No response from the server within 3000 ms; connection closed");
        assertThat(sink.events).endsWith("failed");
        assertThat(sink.error).hasMessage("No response from the server within 3000 ms; connection closed");
        releaseOutbound(ch);
    }

    @Test
    void aConsumerHoldingBackIsNotASilentServer() {
        EmbeddedChannel ch = channel(8, TimeUnit.SECONDS.toNanos(3));
        RecordingSink sink = new RecordingSink();
        SimpleQuery query = new SimpleQuery("select", sink);
        handler.enqueue(query);
        sink.demand = false;
        ch.writeInbound(concat(rowDescription("a"), dataRow("1")));
        advance(ch, 10_000);
        assertThat(connectionEvents).isEmpty();
        sink.demand = true;
        query.requestMore();
        ch.writeInbound(concat(commandComplete("SELECT 1"), readyForQuery('I')));
        assertThat(sink.events).containsExactly("columns a", "row 1", "complete SELECT 1 -> 1", "done");
        advance(ch, 10_000);
        assertThat(connectionEvents).as("no request in flight, no watch").containsExactly("status I");
        releaseOutbound(ch);
    }

    @AfterEach
    void releaseEverything() {
        for (EmbeddedChannel ch : channels) {
            ch.finishAndReleaseAll();
        }
    }

    private static ByteBuf twoResults() {
        return concat(parameterStatus("TimeZone", "UTC"), rowDescription("a", "b"), dataRow("1", null),
                notification(7, "ch", "hi"), dataRow("22", "x"), commandComplete("SELECT 2"), notice("careful"),
                commandComplete("UPDATE 1"), readyForQuery('T'));
    }

    private static final List<String> TWO_RESULTS = List.of("columns a b", "row 1 NULL", "row 22 x",
            "complete SELECT 2 -> 2", "notice careful", "complete UPDATE 1 -> 1", "done");

    @Test
    void dispatchesTheSameWhereverTheStreamIsSplit() {
        ByteBuf whole = twoResults();
        try {
            for (int split = 0; split <= whole.readableBytes(); split++) {
                connectionEvents.clear();
                EmbeddedChannel ch = channel(8);
                RecordingSink sink = new RecordingSink();
                handler.enqueue(new SimpleQuery("select", sink));
                ch.writeInbound(whole.retainedSlice(0, split));
                ch.writeInbound(whole.retainedSlice(split, whole.readableBytes() - split));
                assertThat(sink.events).as("split at %d", split).isEqualTo(TWO_RESULTS);
                assertThat(connectionEvents).containsExactly("TimeZone=UTC", "notify ch hi", "notice careful",
                        "status T");
                releaseOutbound(ch);
                assertThat(ch.finish()).isFalse();
            }
        } finally {
            whole.release();
        }
    }

    @Test
    void dispatchesByteByByte() {
        ByteBuf whole = twoResults();
        EmbeddedChannel ch = channel(8);
        RecordingSink sink = new RecordingSink();
        handler.enqueue(new SimpleQuery("select", sink));
        while (whole.isReadable()) {
            ch.writeInbound(whole.readRetainedSlice(1));
        }
        whole.release();
        assertThat(sink.events).isEqualTo(TWO_RESULTS);
        releaseOutbound(ch);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void pipelinesRequestsInOneFlushAndAnswersInOrder() {
        EmbeddedChannel ch = channel(8);
        RecordingSink first = new RecordingSink();
        RecordingSink second = new RecordingSink();
        handler.enqueue(new SimpleQuery("select 1", first));
        handler.enqueue(new SimpleQuery("select 2", second));
        ch.runPendingTasks();
        assertThat(outboundHex(ch)).containsExactly("510000000d73656c656374203100", "510000000d73656c656374203200");
        ch.writeInbound(concat(commandComplete("SELECT 0"), readyForQuery('I'), error("42P01", "nope"),
                readyForQuery('I')));
        assertThat(first.events).containsExactly("complete SELECT 0 -> 0", "done");
        assertThat(second.events).containsExactly("server error 42P01 nope", "done");
    }

    @Test
    void holdsRequestsBeyondTheInFlightLimitUntilAnAnswerArrives() {
        EmbeddedChannel ch = channel(1);
        RecordingSink first = new RecordingSink();
        RecordingSink second = new RecordingSink();
        handler.enqueue(new SimpleQuery("select 1", first));
        handler.enqueue(new SimpleQuery("select 2", second));
        ch.runPendingTasks();
        assertThat(outboundHex(ch)).hasSize(1);
        ch.writeInbound(concat(empty('I'), readyForQuery('I')));
        ch.runPendingTasks();
        assertThat(outboundHex(ch)).containsExactly("510000000d73656c656374203200");
    }

    @Test
    void stopsReadingWhileTheConsumerHasNoDemand() {
        EmbeddedChannel ch = channel(8);
        RecordingSink sink = new RecordingSink();
        SimpleQuery query = new SimpleQuery("select", sink);
        handler.enqueue(query);
        sink.demand = false;
        ch.writeInbound(concat(rowDescription("a"), dataRow("1"), dataRow("2"), commandComplete("SELECT 2"),
                readyForQuery('I')));
        assertThat(sink.events).as("nothing is dispatched without demand").isEmpty();
        assertThat(ch.config().isAutoRead()).isFalse();
        sink.demand = true;
        query.requestMore();
        assertThat(sink.events).containsExactly("columns a", "row 1", "row 2", "complete SELECT 2 -> 2", "done");
        assertThat(ch.config().isAutoRead()).isTrue();
    }

    @Test
    void treatsAShortLengthAsSyncLossAndFailsEverything() {
        EmbeddedChannel ch = channel(8);
        RecordingSink sink = new RecordingSink();
        handler.enqueue(new SimpleQuery("select", sink));
        ch.writeInbound(message('Z', b -> { }).setInt(1, 3));
        assertThat(sink.events).containsExactly("failed");
        assertThat(sink.error).hasMessageContaining("Lost synchronization").hasMessageContaining("length 3");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void treatsAHugeLengthOnAShortMessageTypeAsSyncLoss() {
        EmbeddedChannel ch = channel(8);
        RecordingSink sink = new RecordingSink();
        handler.enqueue(new SimpleQuery("select", sink));
        ch.writeInbound(message('Z', b -> b.writeByte('I')).setInt(1, 1_000_000));
        assertThat(sink.error).hasMessageContaining("ReadyForQuery with length 1000000");
    }

    @Test
    void failsWhenAMessageIsNotConsumedExactly() {
        EmbeddedChannel ch = channel(8);
        RecordingSink sink = new RecordingSink();
        handler.enqueue(new SimpleQuery("select", sink));
        ch.writeInbound(message('I', b -> b.writeByte(1)));
        assertThat(sink.error).hasMessageContaining("EmptyQueryResponse declared 1 body bytes but 0 were read");
    }

    @Test
    void unsolicitedAdminShutdownFailsEveryRequestAndLaterOnesImmediately() {
        EmbeddedChannel ch = channel(1);
        RecordingSink first = new RecordingSink();
        RecordingSink queued = new RecordingSink();
        handler.enqueue(new SimpleQuery("select pg_sleep(10)", first));
        handler.enqueue(new SimpleQuery("select 2", queued));
        ch.writeInbound(fatal("57P01", "terminating connection due to administrator command"));
        assertThat(first.error).hasMessage("terminating connection due to administrator command");
        assertThat(queued.error).isSameAs(first.error);
        assertThat(ch.isOpen()).isFalse();
        RecordingSink later = new RecordingSink();
        handler.enqueue(new SimpleQuery("select 3", later));
        assertThat(later.error).isInstanceOf(R2dbcNonTransientResourceException.class)
                .hasMessageContaining("Connection is closed");
    }

    @Test
    void errorWithNoRequestPendingEndsTheConnection() {
        EmbeddedChannel ch = channel(1);
        ch.writeInbound(fatal("25P03", "idle-in-transaction timeout"));
        assertThat(connectionEvents).containsExactly("terminated idle-in-transaction timeout");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void channelInactiveFailsPendingRequests() {
        EmbeddedChannel ch = channel(8);
        RecordingSink sink = new RecordingSink();
        handler.enqueue(new SimpleQuery("select", sink));
        ch.close();
        assertThat(sink.error).isInstanceOf(R2dbcNonTransientResourceException.class);
    }

    @Test
    void closeWritesTerminateAndLetsTheServerCloseFirst() {
        EmbeddedChannel ch = channel(8);
        RecordingSink sink = new RecordingSink();
        handler.enqueue(new SimpleQuery("select", sink));
        ch.runPendingTasks();
        outboundHex(ch);
        handler.close();
        assertThat(outboundHex(ch)).containsExactly("5800000004");
        assertThat(sink.error).isInstanceOf(R2dbcNonTransientResourceException.class);
        // The server closes its end after Terminate; if it does not, we close after two seconds.
        assertThat(ch.isOpen()).isTrue();
        ch.advanceTimeBy(2, java.util.concurrent.TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void aCancelHoldsLaterWritesUntilItIsDone() {
        EmbeddedChannel ch = channel(8);
        RecordingSink first = new RecordingSink();
        SimpleQuery running = new SimpleQuery("select pg_sleep(10)", first);
        handler.enqueue(running);
        ch.runPendingTasks();
        outboundHex(ch);
        assertThat(handler.beginCancel(running)).isTrue();
        handler.enqueue(new SimpleQuery("select 2", new RecordingSink()));
        ch.runPendingTasks();
        assertThat(outboundHex(ch)).as("nothing is written while the cancel is on its way").isEmpty();
        handler.endCancel();
        ch.runPendingTasks();
        assertThat(outboundHex(ch)).hasSize(1);
    }

    @Test
    void noCancelWhenAnotherRequestIsPipelinedBehind() {
        EmbeddedChannel ch = channel(8);
        SimpleQuery running = new SimpleQuery("select 1", new RecordingSink());
        handler.enqueue(running);
        handler.enqueue(new SimpleQuery("select 2", new RecordingSink()));
        ch.runPendingTasks();
        outboundHex(ch);
        assertThat(handler.beginCancel(running)).isFalse();
    }

    private static List<String> outboundHex(EmbeddedChannel ch) {
        List<String> out = new ArrayList<>();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            out.add(ByteBufUtil.hexDump(b));
            b.release();
        }
        return out;
    }

    private static void releaseOutbound(EmbeddedChannel ch) {
        outboundHex(ch);
    }
}
