package dev.r2dbcpg.core.client;

import dev.r2dbcpg.core.error.PgConnectionClosedException;
import dev.r2dbcpg.core.error.PgProtocolException;
import dev.r2dbcpg.core.protocol.BackendMessages;
import dev.r2dbcpg.core.protocol.Conversation;
import dev.r2dbcpg.core.protocol.FrontendWriter;
import dev.r2dbcpg.core.protocol.Notification;
import dev.r2dbcpg.core.protocol.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Frames the backend byte stream and dispatches each message: asynchronous messages
 * (NotificationResponse, NoticeResponse, ParameterStatus, unsolicited fatal ErrorResponse) are
 * handled here, everything else goes to the conversation at the head of the in-flight queue.
 * Requests are written without waiting for earlier answers (up to {@code pipelineLimit}), flushes are
 * coalesced to one per event-loop turn, and reading stops while the head conversation's consumer
 * has no demand. All state is confined to the channel's event loop.
 */
final class PgChannelHandler extends ChannelDuplexHandler implements Transport {

    /** Like libpq: messages of types that are never long must stay under this. */
    static final int SHORT_MESSAGE_LIMIT = 30_000;

    /** SQLSTATEs after which the server closes the session on its own. */
    private static final Set<String> CONNECTION_FATAL = Set.of("57P01", "57P02", "57P03", "57P05", "25P03");

    private final int maxMessageSize;
    private final int pipelineLimit;
    private static final boolean HAS_TICKER = hasTicker();

    private final long readTimeoutNanos;
    private final Function<Map<Character, String>, ? extends R2dbcException> errorFactory;
    private final ConnectionEvents events;

    private final ArrayDeque<Conversation> inFlight = new ArrayDeque<>();
    private final ArrayDeque<Conversation> waiting = new ArrayDeque<>();
    private final ArrayDeque<Runnable> writabilityWaiters = new ArrayDeque<>();
    private @Nullable ChannelHandlerContext ctx;
    private @Nullable ByteBuf cumulation;
    private @Nullable Throwable failure;
    private boolean flushScheduled;
    private final AtomicReference<@Nullable List<String>> deferredBegin = new AtomicReference<>();
    private final AtomicReference<@Nullable String> deferredCommands = new AtomicReference<>();
    private boolean dispatching;
    private int blockingInFlight;
    /** A CancelRequest is on its way: nothing more is written until it is done, so it cannot hit a later request. */
    private boolean cancelling;
    private long lastActivityNanos;
    private @Nullable ScheduledFuture<?> timeoutCheck;

    /** Callbacks for what the connection itself handles; all called on the event loop. */
    interface ConnectionEvents {
        void onNotification(Notification notification);

        void onNotice(Map<Character, String> fields);

        void onParameterStatus(String name, String value);

        void onTransactionStatus(char status);

        /** Called once when the connection fails or closes, after every conversation was failed. */
        void onTerminated(Throwable cause);

        /**
         * Nothing arrived within the read timeout while the server owed a response; the connection fails
         * right after this call. The server may still be running the statement: a chance to cancel it.
         */
        default void onSilentServer() {
        }
    }

    /**
     * @param readTimeoutNanos fail the connection when a response is awaited this long with no
     *     byte arriving; 0 disables
     */
    PgChannelHandler(int maxMessageSize, int pipelineLimit, long readTimeoutNanos,
            Function<Map<Character, String>, ? extends R2dbcException> errorFactory, ConnectionEvents events) {
        this.maxMessageSize = maxMessageSize;
        this.pipelineLimit = pipelineLimit;
        this.readTimeoutNanos = readTimeoutNanos;
        this.errorFactory = errorFactory;
        this.events = events;
    }

    // ---------------------------------------------------------------- Transport

    @Override
    public ByteBufAllocator alloc() {
        return context().alloc();
    }

    @Override
    public void write(ByteBuf message) {
        if (failure != null) {
            message.release();
            return;
        }
        // A request written now is owed an answer from now (a resumed portal, COPY data ending).
        lastActivityNanos = now();
        context().write(message, context().voidPromise());
        scheduleFlush();
    }

    @Override
    public void execute(Runnable task) {
        ChannelHandlerContext c = context();
        if (c.executor().inEventLoop()) {
            runTask(task);
        } else {
            c.executor().execute(() -> runTask(task));
        }
    }

    @Override
    public boolean isWritable() {
        return context().channel().isWritable();
    }

    @Override
    public void whenWritable(Runnable task) {
        if (failure != null) {
            return;
        }
        if (isWritable()) {
            runTask(task);
        } else {
            writabilityWaiters.add(task);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        for (Runnable task; failure == null && ctx.channel().isWritable() && (task = writabilityWaiters.poll()) != null; ) {
            runTask(task);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void runTask(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            terminate(asR2dbc(t));
            return;
        }
        dispatchCumulated();
    }

    // ---------------------------------------------------------------- requests

    /** Queues a conversation and writes it as soon as the in-flight limit allows. Event loop only. */
    void enqueue(Conversation conversation) {
        Throwable f = failure;
        if (f != null) {
            conversation.fail(new PgConnectionClosedException("Connection is closed: " + f.getMessage(), f));
            return;
        }
        waiting.add(conversation);
        writeWaiting();
    }

    /**
     * Queues a conversation ahead of every waiting one. For the second half of a request whose first
     * half blocked the pipeline (Prepare, then its Bind/Execute): called from the first half's
     * completion, so nothing was written in between. Event loop only.
     */
    void enqueueFirst(Conversation conversation) {
        Throwable f = failure;
        if (f != null) {
            conversation.fail(new PgConnectionClosedException("Connection is closed: " + f.getMessage(), f));
            return;
        }
        waiting.addFirst(conversation);
        writeWaiting();
    }

    // ---------------------------------------------------------------- deferred commands
    //
    // Commands that need no answer of their own ride ahead of the next request instead of taking a round trip:
    // - a deferred BEGIN (and its SET LOCALs) goes into the next request's own sync segment when it accepts a
    //   prelude (an extended-protocol statement), so an error in it skips the statement and reaches its
    //   consumer; ahead of any other request it goes as a Query of its own, written in the same flush;
    // - deferred commands (the pool's session reset) go as a Query of their own, in the same flush.
    // A server error in a Query of its own ends the connection (DeferredCommands).

    /**
     * Defers {@code statements} (BEGIN and its settings) to the next request; safe from any thread.
     *
     * @return false when a BEGIN is already deferred (nothing changes)
     */
    boolean deferBegin(List<String> statements) {
        return deferredBegin.compareAndSet(null, List.copyOf(statements));
    }

    /** Takes back a deferred BEGIN not yet written; safe from any thread. Whether there was one. */
    boolean withdrawBegin() {
        return deferredBegin.getAndSet(null) != null;
    }

    /** Whether a BEGIN is deferred and not yet written. */
    boolean hasDeferredBegin() {
        return deferredBegin.get() != null;
    }

    /** Defers commands without results to the next request, after any deferred before; safe from any thread. */
    void deferCommands(String sql) {
        deferredCommands.accumulateAndGet(sql, (before, next) -> before == null ? next : before + "; " + next);
    }

    private void writeWaiting() {
        while (!waiting.isEmpty() && inFlight.size() < pipelineLimit && blockingInFlight == 0 && !cancelling
                && failure == null) {
            Conversation c = waiting.poll();
            String commands = deferredCommands.getAndSet(null);
            if (commands != null) {
                writeOne(DeferredCommands.query(commands, this::terminate), null);
            }
            List<String> begin = deferredBegin.getAndSet(null);
            if (begin != null) {
                // In a transaction from now on, as far as anyone can tell before the server's ReadyForQuery says.
                events.onTransactionStatus('T');
            }
            if (begin != null && !c.acceptsPrelude()) {
                writeOne(DeferredCommands.query(String.join("; ", begin), this::terminate), null);
                begin = null;
            }
            writeOne(c, begin);
        }
    }

    private void writeOne(Conversation c, @Nullable List<String> prelude) {
        if (failure != null) {
            c.fail(new R2dbcNonTransientResourceException("Connection is closed: " + failure.getMessage(), failure));
            return;
        }
        c.attach(this);
        ByteBuf out = context().alloc().ioBuffer(256);
        try {
            if (prelude != null) {
                c.encodePrelude(out, prelude);
            }
            c.encode(out);
        } catch (Throwable t) {
            out.release();
            c.fail(asR2dbc(t));
            return;
        }
        if (inFlight.isEmpty()) {
            armTimeout(readTimeoutNanos);
        }
        inFlight.add(c);
        if (!c.isPipelinable()) {
            blockingInFlight++;
        }
        write(out);
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            context().executor().execute(() -> {
                flushScheduled = false;
                if (failure == null) {
                    context().flush();
                }
            });
        }
    }

    /**
     * Whether a CancelRequest for {@code conversation} may be sent: it is the only request on the wire and
     * still running on the server. If so, writes are held until {@link #endCancel()}. Event loop only.
     */
    boolean beginCancel(Conversation conversation) {
        if (failure != null || cancelling || inFlight.size() != 1 || inFlight.peek() != conversation
                || conversation.isFinished() || conversation.hasFailedOnServer()) {
            return false;
        }
        cancelling = true;
        return true;
    }

    /** The CancelRequest is done (the server closed its socket): writing resumes. Event loop only. */
    void endCancel() {
        cancelling = false;
        if (failure == null) {
            writeWaiting();
        }
    }

    /**
     * Writes Terminate, fails pending conversations, and lets the server close the socket (so that its
     * backend is gone when the returned future completes); closes it ourselves after two seconds at most.
     * Event loop only.
     */
    ChannelFuture close() {
        ChannelHandlerContext c = context();
        boolean graceful = failure == null && c.channel().isActive();
        if (graceful) {
            ByteBuf out = c.alloc().ioBuffer(5);
            FrontendWriter.writeTerminate(out);
            c.writeAndFlush(out);
        }
        terminate(new PgConnectionClosedException("Connection closed by the client"), !graceful);
        if (graceful) {
            c.channel().config().setAutoRead(true);
            c.executor().schedule(() -> {
                c.close();
            }, 2, TimeUnit.SECONDS);
        }
        return c.channel().closeFuture();
    }

    // ---------------------------------------------------------------- inbound

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.channel().config().setAutoRead(true);
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in) || failure != null) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        lastActivityNanos = now();
        ByteBuf c = cumulation;
        cumulation = c == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), c, in);
        dispatchCumulated();
    }

    /** Dispatches every complete frame while the head conversation wants messages; then sets autoRead. */
    private void dispatchCumulated() {
        if (dispatching || failure != null) {
            return;
        }
        dispatching = true;
        try {
            ByteBuf buf = cumulation;
            while (buf != null && buf.readableBytes() >= 5 && wantsMessages()) {
                int start = buf.readerIndex();
                byte type = buf.getByte(start);
                int length = buf.getInt(start + 1);
                if (length < 4 || length > maxMessageSize
                        || length > SHORT_MESSAGE_LIMIT && !BackendMessages.mayBeLong(type)) {
                    throw new PgProtocolException("Lost synchronization with the server: "
                            + BackendMessages.name(type) + " with length " + length);
                }
                if (buf.readableBytes() < length + 1) {
                    break;
                }
                int end = start + 1 + length;
                int writerIndex = buf.writerIndex();
                buf.setIndex(start + 5, end);
                try {
                    dispatch(type, buf);
                    if (buf.readerIndex() != end) {
                        throw new PgProtocolException("Protocol violation: "
                                + BackendMessages.name(type) + " declared " + (length - 4) + " body bytes but "
                                + (buf.readerIndex() - start - 5) + " were read");
                    }
                } finally {
                    if (cumulation == buf) {
                        buf.setIndex(end, writerIndex);
                    }
                }
                buf = cumulation;
            }
            if (buf != null && !buf.isReadable()) {
                buf.release();
                cumulation = null;
            }
            if (failure == null) {
                boolean read = wantsMessages();
                if (context().channel().config().isAutoRead() != read) {
                    context().channel().config().setAutoRead(read);
                }
            }
        } catch (Throwable t) {
            terminate(asR2dbc(t));
        } finally {
            dispatching = false;
        }
    }

    private boolean wantsMessages() {
        Conversation head = inFlight.peek();
        return head == null || head.wantsMessages();
    }

    private void dispatch(byte type, ByteBuf body) {
        switch (type) {
            case BackendMessages.NOTIFICATION_RESPONSE -> events.onNotification(BackendMessages.parseNotification(body));
            case BackendMessages.NOTICE_RESPONSE -> {
                Map<Character, String> fields = BackendMessages.parseFields(body);
                events.onNotice(fields);
                Conversation head = inFlight.peek();
                if (head != null) {
                    head.onNoticeResponse(fields);
                }
            }
            case BackendMessages.PARAMETER_STATUS -> {
                String name = BackendMessages.readCString(body);
                events.onParameterStatus(name, BackendMessages.readCString(body));
            }
            case BackendMessages.ERROR_RESPONSE -> {
                if (inFlight.isEmpty() || isConnectionFatal(body)) {
                    Map<Character, String> fields = BackendMessages.parseFields(body);
                    throw errorFactory.apply(fields);
                }
                toHead(type, body);
            }
            case BackendMessages.READY_FOR_QUERY -> {
                events.onTransactionStatus((char) body.getByte(body.readerIndex()));
                toHead(type, body);
            }
            default -> toHead(type, body);
        }
    }

    private static boolean isConnectionFatal(ByteBuf body) {
        Map<Character, String> fields = BackendMessages.parseFields(body.duplicate());
        String severity = fields.getOrDefault(BackendMessages.FIELD_SEVERITY_NONLOCALIZED,
                fields.get(BackendMessages.FIELD_SEVERITY));
        boolean fatal = "FATAL".equals(severity) || "PANIC".equals(severity);
        return fatal && CONNECTION_FATAL.contains(fields.get(BackendMessages.FIELD_CODE));
    }

    private void toHead(byte type, ByteBuf body) {
        Conversation head = inFlight.peek();
        if (head == null) {
            throw new PgProtocolException("Protocol violation: received "
                    + BackendMessages.name(type) + " while no request was pending");
        }
        head.onMessage(type, body);
        if (head.isFinished()) {
            inFlight.poll();
            if (!head.isPipelinable()) {
                blockingInFlight--;
            }
            writeWaiting();
        }
    }

    // ---------------------------------------------------------------- timeout

    // The watch: while a request is in flight and the server owes it a message, the time since the last
    // byte arrived may not exceed readTimeoutNanos. A consumer holding back (autoRead off) or a
    // conversation waiting for the client (awaitsServer false) restarts the clock instead. The check is
    // scheduled for the moment the timeout would be reached, so it fires on time, not up to twice late.

    private void armTimeout(long delayNanos) {
        if (readTimeoutNanos > 0 && timeoutCheck == null) {
            timeoutCheck = context().executor().schedule(this::checkTimeout, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void checkTimeout() {
        timeoutCheck = null;
        Conversation head = inFlight.peek();
        if (failure != null || head == null) {
            return;
        }
        long now = now();
        long idle = now - lastActivityNanos;
        if (!context().channel().config().isAutoRead() || !head.awaitsServer()) {
            lastActivityNanos = now;
            idle = 0;
        } else if (idle >= readTimeoutNanos) {
            events.onSilentServer();
            terminate(new R2dbcNonTransientResourceException("No response from the server within "
                    + TimeUnit.NANOSECONDS.toMillis(readTimeoutNanos) + " ms; connection closed"));
            return;
        }
        armTimeout(readTimeoutNanos - idle);
    }

    private long now() {
        // The executor's ticker (Netty 4.2) lets tests move time; Netty 4.1 (Spring Boot 3.5) has none.
        return HAS_TICKER ? context().executor().ticker().nanoTime() : System.nanoTime();
    }

    private static boolean hasTicker() {
        try {
            io.netty.util.concurrent.EventExecutor.class.getMethod("ticker");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- failure: one path

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        terminate(new PgConnectionClosedException("Connection closed by the server"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        terminate(new PgConnectionClosedException("Connection failed: " + cause, cause));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        terminate(new PgConnectionClosedException("Connection handler removed"));
    }

    /** Fails every in-flight and queued conversation with {@code cause} and closes the channel. */
    void terminate(Throwable cause) {
        terminate(cause, true);
    }

    private void terminate(Throwable cause, boolean closeChannel) {
        if (failure != null) {
            return;
        }
        failure = cause;
        ByteBuf c = cumulation;
        cumulation = null;
        if (c != null) {
            c.release();
        }
        ScheduledFuture<?> t = timeoutCheck;
        if (t != null) {
            t.cancel(false);
        }
        events.onTerminated(cause);
        writabilityWaiters.clear();
        failAll(inFlight, cause);
        failAll(waiting, cause);
        blockingInFlight = 0;
        cancelling = false;
        ChannelHandlerContext context = ctx;
        if (context != null && closeChannel) {
            context.channel().config().setAutoRead(false);
            context.close();
        }
    }

    private static void failAll(ArrayDeque<Conversation> queue, Throwable cause) {
        for (Conversation c; (c = queue.poll()) != null; ) {
            try {
                c.fail(cause);
            } catch (RuntimeException ignored) {
                // A failing sink must not stop the others from learning about the failure.
            }
        }
    }

    /** The failure that ended this connection, or null while it is usable. */
    @Nullable Throwable failure() {
        return failure;
    }

    private ChannelHandlerContext context() {
        ChannelHandlerContext c = ctx;
        if (c == null) {
            throw new IllegalStateException("PgChannelHandler is not added to a pipeline");
        }
        return c;
    }

    private static R2dbcException asR2dbc(Throwable t) {
        return t instanceof R2dbcException e ? e
                : new R2dbcNonTransientResourceException("Internal error on the connection: " + t, t);
    }
}
