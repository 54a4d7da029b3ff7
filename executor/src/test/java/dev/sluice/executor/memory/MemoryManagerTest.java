package dev.sluice.executor.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.executor.memory.MemoryManager.TaskMemoryPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MemoryManagerTest {

    @Test
    void aLoneTaskMayUseTheWholePool() {
        MemoryManager manager = new MemoryManager(1000);
        TaskMemoryPool task = manager.forTask(1);

        assertThat(task.acquire(400)).isEqualTo(400);
        assertThat(task.acquire(600)).isEqualTo(600);
        assertThat(manager.used()).isEqualTo(1000);
        assertThat(manager.executionBytes()).isEqualTo(1000);
    }

    @Test
    void aRequestLargerThanThePoolGetsWhatIsLeft() {
        MemoryManager manager = new MemoryManager(1000);
        TaskMemoryPool task = manager.forTask(1);

        assertThat(task.acquire(300)).isEqualTo(300);
        assertThat(task.acquire(5000)).isEqualTo(700);
        assertThat(task.acquire(1)).isZero();
        assertThat(manager.used()).isEqualTo(1000);
    }

    @Test
    void withTwoActiveTasksEachGetsAtMostHalf() {
        MemoryManager manager = new MemoryManager(1000);
        TaskMemoryPool first = manager.forTask(1);
        TaskMemoryPool second = manager.forTask(2);

        assertThat(first.acquire(1000)).isEqualTo(500);
        assertThat(first.acquire(1)).isZero();
        assertThat(second.acquire(200)).isEqualTo(200);
        assertThat(second.acquire(1000)).isEqualTo(300);
        assertThat(manager.used()).isEqualTo(1000);
    }

    @Test
    void fairShareShrinksAsTasksStart() {
        MemoryManager manager = new MemoryManager(900);
        List<TaskMemoryPool> tasks = new ArrayList<>();
        for (long id = 1; id <= 3; id++) {
            tasks.add(manager.forTask(id));
        }

        for (TaskMemoryPool task : tasks) {
            assertThat(task.acquire(900)).isEqualTo(300);
        }
        assertThat(manager.used()).isEqualTo(900);
    }

    @Test
    void aTaskOverItsShareAfterOthersStartGetsNothingMore() {
        MemoryManager manager = new MemoryManager(1000);
        TaskMemoryPool first = manager.forTask(1);
        assertThat(first.acquire(800)).isEqualTo(800);

        TaskMemoryPool second = manager.forTask(2);

        assertThat(first.acquire(100)).isZero();
        assertThat(second.acquire(500)).as("only what is left of the pool").isEqualTo(200);
        assertThat(manager.used()).isEqualTo(1000);
    }

    @Test
    void releaseReturnsMemoryForOthersToUse() {
        MemoryManager manager = new MemoryManager(1000);
        TaskMemoryPool first = manager.forTask(1);
        TaskMemoryPool second = manager.forTask(2);
        assertThat(first.acquire(500)).isEqualTo(500);
        assertThat(second.acquire(500)).isEqualTo(500);

        first.release(200);

        assertThat(manager.used()).isEqualTo(800);
        assertThat(second.acquire(200)).as("second is at its share").isZero();
        assertThat(first.acquire(300)).as("first may take back up to its share").isEqualTo(200);
        assertThat(manager.used()).isEqualTo(1000);
    }

    @Test
    void releasingMoreThanHeldOrNothingChangesNothingBeyondWhatTheTaskHeld() {
        MemoryManager manager = new MemoryManager(1000);
        TaskMemoryPool first = manager.forTask(1);
        TaskMemoryPool second = manager.forTask(2);
        first.acquire(100);
        second.acquire(300);

        first.release(5000);
        first.release(-7);
        first.release(0);

        assertThat(manager.used()).isEqualTo(300);
        first.release(1);
        assertThat(manager.used()).isEqualTo(300);
    }

    @Test
    void releaseAllReturnsEverythingAndTheTaskNoLongerCountsAsActive() {
        MemoryManager manager = new MemoryManager(1000);
        TaskMemoryPool first = manager.forTask(1);
        TaskMemoryPool second = manager.forTask(2);
        assertThat(first.acquire(500)).isEqualTo(500);
        assertThat(second.acquire(400)).isEqualTo(400);

        second.releaseAll();

        assertThat(manager.used()).isEqualTo(500);
        assertThat(first.acquire(1000)).as("alone again, first may use the whole pool").isEqualTo(500);
        assertThat(manager.used()).isEqualTo(1000);
        second.releaseAll(); // idempotent
        assertThat(manager.used()).isEqualTo(1000);
        first.releaseAll();
        assertThat(manager.used()).isZero();
    }

    @Test
    void anEndedTaskThatStillReleasesOrAsksDoesNotCountAsActiveAgain() {
        MemoryManager manager = new MemoryManager(1000);
        TaskMemoryPool ended = manager.forTask(1);
        TaskMemoryPool running = manager.forTask(2);
        ended.acquire(100);
        ended.releaseAll();

        ended.release(100); // e.g. a spillable closed after the task's memory was returned
        long lateGrant = ended.acquire(100);

        assertThat(running.acquire(1000)).as("alone, the running task may use the whole pool")
                .isEqualTo(1000 - lateGrant);
        assertThat(lateGrant).as("an ended task gets nothing").isZero();
        running.releaseAll();
        assertThat(manager.used()).isZero();
    }

    @Test
    void nonPositiveRequestsGetNothing() {
        MemoryManager manager = new MemoryManager(1000);
        TaskMemoryPool task = manager.forTask(1);

        assertThat(task.acquire(0)).isZero();
        assertThat(task.acquire(-100)).isZero();
        assertThat(manager.used()).isZero();
    }

    @Test
    void anEmptyPoolGrantsNothing() {
        MemoryManager manager = new MemoryManager(0);

        assertThat(manager.forTask(1).acquire(10)).isZero();
        assertThat(manager.used()).isZero();
    }

    @Test
    void twoHandlesOfOneAttemptShareItsAccount() {
        MemoryManager manager = new MemoryManager(1000);
        TaskMemoryPool a = manager.forTask(7);
        TaskMemoryPool b = manager.forTask(7);
        manager.forTask(8);

        assertThat(a.acquire(400)).isEqualTo(400);
        assertThat(b.acquire(400)).as("one task of two: 500 in all").isEqualTo(100);
        b.releaseAll();
        assertThat(manager.used()).isZero();
    }

    @Test
    void grantsNeverExceedThePoolNorAnyTasksFairShare() {
        long pool = 10_000;
        MemoryManager manager = new MemoryManager(pool);
        Random random = new Random(17);
        int tasks = 4;
        TaskMemoryPool[] handles = new TaskMemoryPool[tasks];
        long[] held = new long[tasks];
        boolean[] active = new boolean[tasks];
        for (int step = 0; step < 20_000; step++) {
            int t = random.nextInt(tasks);
            if (!active[t]) {
                handles[t] = manager.forTask(1000L * step + t);
                active[t] = true;
                held[t] = 0;
            }
            int activeCount = 0;
            for (boolean a : active) {
                activeCount += a ? 1 : 0;
            }
            switch (random.nextInt(4)) {
                case 0, 1 -> {
                    long want = random.nextInt(4000);
                    long got = handles[t].acquire(want);
                    assertThat(got).isBetween(0L, want);
                    held[t] += got;
                    if (got > 0) {
                        assertThat(held[t]).isLessThanOrEqualTo(pool / activeCount);
                    }
                }
                case 2 -> {
                    long give = random.nextInt(3000);
                    handles[t].release(give);
                    held[t] -= Math.min(give, held[t]);
                }
                default -> {
                    handles[t].releaseAll();
                    active[t] = false;
                    held[t] = 0;
                }
            }
            long sum = 0;
            for (long h : held) {
                sum += h;
            }
            assertThat(manager.used()).isEqualTo(sum).isBetween(0L, pool);
        }
    }

    @Test
    void concurrentTasksNeverOversubscribeThePool() throws Exception {
        long pool = 1 << 20;
        MemoryManager manager = new MemoryManager(pool);
        int threads = 4;
        List<Thread> workers = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < threads; i++) {
            long id = i;
            workers.add(new Thread(() -> {
                try {
                    Random random = new Random(id);
                    for (int round = 0; round < 200; round++) {
                        TaskMemoryPool task = manager.forTask(id * 1000 + round);
                        long held = 0;
                        for (int j = 0; j < 50; j++) {
                            held += task.acquire(random.nextInt(100_000));
                            long used = manager.used();
                            if (used > pool || used < 0) {
                                throw new AssertionError("pool oversubscribed: " + used);
                            }
                            if (held > pool) {
                                throw new AssertionError("task holds more than the pool: " + held);
                            }
                        }
                        task.releaseAll();
                    }
                } catch (Throwable t) {
                    errors.add(t);
                }
            }));
        }
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join();
        }

        assertThat(errors).isEmpty();
        assertThat(manager.used()).isZero();
    }
}
