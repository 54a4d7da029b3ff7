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
     * The prefixes of natural order with nulls first (last when descending), for {@code String} (its first eight
     * characters, see {@link #stringPrefix}), {@code Long}, {@code Integer}, {@code Short} and {@code Byte} keys.
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
                    return stringPrefix(text) ^ Long.MIN_VALUE; // unsigned order as signed long order
                }
                return ((Number) key).longValue();
            }
        };
    }

    /**
     * The first eight characters of {@code text}, a byte each, as an unsigned number that orders strings as
     * {@link String#compareTo} does: a character below {@code 0xFF} is itself, and the first one at or above it
     * becomes {@code 0xFF} and ends the prefix (the rest are zero), as does the end of the string. Two strings
     * that differ first at a character below {@code 0xFF} get prefixes in their order; any other pair gets equal
     * prefixes, which leaves them to the comparator. Sixteen bits a character would order only four.
     */
    static long stringPrefix(String text) {
        long packed = 0;
        boolean ended = false;
        for (int i = 0; i < 8; i++) {
            int c = ended || i >= text.length() ? 0 : text.charAt(i);
            if (c >= 0xFF) {
                c = 0xFF;
                ended = true;
            }
            packed = packed << 8 | c;
        }
        return packed;
    }
}
