package dev.sluice.executor.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.executor.memory.MemoryManager.TaskMemoryPool;
import dev.sluice.shuffle.memory.MemoryConsumer;
import dev.sluice.shuffle.memory.MemoryReservation;
import dev.sluice.shuffle.memory.TaskMemory;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Execution and storage borrowing each other's free memory, and tasks giving memory back to tasks that start. */
class UnifiedMemoryTest {

    /** Cached blocks as the manager sees them: a size that eviction lowers. */
    private static final class Cache implements StorageMemory {
        final AtomicLong used = new AtomicLong();
        int evictions;

        @Override
        public long usedBytes() {
            return used.get();
        }

        @Override
        public void shrinkTo(long bytes) {
            if (used.get() > bytes) {
                evictions++;
                used.set(bytes);
            }
        }
    }

    @Test
    void executionBorrowsFreeStorageMemory() {
        MemoryManager manager = new MemoryManager(1000, 500);
        manager.attachStorage(new Cache());

        assertThat(manager.forTask(1).acquire(900)).isEqualTo(900);
        assertThat(manager.storageCapacity()).as("storage may use what execution leaves").isEqualTo(100);
    }

    @Test
    void storageBorrowsFreeExecutionMemory() {
        MemoryManager manager = new MemoryManager(1000, 500);
        manager.forTask(1).acquire(200);

        assertThat(manager.storageCapacity()).isEqualTo(800);
    }

    @Test
    void executionEvictsCachedBlocksDownToTheProtectedFloorButNoFurther() {
        MemoryManager manager = new MemoryManager(1000, 300);
        Cache cache = new Cache();
        manager.attachStorage(cache);
        cache.used.set(800); // storage borrowed execution's free memory

        long granted = manager.forTask(1).acquire(1000);

        assertThat(cache.evictions).isOne();
        assertThat(cache.used.get()).as("the floor is protected").isEqualTo(300);
        assertThat(granted).isEqualTo(700);
        assertThat(manager.used() + cache.usedBytes()).isEqualTo(1000);
    }

    @Test
    void cachedBlocksUnderTheFloorAreNeverEvicted() {
        MemoryManager manager = new MemoryManager(1000, 500);
        Cache cache = new Cache();
        manager.attachStorage(cache);
        cache.used.set(400);

        assertThat(manager.forTask(1).acquire(1000)).isEqualTo(600);
        assertThat(cache.evictions).isZero();
    }

    @Test
    void aTaskThatTookEverythingAloneIsAskedToGiveBackWhatExceedsItsShare() {
        MemoryManager manager = new MemoryManager(1000);
        TaskMemoryPool firstPool = manager.forTask(1);
        TaskMemory first = new TaskMemory(firstPool);
        firstPool.onSpillRequest(first::requestSpill);
        long[] firstUsage = {0};
        MemoryReservation[] firstBuffer = new MemoryReservation[1];
        firstBuffer[0] = first.reserve(() -> {
            long held = firstBuffer[0].granted();
            firstUsage[0] = 0;
            firstBuffer[0].releaseAll();
            return held;
        });
        assertThat(firstBuffer[0].cover(firstUsage[0] = 450)).isTrue();
        assertThat(manager.used()).isEqualTo(900);

        TaskMemoryPool secondPool = manager.forTask(2);
        TaskMemory second = new TaskMemory(secondPool);
        MemoryReservation secondBuffer = second.reserve(MemoryConsumer.UNSPILLABLE);
        assertThat(secondBuffer.cover(400)).as("only 100 are free now").isFalse();

        // The first task's next request honours the second's: refused, its only consumer spills and gives back.
        assertThat(firstBuffer[0].cover(firstUsage[0] += 10)).isFalse();
        firstBuffer[0].releaseAll();
        assertThat(manager.used()).as("what the second task was granted").isEqualTo(100);
        assertThat(secondBuffer.cover(400)).as("now within its share").isTrue();
        assertThat(manager.used()).isLessThanOrEqualTo(1000);
    }

    @Test
    void aTaskWithinItsShareIsNotAskedToSpill() {
        MemoryManager manager = new MemoryManager(1000);
        TaskMemoryPool firstPool = manager.forTask(1);
        AtomicLong asked = new AtomicLong();
        firstPool.onSpillRequest(asked::addAndGet);
        firstPool.acquire(500);
        TaskMemoryPool second = manager.forTask(2);

        assertThat(second.acquire(600)).isEqualTo(500);
        assertThat(second.acquire(1)).isZero();
        assertThat(asked.get()).isZero();
    }
}
