package dev.sluice.shuffle.sort;

import dev.sluice.shuffle.ShuffleMetricsListener;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.memory.MemoryReservation;
import dev.sluice.shuffle.memory.TaskMemory;
import dev.sluice.shuffle.serializer.Serializer;

import java.io.Closeable;
import java.util.Objects;

/**
 * The lifecycle the spilling collections share: a memory reservation (the collection is a
 * {@link dev.sluice.shuffle.memory.MemoryConsumer} of its task, spilling when another consumer needs the memory), the runs spilled to disk, and
 * the rule that a collection takes input until it is iterated once, then closes (deleting its runs
 * and releasing its memory) when its iterator is exhausted or closed.
 */
abstract class SpillableCollection implements Closeable {
    final MemoryReservation reservation;
    final SpilledRuns runs;
    private boolean iterated;
    private boolean closed;

    SpillableCollection(String purpose, LocalDirectory dirs, Serializer serializer, TaskMemory memory,
                        ShuffleMetricsListener metrics) {
        this.reservation = memory.reserve(this::spillWhenAsked);
        this.runs = new SpilledRuns(purpose, Objects.requireNonNull(dirs, "dirs"),
                Objects.requireNonNull(serializer, "serializer"), Objects.requireNonNull(metrics, "metrics"));
    }

    /** Merges at most {@code runs} runs at once (default {@value SpilledRuns#DEFAULT_MAX_FAN_IN}); for tests. */
    final void maxMergeFanIn(int runs) {
        this.runs.maxFanIn(runs);
    }

    /** How many runs were written by merging other runs. */
    final int mergePasses() {
        return runs.mergePasses();
    }

    /** Drops whatever the collection holds in memory; called once, on close. */
    abstract void dropInMemory();

    /**
     * Writes what the collection holds in memory as a run and empties it (the caller releases the memory).
     *
     * @return false if there was nothing to write
     */
    abstract boolean spillInMemory();

    /** Spills when memory is refused: writes the in-memory part as a run and releases the reservation. */
    final void spill() {
        spillInMemory();
        reservation.releaseAll();
    }

    /**
     * Spills because another consumer of the task (or another task) needs the memory. A collection being iterated
     * cannot: its in-memory part is being read.
     */
    private long spillWhenAsked() {
        long held = reservation.granted();
        if (iterated || closed || held == 0 || !spillInMemory()) {
            return 0;
        }
        reservation.releaseAll();
        return held;
    }

    /** Fails unless the collection still takes input. */
    final void requireInsertable() {
        String name = getClass().getSimpleName();
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        if (iterated) {
            throw new IllegalStateException(name + " has already been iterated");
        }
    }

    /** Marks the collection as iterated: it takes no more input. */
    final void startIterating() {
        requireInsertable();
        iterated = true;
    }

    /** Deletes the spill files, drops in-memory entries and releases the memory. Idempotent. */
    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        dropInMemory();
        try {
            runs.close();
        } finally {
            reservation.close();
        }
    }
}
