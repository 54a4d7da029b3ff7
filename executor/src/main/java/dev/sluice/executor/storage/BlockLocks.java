package dev.sluice.executor.storage;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * One writer per block: the first task to miss a block computes and stores it, and tasks that miss it meanwhile
 * wait for that, then read what was stored, instead of computing the same partition again (Spark's
 * {@code BlockInfoManager} write locks). Readers of stored blocks take no lock: stores publish whole blocks.
 */
final class BlockLocks {
    private final ConcurrentHashMap<BlockId, CountDownLatch> writing = new ConcurrentHashMap<>();

    /**
     * Takes the write lock of block {@code id}: true once this thread holds it (then it must call
     * {@link #release}); false after waiting for another writer to finish, so the caller should look for the
     * block again.
     *
     * @throws CancellationException if the thread is interrupted while it waits (its task is being killed)
     */
    boolean acquireOrAwait(BlockId id) {
        CountDownLatch mine = new CountDownLatch(1);
        CountDownLatch theirs = writing.putIfAbsent(id, mine);
        if (theirs == null) {
            return true;
        }
        try {
            theirs.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted while waiting for another task to compute block " + id);
        }
        return false;
    }

    /** Releases the write lock of block {@code id}, held by this thread, and wakes its waiters. */
    void release(BlockId id) {
        CountDownLatch mine = writing.remove(id);
        if (mine != null) {
            mine.countDown();
        }
    }
}
