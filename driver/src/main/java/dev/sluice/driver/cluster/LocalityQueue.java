package dev.sluice.driver.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Tasks waiting for a free slot, with delay scheduling (Spark's {@code spark.locality.wait}): a task that prefers
 * some executors (they hold a cached block it reads) waits for one of them, as long as they keep starting tasks
 * that prefer them and for at most the locality wait since it was queued or since one of them last did so,
 * whichever is later; then any executor may take it. Retries go to the front.
 *
 * <p>Not thread-safe: the cluster backend calls it under its lock. Time comes from {@code clock} (nanoseconds), so
 * the rules are tested without waiting.
 *
 * @param <T> what is queued (the backend's task with its callback)
 */
final class LocalityQueue<T> {
    private record Entry<T>(T item, List<String> preferred, long since) {
    }

    private final Deque<Entry<T>> queue = new ArrayDeque<>();
    /** When each executor last started a task that preferred it (delay scheduling's clock), by executor id. */
    private final Map<String, Long> lastLocalLaunch = new HashMap<>();
    private final Function<T, List<String>> preferences;
    private final long waitNanos;
    private final LongSupplier clock;

    /**
     * @param preferences the executors an item prefers (empty: any)
     * @param waitNanos   the locality wait
     * @param clock       the time in nanoseconds, as {@link System#nanoTime()}
     */
    LocalityQueue(Function<T, List<String>> preferences, long waitNanos, LongSupplier clock) {
        this.preferences = preferences;
        this.waitNanos = waitNanos;
        this.clock = clock;
    }

    /** Queues {@code item} last, or first if it is a retry (its stage cannot finish without it). */
    void add(T item, boolean retry) {
        Entry<T> entry = new Entry<>(item, preferences.apply(item), clock.getAsLong());
        if (retry) {
            queue.addFirst(entry);
        } else {
            queue.addLast(entry);
        }
    }

    /** An executor joined: its delay-scheduling clock starts now. */
    void executorAdded(String executorId) {
        lastLocalLaunch.put(executorId, clock.getAsLong());
    }

    /** An executor left: tasks preferring only it stop waiting for it. */
    void executorRemoved(String executorId) {
        lastLocalLaunch.remove(executorId);
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /**
     * Takes the next item for a free slot of {@code executorId}: the first one preferring it; else the first one
     * preferring no live executor or tired of waiting; else null (the slot stays free for now).
     */
    T pollFor(String executorId) {
        long now = clock.getAsLong();
        Entry<T> fallback = null;
        for (Iterator<Entry<T>> it = queue.iterator(); it.hasNext(); ) {
            Entry<T> entry = it.next();
            if (entry.preferred().contains(executorId)) {
                it.remove();
                lastLocalLaunch.put(executorId, now);
                return entry.item();
            }
            if (fallback == null && (entry.preferred().stream().noneMatch(lastLocalLaunch::containsKey)
                    || now - waitingSince(entry) > waitNanos)) {
                fallback = entry;
            }
        }
        if (fallback != null) {
            queue.remove(fallback);
            return fallback.item();
        }
        return null;
    }

    /** Since when an entry has waited: its preferred executors keep it as long as they keep starting local tasks. */
    private long waitingSince(Entry<T> entry) {
        long since = entry.since();
        for (String id : entry.preferred()) {
            Long last = lastLocalLaunch.get(id);
            if (last != null) {
                since = Math.max(since, last);
            }
        }
        return since;
    }

    /** Removes and returns the first queued item matching {@code which}, or null. */
    T remove(Predicate<T> which) {
        for (Iterator<Entry<T>> it = queue.iterator(); it.hasNext(); ) {
            Entry<T> entry = it.next();
            if (which.test(entry.item())) {
                it.remove();
                return entry.item();
            }
        }
        return null;
    }

    /** Removes and returns every queued item, in queue order. */
    List<T> drain() {
        List<T> all = new ArrayList<>(queue.size());
        queue.forEach(entry -> all.add(entry.item()));
        queue.clear();
        return all;
    }
}
