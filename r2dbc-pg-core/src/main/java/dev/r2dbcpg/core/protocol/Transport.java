package dev.r2dbcpg.core.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * What a conversation may ask of the connection it runs on. Implemented by the client layer.
 */
public interface Transport {

    /** The connection's allocator, for messages written after {@link Conversation#encode}. */
    ByteBufAllocator alloc();

    /**
     * Queues frontend bytes for writing; flushes are coalesced to once per event-loop turn. Must be
     * called on the event loop.
     *
     * @param message ownership is transferred
     */
    void write(ByteBuf message);

    /**
     * Runs {@code task} on the connection's event loop (now, if already there), then re-evaluates
     * read demand. Safe from any thread.
     */
    void execute(Runnable task);

    /**
     * Whether the connection's outbound buffer is below its high-water mark; a conversation that
     * streams data (COPY FROM STDIN) stops producing while this is false. Event loop only.
     */
    default boolean isWritable() {
        return true;
    }

    /**
     * Runs {@code task} once on the event loop as soon as {@link #isWritable()} is true (at once if
     * it already is). Dropped when the connection fails; the conversation learns that from
     * {@link Conversation#fail}. Event loop only.
     */
    default void whenWritable(Runnable task) {
        execute(task);
    }
}
