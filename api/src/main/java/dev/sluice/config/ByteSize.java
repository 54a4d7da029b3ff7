package dev.sluice.config;

import java.util.Locale;

/** Parses human byte sizes ({@code 512}, {@code 64k}, {@code 32mb}, {@code 2g}) into a number of bytes. */
public final class ByteSize {
    private ByteSize() {
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} on anything else. */
    public static long parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("b")) {
            s = s.substring(0, s.length() - 1);
        }
        long unit = 1;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'k' -> unit = 1L << 10;
                case 'm' -> unit = 1L << 20;
                case 'g' -> unit = 1L << 30;
                case 't' -> unit = 1L << 40;
                default -> unit = 1;
            }
        }
        if (unit != 1) {
            s = s.substring(0, s.length() - 1);
        }
        long n = Long.parseLong(s.trim());
        if (n < 0) {
            throw new IllegalArgumentException("negative size");
        }
        try {
            return Math.multiplyExact(n, unit);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("size too large: " + text);
        }
    }
}
