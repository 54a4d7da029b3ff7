package dev.sluice.shuffle.collection;

/**
 * Sorts a range of an {@code int[]} of indices stably, by an order on the indices: a merge sort with insertion sort
 * for short runs. Used to break ties among records whose key prefixes are equal, where the indices stand for records
 * held elsewhere.
 */
public final class IndexMergeSort {
    /** Runs up to this many indices are sorted by insertion, which beats merging on tiny runs. */
    private static final int INSERTION_SORT_MAX = 16;

    /** An order on indices. */
    @FunctionalInterface
    public interface IndexOrder {
        /** Negative, zero or positive as the record at index {@code a} goes before, with or after the one at {@code b}. */
        int compare(int a, int b);
    }

    private final int[] indices;
    private final IndexOrder order;
    private int[] scratch;

    private IndexMergeSort(int[] indices, IndexOrder order) {
        this.indices = indices;
        this.order = order;
    }

    /** Sorts {@code indices[from, to)} by {@code order}; indices that compare equal keep their order. */
    public static void sort(int[] indices, int from, int to, IndexOrder order) {
        if (to - from > 1) {
            new IndexMergeSort(indices, order).sortRange(from, to);
        }
    }

    private void sortRange(int from, int to) {
        if (to - from <= INSERTION_SORT_MAX) {
            insertionSort(from, to);
            return;
        }
        int middle = (from + to) >>> 1;
        sortRange(from, middle);
        sortRange(middle, to);
        if (order.compare(indices[middle - 1], indices[middle]) > 0) {
            merge(from, middle, to);
        }
    }

    private void merge(int from, int middle, int to) {
        int leftLength = middle - from;
        if (scratch == null || scratch.length < leftLength) {
            scratch = new int[leftLength];
        }
        System.arraycopy(indices, from, scratch, 0, leftLength);
        int left = 0;
        int right = middle;
        int out = from;
        while (left < leftLength && right < to) {
            indices[out++] = order.compare(indices[right], scratch[left]) < 0 ? indices[right++] : scratch[left++];
        }
        System.arraycopy(scratch, left, indices, out, leftLength - left);
    }

    private void insertionSort(int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int index = indices[i];
            int j = i - 1;
            while (j >= from && order.compare(indices[j], index) > 0) {
                indices[j + 1] = indices[j];
                j--;
            }
            indices[j + 1] = index;
        }
    }
}
