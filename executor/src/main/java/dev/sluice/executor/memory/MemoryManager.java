package dev.sluice.executor.memory;

import dev.sluice.shuffle.memory.TaskMemory;

import java.util.HashMap;
import java.util.Map;

/**
 * The execution memory pool shared by running tasks (aggregation maps, sort buffers, shuffle
 * buffers). Each of N active tasks may hold up to 1/N of the pool, so one task cannot starve the
 * others; a request that cannot be granted in full gets what is left, and the task spills.
 * Storage memory (the cache) is a separate budget owned by the block manager.
 */
public final class MemoryManager {
    private final long executionBytes;
    private final Map<Long, Long> usedByTask = new HashMap<>();
    private long used;

    public MemoryManager(long executionBytes) {
        this.executionBytes = executionBytes;
    }

    /** Total execution memory. */
    public long executionBytes() {
        return executionBytes;
    }

    /** Execution memory currently granted to all tasks. */
    public synchronized long used() {
        return used;
    }

    /** The memory view of one task attempt; call {@link TaskMemoryPool#releaseAll()} when it ends. */
    public synchronized TaskMemoryPool forTask(long taskAttemptId) {
        usedByTask.putIfAbsent(taskAttemptId, 0L);
        return new TaskMemoryPool(this, taskAttemptId);
    }

    synchronized long acquire(long taskAttemptId, long bytes) {
        Long held = usedByTask.get(taskAttemptId);
        if (bytes <= 0 || held == null) {
            return 0; // an ended task (after releaseAll) gets nothing and must not count as active again
        }
        long mine = held;
        long fairShare = executionBytes / Math.max(1, usedByTask.size());
        long grant = Math.max(0, Math.min(bytes, Math.min(fairShare - mine, executionBytes - used)));
        usedByTask.put(taskAttemptId, mine + grant);
        used += grant;
        return grant;
    }

    synchronized void release(long taskAttemptId, long bytes) {
        Long held = usedByTask.get(taskAttemptId);
        if (held == null) {
            return; // everything was returned by releaseAll already
        }
        long mine = held;
        long freed = Math.min(mine, Math.max(0, bytes));
        usedByTask.put(taskAttemptId, mine - freed);
        used -= freed;
    }

    synchronized void releaseAll(long taskAttemptId) {
        Long mine = usedByTask.remove(taskAttemptId);
        if (mine != null) {
            used -= mine;
        }
    }

    /** One task's handle on the pool. */
    public static final class TaskMemoryPool implements TaskMemory {
        private final MemoryManager manager;
        private final long taskAttemptId;

        private TaskMemoryPool(MemoryManager manager, long taskAttemptId) {
            this.manager = manager;
            this.taskAttemptId = taskAttemptId;
        }

        @Override
        public long acquire(long bytes) {
            return manager.acquire(taskAttemptId, bytes);
        }

        @Override
        public void release(long bytes) {
            manager.release(taskAttemptId, bytes);
        }

        /** Returns everything this task still holds (a spillable that failed may not have released). */
        public void releaseAll() {
            manager.releaseAll(taskAttemptId);
        }
    }
}
