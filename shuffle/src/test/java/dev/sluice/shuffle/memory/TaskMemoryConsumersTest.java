package dev.sluice.shuffle.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** How the consumers of one task share its memory: they spill for each other, the largest first. */
class TaskMemoryConsumersTest {

    /** A consumer that holds {@code usage} bytes of "records" and drops them when it spills, as a spillable does. */
    private static final class Buffer implements MemoryConsumer {
        final MemoryReservation reservation;
        long usage;
        int spills;
        boolean spillable = true;

        Buffer(TaskMemory memory) {
            this.reservation = memory.reserve(this);
        }

        /** Grows by {@code bytes}, spilling itself when refused; returns whether it had to. */
        boolean grow(long bytes) {
            usage += bytes;
            if (!reservation.cover(usage)) {
                spillSelf();
                return true;
            }
            return false;
        }

        void spillSelf() {
            usage = 0;
            spills++;
            reservation.releaseAll();
        }

        @Override
        public long spill() {
            if (!spillable || usage == 0) {
                return 0;
            }
            long held = reservation.granted();
            spillSelf();
            return held;
        }
    }

    @Test
    void aRefusedConsumerMakesAnotherOfTheSameTaskSpill() {
        TaskMemory memory = TaskMemory.fixed(1000);
        Buffer first = new Buffer(memory);
        Buffer second = new Buffer(memory);
        assertThat(first.grow(450)).isFalse(); // holds 900 (twice its usage)

        assertThat(second.grow(300)).as("covered once the first spilled").isFalse();

        assertThat(first.spills).isOne();
        assertThat(first.reservation.granted()).isZero();
        assertThat(second.reservation.granted()).isGreaterThanOrEqualTo(300);
        assertThat(memory.consumerSpills()).isOne();
        assertThat(memory.usedBytes()).isLessThanOrEqualTo(1000);
    }

    @Test
    void theLargestConsumerSpillsFirstAndOnlyAsManyAsNeeded() {
        TaskMemory memory = TaskMemory.fixed(1000);
        Buffer small = new Buffer(memory);
        Buffer large = new Buffer(memory);
        Buffer asking = new Buffer(memory);
        small.grow(100); // holds 200
        large.grow(300); // holds 600

        assertThat(asking.grow(300)).isFalse();

        assertThat(large.spills).isOne();
        assertThat(small.spills).isZero();
        assertThat(small.reservation.granted()).isEqualTo(200);
    }

    @Test
    void aConsumerThatCannotSpillIsPassedOverAndTheAskingOneSpillsItself() {
        TaskMemory memory = TaskMemory.fixed(1000);
        Buffer table = new Buffer(memory);
        table.spillable = false;
        Buffer combine = new Buffer(memory);
        table.grow(450);

        assertThat(combine.grow(200)).as("refused: the table holds 900 and cannot spill").isTrue();

        assertThat(table.spills).isZero();
        assertThat(combine.spills).isOne();
        assertThat(memory.usedBytes()).isEqualTo(900);
    }

    @Test
    void nothingIsCoveredWithoutAGrant() {
        // There is no unaccounted allowance: a consumer refused everything spills, whatever its size.
        TaskMemory memory = TaskMemory.fixed(0);
        MemoryReservation reservation = memory.reserve(MemoryConsumer.UNSPILLABLE);

        assertThat(reservation.cover(1)).isFalse();
        assertThat(reservation.cover(0)).isTrue();
        assertThat(reservation.granted()).isZero();
    }

    @Test
    void aPartialGrantIsABudgetToSpillAgainst() {
        TaskMemory memory = TaskMemory.fixed(64 * 1024);
        MemoryReservation reservation = memory.reserve(MemoryConsumer.UNSPILLABLE);

        assertThat(reservation.cover(40 * 1024)).isTrue();
        assertThat(reservation.cover(100 * 1024)).isFalse();
        assertThat(memory.usedBytes()).isEqualTo(64 * 1024);

        reservation.releaseAll();
        assertThat(memory.usedBytes()).isZero();
    }

    @Test
    void aFinishedStructureGivesBackItsGrowthChunk() {
        TaskMemory memory = TaskMemory.fixed(1000);
        MemoryReservation table = memory.reserve(MemoryConsumer.UNSPILLABLE);
        assertThat(table.cover(400)).isTrue();
        assertThat(table.granted()).isEqualTo(800);

        table.trimTo(400);

        assertThat(table.granted()).isEqualTo(400);
        assertThat(memory.usedBytes()).isEqualTo(400);
        assertThat(memory.reserve(MemoryConsumer.UNSPILLABLE).cover(600)).isTrue();
    }

    @Test
    void anotherTasksRequestIsHonouredAtTheNextCoveredRequest() {
        TaskMemory memory = TaskMemory.fixed(1000);
        Buffer large = new Buffer(memory);
        Buffer small = new Buffer(memory);
        large.grow(300); // holds 600
        small.grow(50); // holds 100

        memory.requestSpill(500);
        assertThat(small.grow(1)).as("the other consumer released enough").isFalse();

        assertThat(large.spills).isOne();
        assertThat(small.spills).isZero();
        assertThat(memory.usedBytes()).isEqualTo(100);
    }

    @Test
    void whenOnlyTheAskingConsumerHoldsMemoryItSpillsForAnotherTasksRequest() {
        TaskMemory memory = TaskMemory.fixed(1000);
        Buffer only = new Buffer(memory);
        only.grow(300);

        memory.requestSpill(100);

        assertThat(only.grow(1)).isTrue();
        assertThat(memory.usedBytes()).isZero();
        assertThat(only.grow(1)).as("the request was answered once").isFalse();
    }

    @Test
    void closingAReservationReleasesItAndStopsItBeingAskedToSpill() {
        TaskMemory memory = TaskMemory.fixed(1000);
        Buffer closed = new Buffer(memory);
        closed.grow(400);
        closed.reservation.close();
        Buffer next = new Buffer(memory);

        assertThat(memory.usedBytes()).isZero();
        assertThat(next.grow(900)).isFalse();
        assertThat(closed.spills).isZero();
    }

    @Test
    void manyConsumersGrowingAtRandomNeverHoldMoreThanTheBudget() {
        long budget = 10_000;
        TaskMemory memory = TaskMemory.fixed(budget);
        List<Buffer> buffers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            buffers.add(new Buffer(memory));
        }
        buffers.get(0).spillable = false;
        Random random = new Random(42);
        for (int step = 0; step < 50_000; step++) {
            Buffer buffer = buffers.get(random.nextInt(buffers.size()));
            if (buffer.usage > 2_000 && !buffer.spillable) {
                continue; // an unspillable consumer that stopped growing, as a built table
            }
            buffer.grow(1 + random.nextInt(200));
            long held = buffers.stream().mapToLong(b -> b.reservation.granted()).sum();
            assertThat(held).isEqualTo(memory.usedBytes()).isLessThanOrEqualTo(budget);
            for (Buffer b : buffers) {
                assertThat(b.reservation.granted()).as("every byte used is covered").isGreaterThanOrEqualTo(b.usage);
            }
        }
        assertThat(memory.consumerSpills()).isPositive();
    }
}
