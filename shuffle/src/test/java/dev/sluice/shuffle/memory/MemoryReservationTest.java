package dev.sluice.shuffle.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryReservationTest {

    @Test
    void aCollectionRefusedAllMemoryMayStillReachTheAllowanceBeforeSpilling() {
        // A task whose other consumer holds its whole share gets nothing; it must not spill per record.
        MemoryReservation reservation = new MemoryReservation(new FixedTaskMemory(0));

        assertThat(reservation.cover(1_000)).isTrue();
        assertThat(reservation.cover(MemoryReservation.UNACCOUNTED_ALLOWANCE)).isTrue();
        assertThat(reservation.cover(MemoryReservation.UNACCOUNTED_ALLOWANCE + 1)).isFalse();
        assertThat(reservation.granted()).isZero();
    }

    @Test
    void aPartialGrantIsABudgetToSpillAgainst() {
        FixedTaskMemory memory = new FixedTaskMemory(64 * 1024);
        MemoryReservation reservation = new MemoryReservation(memory);

        assertThat(reservation.cover(40 * 1024)).isTrue();
        assertThat(reservation.cover(100 * 1024)).isFalse();
        assertThat(memory.used()).isEqualTo(64 * 1024);

        reservation.releaseAll();
        assertThat(memory.used()).isZero();
    }
}
