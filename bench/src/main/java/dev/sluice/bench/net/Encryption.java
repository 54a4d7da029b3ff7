package dev.sluice.bench.net;

import java.util.Locale;

/** Whether the block service's connections are encrypted; both modes authenticate with a shared secret. */
public enum Encryption {
    /** Plaintext TCP, with the shared-secret handshake. */
    PLAIN,
    /** TLS (JDK provider) with a self-signed certificate made for the run, with the shared-secret handshake inside. */
    TLS;

    /** The lower-case name used on the command line and in the output: {@code plain} or {@code tls}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code label} ({@code plain} or {@code tls}, any case). */
    public static Encryption of(String label) {
        for (Encryption mode : values()) {
            if (mode.label().equalsIgnoreCase(label.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + label + "' (plain or tls)");
    }
}
