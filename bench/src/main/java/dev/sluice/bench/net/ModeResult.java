package dev.sluice.bench.net;

import java.util.Arrays;
import java.util.List;

/**
 * The rounds of one mode of a {@link FetchThroughput} run.
 *
 * @param mode plaintext or TLS
 * @param bytesWritten the bytes of map outputs the server process committed
 * @param blocksWritten the blocks (map outputs x reduce partitions) it committed
 * @param serverPid the process id of the server JVM, stopped by the time this result exists
 * @param rounds every round, warm-up rounds first
 */
public record ModeResult(Encryption mode, long bytesWritten, long blocksWritten, long serverPid,
                         List<RoundResult> rounds) {

    /** Copies the rounds. */
    public ModeResult {
        rounds = List.copyOf(rounds);
    }

    /** The measured rounds, without the warm-up ones. */
    public List<RoundResult> measured() {
        return rounds.stream().filter(round -> !round.warmup()).toList();
    }

    /** The median MiB/s of the measured rounds (the mean of the middle two for an even count). */
    public double medianMibPerSecond() {
        double[] rates = measured().stream().mapToDouble(RoundResult::mibPerSecond).sorted().toArray();
        if (rates.length == 0) {
            throw new IllegalStateException("no measured round");
        }
        int middle = rates.length / 2;
        return rates.length % 2 == 1 ? rates[middle] : (rates[middle - 1] + rates[middle]) / 2;
    }

    @Override
    public String toString() {
        return "ModeResult[" + mode.label() + ", " + bytesWritten + " bytes in " + blocksWritten + " blocks, server "
                + serverPid + ", MiB/s " + Arrays.toString(rounds.stream().mapToDouble(RoundResult::mibPerSecond)
                .toArray()) + "]";
    }
}
