package dev.sluice.bench.net;

/**
 * One round of a {@link FetchThroughput} mode: every block fetched once and read to its last byte.
 *
 * @param round the round's number, from 1, counting warm-up rounds too
 * @param warmup whether it was a warm-up round
 * @param bytes the bytes read from the fetched blocks
 * @param blocks the blocks fetched
 * @param nanos the wall time from the first fetch call to the last block closed
 */
public record RoundResult(int round, boolean warmup, long bytes, long blocks, long nanos) {

    /** Throughput in MiB (2^20 bytes) per second. */
    public double mibPerSecond() {
        return bytes / (double) (1 << 20) / (nanos / 1e9);
    }
}
