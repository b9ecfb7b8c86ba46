package dev.r2dbcpg.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeakCheckExtensionTest {

    @Test
    void reportsABufferThatWasNeverReleased() {
        leak();
        // Garbage collection is not on demand: look again, a bounded number of times, until it surfaces.
        List<String> leaks = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (leaks.isEmpty() && System.nanoTime() < deadline) {
            leaks.addAll(LeakCheckExtension.collectLeaks());
        }
        assertThat(leaks).isNotEmpty().allSatisfy(leak -> assertThat(leak).contains("release() was not called"));
    }

    @Test
    void reportsNothingForReleasedBuffers() {
        LeakCheckExtension.collectLeaks();
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(8);
        buf.writeLong(1);
        buf.release();
        assertThat(LeakCheckExtension.collectLeaks()).isEmpty();
    }

    private static void leak() {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(8);
        buf.writeLong(42);
    }
}
