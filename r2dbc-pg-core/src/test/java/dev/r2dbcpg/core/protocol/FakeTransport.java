package dev.r2dbcpg.core.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays the connection for one conversation: records what it writes (as hex), runs tasks at
 * once, and feeds scripted server bytes message by message exactly as the channel handler does.
 */
public final class FakeTransport implements Transport {

    public final List<String> written = new ArrayList<>();
    public final List<Runnable> deferred = new ArrayList<>();
    public boolean deferTasks;

    @Override
    public ByteBufAllocator alloc() {
        return ByteBufAllocator.DEFAULT;
    }

    @Override
    public void write(ByteBuf message) {
        try {
            written.add(ByteBufUtil.hexDump(message));
        } finally {
            message.release();
        }
    }

    @Override
    public void execute(Runnable task) {
        if (deferTasks) {
            deferred.add(task);
        } else {
            task.run();
        }
    }

    /** Attaches and returns the initial bytes the conversation encodes, as hex. */
    public String start(Conversation conversation) {
        conversation.attach(this);
        ByteBuf out = Unpooled.buffer();
        try {
            conversation.encode(out);
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

    /** Feeds every message in {@code stream} (released afterwards), checking each is consumed exactly. */
    public static void feed(Conversation conversation, ByteBuf stream) {
        try {
            while (stream.isReadable()) {
                byte type = stream.readByte();
                int length = stream.readInt();
                int end = stream.readerIndex() + length - 4;
                int writerIndex = stream.writerIndex();
                stream.writerIndex(end);
                try {
                    conversation.onMessage(type, stream);
                    if (stream.isReadable()) {
                        throw new AssertionError(BackendMessages.name(type) + " not consumed exactly");
                    }
                } finally {
                    stream.writerIndex(writerIndex);
                    stream.readerIndex(end);
                }
            }
        } finally {
            stream.release();
        }
    }
}
