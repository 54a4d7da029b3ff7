package dev.sluice.shuffle.sort;

import dev.sluice.shuffle.collection.IndexMergeSort;
import dev.sluice.shuffle.collection.KeyPrefix;
import dev.sluice.shuffle.collection.PrefixRadixSort;
import dev.sluice.shuffle.serializer.BytesInput;
import dev.sluice.shuffle.serializer.RecordOutput;
import dev.sluice.shuffle.serializer.SerializationException;
import dev.sluice.shuffle.serializer.Serializer;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.BiConsumer;

/**
 * Key/value pairs kept serialized in memory, each beside its key's {@link KeyPrefix}, and sortable by key: how the
 * reduce side of a sort holds its partition. Pairs held as objects for the length of a task outlive young
 * collections, are copied into the old generation and die there, so the collector's pauses grew with the data;
 * bytes in a few large pages cost it next to nothing, and take about half the heap.
 *
 * <p>The serializer writes each pair into the current page (a pair never spans two pages), and the pair is indexed
 * by its prefix, its page and offset, and its length. {@link #sort} radix-sorts the prefixes with the pairs'
 * positions, then deserializes the keys of each run of equal prefixes to order them with the comparator. Pairs are
 * deserialized again only as a {@linkplain #sortedCursor() cursor} reaches them, and a spill copies their bytes as
 * they are ({@link #writeSortedTo}).
 *
 * <p>Every key must be one the prefix {@linkplain KeyPrefix#supports supports}. Not thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class SerializedPairBuffer<K, V> {
    private static final int INITIAL_PAIRS = 64;
    /** Index bytes per pair: its prefix, its address and its length. */
    private static final long INDEX_BYTES_PER_PAIR = 8 + 8 + 4;
    /** What sorting takes per pair: its position, and the radix sort's second prefix and position arrays. */
    private static final long SORTING_BYTES_PER_PAIR = 4 + 8 + 4;

    private final Serializer serializer;
    private final KeyPrefix keyPrefix;
    private final BytesInput reader;
    private Pages pages = new Pages();
    private RecordOutput writer;
    private long[] prefixes = new long[INITIAL_PAIRS];
    /** Each pair's page index (high 32 bits) and offset in the page (low 32 bits). */
    private long[] addresses = new long[INITIAL_PAIRS];
    private int[] lengths = new int[INITIAL_PAIRS];
    private int size;
    /** The positions in key order once {@link #sort} ran; null before. */
    private int[] sortedPositions;

    SerializedPairBuffer(Serializer serializer, KeyPrefix keyPrefix) {
        this.serializer = serializer;
        this.keyPrefix = keyPrefix;
        this.reader = serializer.newBytesInput();
        this.writer = serializer.newOutput(pages);
    }

    /**
     * Appends a pair whose key the prefix supports.
     *
     * @throws dev.sluice.shuffle.serializer.SerializationException if the pair cannot be serialized; the buffer then
     *     holds the pairs added before, and takes no more
     */
    void add(K key, V value) {
        if (sortedPositions != null) {
            throw new IllegalStateException("The pairs are sorted; clear the buffer before adding more");
        }
        if (size == prefixes.length) {
            grow();
        }
        pages.startRecord();
        writer.write(key);
        writer.write(value);
        writer.flush();
        prefixes[size] = keyPrefix.prefix(key);
        addresses[size] = pages.recordAddress();
        lengths[size] = pages.recordLength();
        size++;
    }

    /**
     * Appends a pair whose key the prefix supports, unless the serializer cannot write it.
     *
     * @return false, with nothing added, if the pair cannot be serialized; the buffer then takes no more pairs
     */
    boolean tryAdd(K key, V value) {
        try {
            add(key, value);
            return true;
        } catch (SerializationException e) {
            return false;
        }
    }

    /** Returns the number of pairs. */
    int size() {
        return size;
    }

    /** Returns the heap the buffer takes, its pages and its index, and what sorting it will take on top. */
    long footprint() {
        return pages.allocatedBytes() + INDEX_BYTES_PER_PAIR * addresses.length + SORTING_BYTES_PER_PAIR * size;
    }

    /** Passes every pair, deserialized, to {@code action} in the order they were added. */
    void forEachInAddedOrder(BiConsumer<? super K, ? super V> action) {
        for (int position = 0; position < size; position++) {
            point(position);
            K key = readKey();
            action.accept(key, readValue());
        }
    }

    /**
     * Sorts the pairs by key: by prefix, then by {@code keyOrder} among equal prefixes. Stable. The buffer takes no
     * more pairs until it is {@linkplain #clear() cleared}.
     */
    void sort(Comparator<? super K> keyOrder) {
        int[] positions = new int[size];
        for (int i = 0; i < size; i++) {
            positions[i] = i;
        }
        // The radix sort may reorder the prefixes in place: no pair may follow until clear().
        PrefixRadixSort.Sorted sorted = PrefixRadixSort.sort(prefixes, positions, size);
        sorted.forEachTie(size, (from, to) -> sortByKeys(sorted.positions(), from, to, keyOrder));
        sortedPositions = sorted.positions();
    }

    /** Orders {@code positions[from, to)}, pairs with equal prefixes, by their keys, read once each. */
    private void sortByKeys(int[] positions, int from, int to, Comparator<? super K> keyOrder) {
        int count = to - from;
        Object[] keys = new Object[count];
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            point(positions[from + i]);
            keys[i] = readKey();
            order[i] = i;
        }
        IndexMergeSort.sort(order, 0, count, (a, b) -> keyOrder.compare(uncheckedKey(keys[a]), uncheckedKey(keys[b])));
        int[] unsorted = Arrays.copyOfRange(positions, from, to);
        for (int i = 0; i < count; i++) {
            positions[from + i] = unsorted[order[i]];
        }
    }

    /** A cursor over the pairs in sorted order, each deserialized when reached. Requires {@link #sort}. */
    PairCursor<K, V> sortedCursor() {
        return new SortedCursor(requireSorted(), size);
    }

    /** A cursor over the sorted pairs. */
    private final class SortedCursor extends DecodingCursor<K, V> {
        private final int[] positions;
        private final int count;
        private int index = -1;

        private SortedCursor(int[] positions, int count) {
            this.positions = positions;
            this.count = count;
        }

        @Override
        public boolean advance() {
            if (++index >= count) {
                close();
                return false;
            }
            point(positions[index]);
            Object key = reader.read();
            hold(key, reader.read());
            return true;
        }

        @Override
        public void close() {
            index = count;
            release();
        }
    }

    /**
     * Writes the pairs' bytes in sorted order, a stream the serializer reads back as the sorted pairs, and returns how
     * many. Requires {@link #sort}.
     */
    int writeSortedTo(OutputStream out) throws IOException {
        int[] positions = requireSorted();
        for (int i = 0; i < size; i++) {
            int position = positions[i];
            long address = addresses[position];
            out.write(pages.page((int) (address >>> 32)), (int) address, lengths[position]);
        }
        return size;
    }

    /** Drops every pair and gives the pages back to the garbage collector. */
    void clear() {
        pages = new Pages();
        writer = serializer.newOutput(pages);
        prefixes = new long[INITIAL_PAIRS];
        addresses = new long[INITIAL_PAIRS];
        lengths = new int[INITIAL_PAIRS];
        size = 0;
        sortedPositions = null;
    }

    private int[] requireSorted() {
        if (sortedPositions == null) {
            throw new IllegalStateException("The pairs are not sorted");
        }
        return sortedPositions;
    }

    private void point(int position) {
        long address = addresses[position];
        reader.reset(pages.page((int) (address >>> 32)), (int) address, lengths[position]);
    }

    @SuppressWarnings("unchecked")
    private K readKey() {
        return (K) reader.read();
    }

    @SuppressWarnings("unchecked")
    private V readValue() {
        return (V) reader.read();
    }

    @SuppressWarnings("unchecked")
    private K uncheckedKey(Object key) {
        return (K) key;
    }

    private void grow() {
        int capacity = Math.multiplyExact(addresses.length, 2);
        prefixes = Arrays.copyOf(prefixes, capacity);
        addresses = Arrays.copyOf(addresses, capacity);
        lengths = Arrays.copyOf(lengths, capacity);
    }

    /**
     * The pages the serializer writes into, as a stream. Pages start small and double up to {@value #MAX_PAGE_SIZE}
     * bytes; a record that does not fit the rest of the current page moves, with the bytes written of it so far, to
     * a new page (as large as the record if it must be).
     */
    private static final class Pages extends OutputStream {
        private static final int FIRST_PAGE_SIZE = 4 * 1024;
        private static final int MAX_PAGE_SIZE = 1 << 20;

        private byte[][] pages = new byte[8][];
        private int pageCount;
        private byte[] page = new byte[0];
        private int fill;
        private int recordStart;
        private long allocated;

        void startRecord() {
            recordStart = fill;
        }

        long recordAddress() {
            return (long) (pageCount - 1) << 32 | recordStart;
        }

        int recordLength() {
            return fill - recordStart;
        }

        byte[] page(int index) {
            return pages[index];
        }

        long allocatedBytes() {
            return allocated;
        }

        @Override
        public void write(int b) {
            ensureRoom(1);
            page[fill++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            ensureRoom(length);
            System.arraycopy(bytes, offset, page, fill, length);
            fill += length;
        }

        /** Makes room for {@code length} more bytes of the current record, moving it to a new page if needed. */
        private void ensureRoom(int length) {
            if (page.length - fill >= length) {
                return;
            }
            int written = fill - recordStart;
            long needed = (long) written + length;
            if (needed > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("A record of more than 2 GB cannot be kept in memory");
            }
            int next = pageCount == 0 ? FIRST_PAGE_SIZE : Math.min(2 * page.length, MAX_PAGE_SIZE);
            byte[] fresh = new byte[(int) Math.max(next, needed)];
            System.arraycopy(page, recordStart, fresh, 0, written);
            if (pageCount == pages.length) {
                pages = Arrays.copyOf(pages, 2 * pageCount);
            }
            pages[pageCount++] = fresh;
            allocated += fresh.length;
            page = fresh;
            recordStart = 0;
            fill = written;
        }
    }
}
