package dev.sluice.common.record;

/**
 * Packs keys of one of the caller's own types losslessly into a {@code long} (say, pairs of two ints), so that a
 * hash table can keep them unboxed, as it keeps {@code Long} and {@code Integer} keys: probing then compares longs
 * instead of calling {@code equals} on objects scattered over the heap, and the table holds no key objects for
 * the garbage collector to copy. Two packable keys must be equal exactly when their packed longs are.
 */
public interface KeyPacking {

    /** Whether {@code key} is of the type (and range) this packing packs. */
    boolean packs(Object key);

    /** The packed form of a key that {@link #packs} accepts. */
    long pack(Object key);

    /** A key equal to the one {@code packed} was made from. */
    Object unpack(long packed);

    /** The {@code hashCode()} of {@link #unpack unpack(packed)}, without making the key. */
    int hashCode(long packed);
}
