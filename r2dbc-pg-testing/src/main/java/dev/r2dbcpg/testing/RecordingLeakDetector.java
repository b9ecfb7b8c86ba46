package dev.r2dbcpg.testing;

import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A Netty leak detector that remembers every leak it reports, so that tests can fail on them rather
 * than only log them. Enabled for a JVM with
 * {@code -Dio.netty.customResourceLeakDetector=dev.r2dbcpg.testing.RecordingLeakDetector} (the parent
 * pom's test arguments do this, together with {@code -Dio.netty.leakDetection.level=paranoid});
 * {@link LeakCheckExtension} checks after every test class.
 *
 * @param <T> the tracked resource type
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

    private static final ConcurrentLinkedQueue<String> LEAKS = new ConcurrentLinkedQueue<>();

    /**
     * Called by Netty's detector factory.
     *
     * @param resourceType the tracked type
     * @param samplingInterval the sampling interval (ignored at {@code paranoid} level)
     */
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    /**
     * The constructor Netty's factory looks up first; without it the factory logs a spurious error.
     *
     * @param resourceType the tracked type
     * @param samplingInterval the sampling interval
     * @param maxActive ignored, as by Netty
     */
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        this(resourceType, samplingInterval);
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add("LEAK: " + resourceType + ".release() was not called before it was garbage-collected." + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LEAKS.add("LEAK: " + resourceType + ".release() was not called before it was garbage-collected.");
        super.reportUntracedLeak(resourceType);
    }

    /** Removes and returns the leaks reported so far. */
    public static List<String> drain() {
        List<String> out = new ArrayList<>();
        for (String leak; (leak = LEAKS.poll()) != null; ) {
            out.add(leak);
        }
        return out;
    }
}
