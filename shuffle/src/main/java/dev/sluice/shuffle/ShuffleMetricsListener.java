package dev.sluice.shuffle;

/**
 * Receives the I/O metrics of shuffle writes, shuffle reads and spills, so the executor can attribute
 * them to the running task. Every method defaults to doing nothing.
 */
public interface ShuffleMetricsListener {

    /** A listener that ignores everything. */
    ShuffleMetricsListener NONE = new ShuffleMetricsListener() {
        @Override
        public String toString() {
            return "ShuffleMetricsListener.NONE";
        }
    };

    /** Called once per spill file written; {@code bytes} is the size of that file. */
    default void spilled(long bytes) {}

    /** Called once per map output written, with its data file size and the number of records in it. */
    default void shuffleWritten(long bytes, long records) {}

    /** Called as shuffle blocks are consumed (at least once per block) with the bytes and records read. */
    default void shuffleRead(long bytes, long records) {}
}
