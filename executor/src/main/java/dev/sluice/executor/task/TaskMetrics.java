package dev.sluice.executor.task;

import dev.sluice.executor.metrics.EngineMetrics;
import dev.sluice.shuffle.ShuffleMetricsListener;

/** One task's counts, added to the engine's meters once when the task ends. Used by the task's thread only. */
final class TaskMetrics implements ShuffleMetricsListener {
    long recordsIn;
    long recordsOut;
    private long spillBytes;
    private long spills;
    private long shuffleBytesWritten;
    private long shuffleRecordsWritten;
    private long shuffleBytesRead;
    private long shuffleRecordsRead;

    @Override
    public synchronized void spilled(long bytes) {
        spillBytes += bytes;
        spills++;
    }

    @Override
    public synchronized void shuffleWritten(long bytes, long records) {
        shuffleBytesWritten += bytes;
        shuffleRecordsWritten += records;
    }

    @Override
    public synchronized void shuffleRead(long bytes, long records) {
        shuffleBytesRead += bytes;
        shuffleRecordsRead += records;
        recordsIn += records;
    }

    synchronized void publish(EngineMetrics metrics) {
        metrics.recordsIn.increment(recordsIn);
        metrics.recordsOut.increment(recordsOut);
        metrics.spillBytes.increment(spillBytes);
        metrics.spillCount.increment(spills);
        metrics.shuffleBytesWritten.increment(shuffleBytesWritten);
        metrics.shuffleRecordsWritten.increment(shuffleRecordsWritten);
        metrics.shuffleBytesRead.increment(shuffleBytesRead);
        metrics.shuffleRecordsRead.increment(shuffleRecordsRead);
    }
}
