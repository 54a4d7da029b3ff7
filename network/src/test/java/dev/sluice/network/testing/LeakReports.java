package dev.sluice.network.testing;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the leaks Netty's leak detectors report, instead of only logging them, so that a test can fail on
 * them. Installed as Netty's {@link ResourceLeakDetectorFactory} by {@link LeakDetectionExtension}.
 */
final class LeakReports extends ResourceLeakDetectorFactory {

    private static final List<String> REPORTS = new ArrayList<>();

    @Override
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
        return new CollectingDetector<>(resource, samplingInterval);
    }

    /** Netty's abstract variant, deprecated by Netty; {@code maxActive} is ignored by Netty as well. */
    @Deprecated
    @Override
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                               long maxActive) {
        return newResourceLeakDetector(resource, samplingInterval);
    }

    /** Removes and returns the reports collected so far. */
    static List<String> drain() {
        synchronized (REPORTS) {
            List<String> drained = new ArrayList<>(REPORTS);
            REPORTS.clear();
            return drained;
        }
    }

    /** Whether a report containing {@code text} has been collected (and not drained yet). */
    static boolean contains(String text) {
        synchronized (REPORTS) {
            return REPORTS.stream().anyMatch(report -> report.contains(text));
        }
    }

    private static void add(String report) {
        synchronized (REPORTS) {
            REPORTS.add(report);
        }
    }

    /** A detector that reports into {@link #REPORTS}. */
    static final class CollectingDetector<T> extends ResourceLeakDetector<T> {
        CollectingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected boolean needReport() {
            return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            add("LEAK: " + resourceType + ".release() was not called before it was garbage-collected." + records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            add("LEAK: " + resourceType + ".release() was not called before it was garbage-collected "
                    + "(no access records).");
        }
    }
}
