package dev.sluice.shuffle.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The execution memory of one task attempt, shared by the task's {@link MemoryConsumer}s (as Spark's
 * {@code TaskMemoryManager}). Each consumer holds a {@link MemoryReservation}; when one asks for more than the
 * {@link MemoryPool} grants, the task's other consumers are asked to spill, the largest first, and the grant is
 * retried with what they released. Only when that is not enough does the asking consumer spill itself.
 *
 * <p>Another task (through the executor's pool) may ask this one to give memory back with
 * {@link #requestSpill(long)}; the task's consumers honour it at their next request, on the task's own thread, so
 * no consumer is ever touched by two threads.
 *
 * <p>Thread-safe: {@link #requestSpill} may be called from any thread; the rest is called by the task's thread.
 */
public final class TaskMemory {

    private final MemoryPool pool;
    private final List<MemoryReservation> reservations = new ArrayList<>();
    /** Bytes another task asked this one to release; 0 when nobody asked. */
    private final AtomicLong spillRequest = new AtomicLong();
    private volatile boolean spillRequested;
    private long used;
    private long consumerSpills;

    /** The memory of a task whose grants come from {@code pool}. */
    public TaskMemory(MemoryPool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** A task memory that grants every request in full (a new one per call: it tracks its consumers). */
    public static TaskMemory unlimited() {
        return new TaskMemory(MemoryPool.unlimited());
    }

    /** A task memory with a fixed budget of {@code bytes}; tests use a tiny one to force spilling. */
    public static TaskMemory fixed(long bytes) {
        return new TaskMemory(new FixedMemoryPool(bytes));
    }

    /** Registers {@code consumer} and returns its (empty) reservation; closing the reservation unregisters it. */
    public synchronized MemoryReservation reserve(MemoryConsumer consumer) {
        MemoryReservation reservation = new MemoryReservation(this, consumer);
        reservations.add(reservation);
        return reservation;
    }

    /** Bytes the task's consumers hold. */
    public synchronized long usedBytes() {
        return used;
    }

    /** How many times a consumer spilled because another consumer (or another task) needed the memory. */
    public synchronized long consumerSpills() {
        return consumerSpills;
    }

    /**
     * Asks the task to release {@code bytes}: its consumers spill, the largest first, at the next request any of
     * them makes. Any thread may call it; it returns at once.
     */
    public void requestSpill(long bytes) {
        if (bytes > 0) {
            spillRequest.accumulateAndGet(bytes, Math::max);
            spillRequested = true;
        }
    }

    /** Whether another task asked for memory back (read on every covered request, so kept cheap). */
    boolean spillRequested() {
        return spillRequested;
    }

    synchronized boolean cover(MemoryReservation requester, long usage) {
        if (spillRequested && !honourSpillRequest(requester)) {
            return false;
        }
        if (usage <= requester.granted) {
            return true;
        }
        long needed = usage - requester.granted;
        long wanted = Math.max(needed, 2 * usage - requester.granted);
        long got = pool.acquire(wanted);
        if (got < needed) {
            got += freeFromOthers(requester, needed - got, wanted - got);
        }
        requester.granted += got;
        used += got;
        return usage <= requester.granted;
    }

    synchronized void release(MemoryReservation reservation, long bytes) {
        long freed = Math.min(bytes, reservation.granted);
        reservation.granted -= freed;
        used -= freed;
        pool.release(freed);
    }

    synchronized void unregister(MemoryReservation reservation) {
        reservations.remove(reservation);
    }

    /**
     * Makes the other consumers spill, the largest first, until the pool grants {@code needed} bytes (asking for up
     * to {@code wanted}).
     *
     * @return the bytes granted
     */
    private long freeFromOthers(MemoryReservation requester, long needed, long wanted) {
        long got = 0;
        for (MemoryReservation other : largestFirst(requester)) {
            if (spill(other) > 0) {
                got += pool.acquire(wanted - got);
                if (got >= needed) {
                    break;
                }
            }
        }
        return got;
    }

    /**
     * Releases what another task asked for: the other consumers spill, the largest first, then the requester.
     *
     * @return false if the requester must spill too
     */
    private boolean honourSpillRequest(MemoryReservation requester) {
        long wanted = spillRequest.getAndSet(0);
        spillRequested = false;
        long freed = 0;
        for (MemoryReservation other : largestFirst(requester)) {
            if (freed >= wanted) {
                return true;
            }
            freed += spill(other);
        }
        if (freed < wanted && requester.granted > 0) {
            consumerSpills++;
            return false;
        }
        return true;
    }

    private List<MemoryReservation> largestFirst(MemoryReservation excluded) {
        List<MemoryReservation> others = new ArrayList<>(reservations.size());
        for (MemoryReservation reservation : reservations) {
            if (reservation != excluded && reservation.granted > 0) {
                others.add(reservation);
            }
        }
        others.sort(Comparator.comparingLong((MemoryReservation r) -> r.granted).reversed());
        return others;
    }

    private long spill(MemoryReservation reservation) {
        long released = reservation.consumer.spill();
        if (released > 0) {
            consumerSpills++;
        }
        return released;
    }
}
