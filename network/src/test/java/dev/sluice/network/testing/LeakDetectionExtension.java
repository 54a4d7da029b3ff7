package dev.sluice.network.testing;

import static org.assertj.core.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs every test of this module with Netty's leak detection at PARANOID (every buffer tracked) and fails the
 * test if a buffer it allocated was garbage-collected without being released.
 *
 * <p>Registered for all tests through JUnit's extension auto-detection, so it installs its detector factory before
 * any test touches a Netty buffer. After each test it drops a "canary" buffer on purpose and forces garbage
 * collections until the canary's leak is reported: by then every buffer that became unreachable with it has been
 * reported too. Reports other than the canary's fail the test.
 */
public final class LeakDetectionExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

    private static final long SWEEP_TIMEOUT_NANOS = 10_000_000_000L;
    private static final AtomicLong CANARIES = new AtomicLong();

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new LeakReports());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Field detector = Class.forName("io.netty.buffer.AbstractByteBuf").getDeclaredField("leakDetector");
        detector.setAccessible(true);
        if (!(detector.get(null) instanceof LeakReports.CollectingDetector)) {
            fail("Netty's buffer leak detector was created before LeakDetectionExtension could install its own; "
                    + "is junit.jupiter.extensions.autodetection.enabled set?");
        }
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            fail("leak detection level is " + ResourceLeakDetector.getLevel() + ", expected PARANOID");
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        collectLeaks();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> leaks = collectLeaks();
        if (!leaks.isEmpty()) {
            fail(leaks.size() + " buffer leak(s) detected in " + context.getDisplayName() + ":\n"
                    + String.join("\n\n", leaks));
        }
    }

    /**
     * Forces the detection of every buffer that is unreachable now, and returns (and forgets) the leaks reported
     * since the last call.
     */
    public static List<String> collectLeaks() {
        String canary = "leak-canary-" + CANARIES.incrementAndGet();
        dropCanary(canary);
        long deadline = System.nanoTime() + SWEEP_TIMEOUT_NANOS;
        while (!LeakReports.contains(canary)) {
            if (System.nanoTime() > deadline) {
                fail("leak detection did not report its canary within 10 s; leaks may go unnoticed");
            }
            awaitGarbageCollection();
            PooledByteBufAllocator.DEFAULT.heapBuffer(1).release();
        }
        List<String> reports = LeakReports.drain();
        reports.removeIf(report -> report.contains(canary));
        return reports;
    }

    private static void dropCanary(String hint) {
        ByteBuf canary = PooledByteBufAllocator.DEFAULT.heapBuffer(1);
        canary.touch(hint);
    }

    /** Runs the collector until a weakly referenced object made for the purpose has been cleared and enqueued. */
    private static void awaitGarbageCollection() {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
        try {
            for (int attempt = 0; attempt < 50; attempt++) {
                System.gc();
                if (queue.remove(20) != null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sentinel.clear();
        }
    }
}
