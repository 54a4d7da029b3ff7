package dev.sluice.shuffle.memory;

/**
 * Estimates how much heap the keys and values held by a collection take, without sizing each of them:
 * it runs {@link SizeEstimator} on the first few records and then on one record in
 * {@value #SAMPLE_INTERVAL}, and keeps an average that favours recent samples (so combiners that grow
 * in place, such as grouped lists, are followed).
 *
 * <p>Not thread-safe.
 */
public final class RecordSizeSampler {

    /** Records sized unconditionally before sampling starts. */
    private static final int WARM_UP = 16;
    /** Once warmed up, one record in this many is sized. */
    private static final int SAMPLE_INTERVAL = 64;
    /** The average behaves like a mean over roughly this many most recent samples. */
    private static final int HISTORY = 32;

    private long observed;
    private int samples;
    private double averageBytes;

    /**
     * Notes that a record was added or updated; sizes it if it is picked as a sample. Pass the record as
     * it now is in the collection (for an aggregation, the key and its updated combiner).
     */
    public void observe(Object key, Object value) {
        long n = observed++;
        if (n < WARM_UP || n % SAMPLE_INTERVAL == 0) {
            addSample(SizeEstimator.estimate(key) + SizeEstimator.estimate(value));
        }
    }

    /** Returns the estimated heap size of {@code records} records. */
    public long estimate(long records) {
        return (long) Math.ceil(records * averageBytes);
    }

    /** Returns the current average bytes per record (0 before the first sample). */
    public double averageBytes() {
        return averageBytes;
    }

    private void addSample(long bytes) {
        samples = Math.min(samples + 1, HISTORY);
        averageBytes += (bytes - averageBytes) / samples;
    }
}
