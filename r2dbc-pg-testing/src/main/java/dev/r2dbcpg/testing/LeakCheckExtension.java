package dev.r2dbcpg.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a leaked buffer while it ran. Registered for every test class
 * through JUnit's extension auto-detection (the parent pom enables it). Leaks are noticed when a leaked
 * buffer is garbage-collected and the detector next runs, so the check collects garbage and allocates a
 * few buffers first; a leak that surfaces only later is charged to a later class, never lost.
 */
public final class LeakCheckExtension implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> leaks = collectLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) reported while "
                    + context.getDisplayName() + " ran:\n" + String.join("\n\n", leaks));
        }
    }

    /** Collects garbage, lets the detector run, and returns (and forgets) the leaks reported so far. */
    static List<String> collectLeaks() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            // The detector polls its reference queue when a new buffer is tracked.
            for (int i = 0; i < 4; i++) {
                ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(16);
                pooled.release();
                ByteBuf heap = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
                heap.release();
            }
        }
        return RecordingLeakDetector.drain();
    }
}
