package dev.sluice.shuffle.collection;

/**
 * Sorts positions by a {@code long} prefix each, in signed order, keeping the order of equal prefixes: an LSD
 * radix sort in up to eight passes of eight bits, which skips the bytes every prefix shares. It moves primitives
 * only, so sorting a million records neither compares objects nor writes references into a large array (each
 * such write costs the garbage collector a barrier).
 */
public final class PrefixRadixSort {
    private static final int RADIX_BITS = 8;
    private static final int BUCKETS = 1 << RADIX_BITS;
    private static final int PASSES = Long.SIZE / RADIX_BITS;

    private PrefixRadixSort() {
    }

    /**
     * Sorts the first {@code length} entries of {@code prefixes} and {@code positions} together, by prefix, stably.
     * Returns the arrays holding the result: the ones given, or scratch arrays of the same length (when an odd
     * number of passes ran).
     */
    public static Sorted sort(long[] prefixes, int[] positions, int length) {
        int[][] counts = histograms(prefixes, length);
        long[] fromPrefixes = prefixes;
        int[] fromPositions = positions;
        long[] toPrefixes = null;
        int[] toPositions = null;
        for (int pass = 0; pass < PASSES; pass++) {
            int[] count = counts[pass];
            if (length < 2 || count[digit(fromPrefixes[0], pass)] == length) {
                continue; // every prefix has the same byte here: the pass would move nothing
            }
            if (toPrefixes == null) {
                toPrefixes = new long[length];
                toPositions = new int[length];
            }
            int start = 0;
            for (int b = 0; b < BUCKETS; b++) {
                int n = count[b];
                count[b] = start;
                start += n;
            }
            for (int i = 0; i < length; i++) {
                long prefix = fromPrefixes[i];
                int to = count[digit(prefix, pass)]++;
                toPrefixes[to] = prefix;
                toPositions[to] = fromPositions[i];
            }
            long[] swapPrefixes = fromPrefixes;
            fromPrefixes = toPrefixes;
            toPrefixes = swapPrefixes;
            int[] swapPositions = fromPositions;
            fromPositions = toPositions;
            toPositions = swapPositions;
        }
        return new Sorted(fromPrefixes, fromPositions);
    }

    /** The sorted prefixes and the positions that go with them. */
    public record Sorted(long[] prefixes, int[] positions) {

        /** Passes each run {@code [from, to)} of two or more equal prefixes among the first {@code length}, in order. */
        public void forEachTie(int length, TieAction action) {
            for (int from = 0; from < length; ) {
                int to = from + 1;
                while (to < length && prefixes[to] == prefixes[from]) {
                    to++;
                }
                if (to - from > 1) {
                    action.accept(from, to);
                }
                from = to;
            }
        }
    }

    /** What to do with a run of equal prefixes; see {@link Sorted#forEachTie}. */
    @FunctionalInterface
    public interface TieAction {
        /** Handles the sorted entries {@code [from, to)}, whose prefixes are equal. */
        void accept(int from, int to);
    }

    /** The count of each byte value at each of the eight byte positions, in one read of the prefixes. */
    private static int[][] histograms(long[] prefixes, int length) {
        int[][] counts = new int[PASSES][BUCKETS];
        for (int i = 0; i < length; i++) {
            long prefix = prefixes[i];
            for (int pass = 0; pass < PASSES; pass++) {
                counts[pass][digit(prefix, pass)]++;
            }
        }
        return counts;
    }

    /** Byte {@code pass} of the prefix, least significant first; the sign bit is flipped so negatives come first. */
    private static int digit(long prefix, int pass) {
        return (int) ((prefix ^ Long.MIN_VALUE) >>> (pass * RADIX_BITS)) & (BUCKETS - 1);
    }
}
