package dev.sluice.shuffle.collection;

/**
 * Sorts {@code long}s by their high 32 bits, read as a signed {@code int} (a hash code), keeping the
 * order of equal ones: an LSD radix sort in four passes of eight bits, linear in the number of
 * values. Used to bring pairs with equal key hashes together without comparing objects.
 */
public final class HashRadixSort {
    private static final int RADIX_BITS = 8;
    private static final int BUCKETS = 1 << RADIX_BITS;
    private static final int PASSES = 32 / RADIX_BITS;

    private HashRadixSort() {
    }

    /** Sorts the first {@code length} values of {@code values} in place, stably, by {@code (int) (value >> 32)}. */
    public static void sort(long[] values, int length) {
        if (length < 2) {
            return;
        }
        long[] from = values;
        long[] to = new long[length];
        int[] counts = new int[BUCKETS];
        for (int pass = 0; pass < PASSES; pass++) {
            int shift = 32 + pass * RADIX_BITS;
            // the last pass reads the sign bit: flipping it orders negative hashes first
            long flip = pass == PASSES - 1 ? 0x80L : 0;
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < length; i++) {
                counts[(int) (((from[i] >>> shift) ^ flip) & (BUCKETS - 1))]++;
            }
            int position = 0;
            for (int b = 0; b < BUCKETS; b++) {
                int count = counts[b];
                counts[b] = position;
                position += count;
            }
            for (int i = 0; i < length; i++) {
                long value = from[i];
                to[counts[(int) (((value >>> shift) ^ flip) & (BUCKETS - 1))]++] = value;
            }
            long[] swap = from;
            from = to;
            to = swap;
        }
        // an even number of passes leaves the result in the caller's array
    }
}
