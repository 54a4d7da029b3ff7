package dev.sluice.shuffle.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MemoryPoolTest {

    @Test
    void fixedMemoryGrantsUpToItsBudget() {
        FixedMemoryPool memory = new FixedMemoryPool(100);

        assertThat(memory.acquire(60)).isEqualTo(60);
        assertThat(memory.acquire(60)).isEqualTo(40);
        assertThat(memory.acquire(1)).isZero();
        assertThat(memory.used()).isEqualTo(100);

        memory.release(70);

        assertThat(memory.used()).isEqualTo(30);
        assertThat(memory.acquire(100)).isEqualTo(70);
    }

    @Test
    void releasingMoreThanUsedIsABug() {
        FixedMemoryPool memory = new FixedMemoryPool(100);
        memory.acquire(10);

        assertThatThrownBy(() -> memory.release(11)).isInstanceOf(IllegalStateException.class);
        assertThat(memory.used()).isEqualTo(10);
    }

    @Test
    void fixedMemoryIsThreadSafe() throws Exception {
        FixedMemoryPool memory = new FixedMemoryPool(1_000_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> grants = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                grants.add(pool.submit(() -> {
                    long granted = 0;
                    for (int i = 0; i < 100_000; i++) {
                        granted += memory.acquire(7);
                    }
                    return granted;
                }));
            }
            long total = 0;
            for (Future<Long> grant : grants) {
                total += grant.get();
            }
            assertThat(total).isEqualTo(1_000_000).isEqualTo(memory.used());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unlimitedMemoryGrantsEverything() {
        assertThat(MemoryPool.unlimited().acquire(Long.MAX_VALUE / 2)).isEqualTo(Long.MAX_VALUE / 2);
    }

    @Test
    void reservationGrowsInChunksAndReportsRefusal() {
        TaskMemory memory = TaskMemory.fixed(1000);
        MemoryReservation reservation = memory.reserve(MemoryConsumer.UNSPILLABLE);

        assertThat(reservation.cover(100)).isTrue();
        assertThat(reservation.granted()).isEqualTo(200);
        assertThat(reservation.cover(150)).isTrue();
        assertThat(reservation.granted()).isEqualTo(200);
        assertThat(reservation.cover(400)).isTrue();
        assertThat(reservation.granted()).isEqualTo(800);
        assertThat(reservation.cover(1001)).isFalse();
        assertThat(memory.usedBytes()).isEqualTo(1000);

        reservation.releaseAll();

        assertThat(memory.usedBytes()).isZero();
        assertThat(reservation.granted()).isZero();
    }

    @Test
    void samplerFollowsGrowingRecords() {
        RecordSizeSampler sampler = new RecordSizeSampler();
        for (int i = 0; i < 1000; i++) {
            sampler.observe(i, "small");
        }
        long small = sampler.estimate(1000);
        for (int i = 0; i < 5000; i++) {
            sampler.observe(i, "a much, much longer value that should raise the average".repeat(4));
        }

        assertThat(small).isBetween(1000L * 40, 1000L * 80);
        assertThat(sampler.estimate(1000)).isGreaterThan(3 * small);
    }
}
