package dev.sluice.shuffle.testing;

import dev.sluice.shuffle.ShuffleMetricsListener;
import java.util.concurrent.atomic.AtomicLong;

/** A metrics listener that adds up everything it is told. */
public final class RecordingMetrics implements ShuffleMetricsListener {

    public final AtomicLong spills = new AtomicLong();
    public final AtomicLong spilledBytes = new AtomicLong();
    public final AtomicLong writtenBytes = new AtomicLong();
    public final AtomicLong writtenRecords = new AtomicLong();
    public final AtomicLong readBytes = new AtomicLong();
    public final AtomicLong readRecords = new AtomicLong();

    @Override
    public void spilled(long bytes) {
        spills.incrementAndGet();
        spilledBytes.addAndGet(bytes);
    }

    @Override
    public void shuffleWritten(long bytes, long records) {
        writtenBytes.addAndGet(bytes);
        writtenRecords.addAndGet(records);
    }

    @Override
    public void shuffleRead(long bytes, long records) {
        readBytes.addAndGet(bytes);
        readRecords.addAndGet(records);
    }
}
