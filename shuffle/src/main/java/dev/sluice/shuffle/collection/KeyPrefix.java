package dev.sluice.shuffle.collection;

/**
 * A long per key that orders keys as far as it can, so that sorting compares primitives in an array and only
 * calls the comparator on equal prefixes: if {@code prefix(a) < prefix(b)} then the order puts {@code a} before
 * {@code b}. Equal prefixes say nothing.
 */
public interface KeyPrefix {

    /** Whether {@link #prefix} can order this key (of a type it knows). */
    boolean supports(Object key);

    /** The key's prefix. */
    long prefix(Object key);

    /**
     * The prefixes of natural order with nulls first (last when descending), for {@code String} (its first four
     * characters), {@code Long}, {@code Integer}, {@code Short} and {@code Byte} keys.
     */
    static KeyPrefix naturalOrder(boolean ascending) {
        return new KeyPrefix() {
            @Override
            public boolean supports(Object key) {
                return key == null || key instanceof String || key instanceof Long || key instanceof Integer
                        || key instanceof Short || key instanceof Byte;
            }

            @Override
            public long prefix(Object key) {
                long ascendingPrefix = ascending(key);
                return ascending ? ascendingPrefix : ~ascendingPrefix; // ~ reverses signed order
            }

            private long ascending(Object key) {
                if (key == null) {
                    return Long.MIN_VALUE;
                }
                if (key instanceof String text) {
                    long packed = 0;
                    for (int i = 0; i < 4; i++) {
                        packed = packed << 16 | (i < text.length() ? text.charAt(i) : 0);
                    }
                    return packed ^ Long.MIN_VALUE; // unsigned char order as signed long order
                }
                return ((Number) key).longValue();
            }
        };
    }
}
