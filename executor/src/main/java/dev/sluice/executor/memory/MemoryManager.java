package dev.sluice.executor.memory;

import dev.sluice.shuffle.memory.MemoryPool;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * An executor's managed memory, unified between execution (aggregation maps, sort buffers, join tables, shuffle
 * buffers) and storage (cached blocks), as Spark's {@code UnifiedMemoryManager}:
 * <ul>
 *   <li>Storage may use whatever execution does not ({@link #storageCapacity()}); execution may use whatever
 *       storage does not, and evicts cached blocks for room, but never below the protected storage floor.</li>
 *   <li>Each of N running tasks may hold up to 1/N of what execution can have. A task that started alone and took
 *       everything is asked to give back what exceeds its share when a task below half its share is refused
 *       memory: its consumers spill at their next request ({@link TaskMemoryPool#onSpillRequest}).</li>
 *   <li>Within a task, {@link dev.sluice.shuffle.memory.TaskMemory} makes consumers spill for each other.</li>
 * </ul>
 * Nothing here blocks: a request that cannot be granted in full gets what is free, and the consumer spills.
 */
public final class MemoryManager {
    private final long managedBytes;
    private final long storageFloorBytes;
    private final Map<Long, TaskAccount> tasks = new HashMap<>();
    private volatile StorageMemory storage = StorageMemory.NONE;
    private long executionUsed;

    /** A manager of {@code executionBytes} with no storage attached (all of it for execution). */
    public MemoryManager(long executionBytes) {
        this(executionBytes, 0);
    }

    /**
     * @param managedBytes      execution and storage memory together
     * @param storageFloorBytes cached blocks up to this size are never evicted for execution
     */
    public MemoryManager(long managedBytes, long storageFloorBytes) {
        if (managedBytes < 0 || storageFloorBytes < 0 || storageFloorBytes > managedBytes) {
            throw new IllegalArgumentException("Managed memory " + managedBytes + " with a storage floor of "
                    + storageFloorBytes);
        }
        this.managedBytes = managedBytes;
        this.storageFloorBytes = storageFloorBytes;
    }

    /** Attaches the storage side (the block manager) once it exists. */
    public void attachStorage(StorageMemory storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    /** Execution memory the tasks could have now: everything but the cached blocks under the floor. */
    public long executionBytes() {
        return managedBytes - Math.min(storage.usedBytes(), storageFloorBytes);
    }

    /** Execution and storage memory together. */
    public long managedBytes() {
        return managedBytes;
    }

    /** Execution memory currently granted to all tasks. */
    public synchronized long used() {
        return executionUsed;
    }

    /** What cached blocks may hold now: everything execution does not use. */
    public synchronized long storageCapacity() {
        return managedBytes - executionUsed;
    }

    /** The memory view of one task attempt; call {@link TaskMemoryPool#releaseAll()} when it ends. */
    public synchronized TaskMemoryPool forTask(long taskAttemptId) {
        tasks.putIfAbsent(taskAttemptId, new TaskAccount());
        return new TaskMemoryPool(this, taskAttemptId);
    }

    long acquire(long taskAttemptId, long bytes) {
        long evictTo = -1;
        long storageUsed = storage.usedBytes(); // read outside the lock: the cache may be busy evicting to disk
        synchronized (this) {
            TaskAccount task = tasks.get(taskAttemptId);
            if (bytes <= 0 || task == null) {
                return 0; // an ended task (after releaseAll) gets nothing and must not count as active again
            }
            long wanted = Math.min(bytes, Math.max(0, fairShare(storageUsed) - task.held));
            long free = managedBytes - executionUsed - storageUsed;
            if (wanted > free && storageUsed > storageFloorBytes) {
                evictTo = Math.max(storageFloorBytes, storageUsed - (wanted - free));
            }
        }
        if (evictTo >= 0) {
            storage.shrinkTo(evictTo); // outside the lock: eviction may write blocks to disk
            storageUsed = storage.usedBytes();
        }
        synchronized (this) {
            TaskAccount task = tasks.get(taskAttemptId);
            if (task == null) {
                return 0;
            }
            long share = fairShare(storageUsed);
            long free = Math.max(0, managedBytes - executionUsed - storageUsed);
            long grant = Math.max(0, Math.min(bytes, Math.min(share - task.held, free)));
            task.held += grant;
            executionUsed += grant;
            if (grant < bytes && task.held < share / 2) {
                askOverShareTasksToSpill(share);
            }
            return grant;
        }
    }

    /** What one of the running tasks may hold. */
    private long fairShare(long storageUsed) {
        long execution = managedBytes - Math.min(storageUsed, storageFloorBytes);
        return execution / Math.max(1, tasks.size());
    }

    private void askOverShareTasksToSpill(long share) {
        for (TaskAccount other : tasks.values()) {
            if (other.held > share && other.spillRequests != null) {
                other.spillRequests.accept(other.held - share);
            }
        }
    }

    synchronized void release(long taskAttemptId, long bytes) {
        TaskAccount task = tasks.get(taskAttemptId);
        if (task == null) {
            return; // everything was returned by releaseAll already
        }
        long freed = Math.min(task.held, Math.max(0, bytes));
        task.held -= freed;
        executionUsed -= freed;
    }

    synchronized void releaseAll(long taskAttemptId) {
        TaskAccount task = tasks.remove(taskAttemptId);
        if (task != null) {
            executionUsed -= task.held;
        }
    }

    synchronized void onSpillRequest(long taskAttemptId, LongConsumer spillRequests) {
        TaskAccount task = tasks.get(taskAttemptId);
        if (task != null) {
            task.spillRequests = spillRequests;
        }
    }

    /** What one running task holds, and how to ask it to give some back. */
    private static final class TaskAccount {
        long held;
        LongConsumer spillRequests;
    }

    /** One task's handle on the pool. */
    public static final class TaskMemoryPool implements MemoryPool {
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

        /**
         * Where requests to give memory back go (the task's {@link dev.sluice.shuffle.memory.TaskMemory#requestSpill}):
         * called, with the bytes over its share, when a task below half its share is refused memory.
         */
        public void onSpillRequest(LongConsumer spillRequests) {
            manager.onSpillRequest(taskAttemptId, spillRequests);
        }

        /** Returns everything this task still holds (a spillable that failed may not have released). */
        public void releaseAll() {
            manager.releaseAll(taskAttemptId);
        }
    }
}
