package dev.sluice.shuffle.memory;

/**
 * A structure of a task that holds execution memory through a {@link MemoryReservation} and can give it back by
 * writing what it holds to disk: an aggregation map, a sort buffer, a shuffle writer's buffers. When a consumer of
 * the same task is refused memory, {@link TaskMemory} asks the others to spill, the largest first; when another
 * task needs its share, it asks this task's consumers the same way at their next request.
 *
 * <p>{@link #spill()} is only ever called on the task's own thread, between the consumer's own calls (from inside
 * another consumer's request), never while one of its own methods runs. A consumer that cannot spill now (it is
 * being iterated, or it is a join's finished build table) returns 0.
 */
@FunctionalInterface
public interface MemoryConsumer {

    /**
     * Writes what this consumer holds in memory to disk and releases its reservation.
     *
     * @return the bytes released, 0 if it cannot spill now
     */
    long spill();

    /** A consumer that never spills: what it holds is needed until it closes. */
    MemoryConsumer UNSPILLABLE = () -> 0;
}
