package dev.sluice.network.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that peers share to authenticate each other. It keeps its own copy of the key bytes, never shows
 * them ({@link #toString()} is redacted) and only ever uses them to compute HMAC-SHA256 values, so the key
 * cannot leak onto the wire through this type.
 */
public final class SharedSecret {

    /** The fewest key bytes accepted: 128 bits. */
    public static final int MIN_BYTES = 16;

    private static final String HMAC_ALGORITHM = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private SharedSecret(byte[] key) {
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException(
                    "a shared secret needs at least " + MIN_BYTES + " bytes, got " + key.length);
        }
        this.key = key;
    }

    /** A secret holding a copy of {@code bytes}; later changes to the array do not affect it. */
    public static SharedSecret of(byte[] bytes) {
        Objects.requireNonNull(bytes, "secret bytes");
        return new SharedSecret(bytes.clone());
    }

    /** A secret made of the UTF-8 encoding of {@code passphrase}; the caller may wipe its array afterwards. */
    public static SharedSecret ofPassphrase(char[] passphrase) {
        Objects.requireNonNull(passphrase, "passphrase");
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        return new SharedSecret(bytes);
    }

    /** A fresh random 256-bit secret, e.g. one generated per application. */
    public static SharedSecret random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new SharedSecret(bytes);
    }

    /** HMAC-SHA256 keyed with this secret over the concatenation of {@code parts}. */
    public byte[] hmacSha256(byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(HMAC_ALGORITHM);
            mac.init(new SecretKeySpec(key, HMAC_ALGORITHM));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot compute " + HMAC_ALGORITHM, e);
        }
    }

    /** The number of key bytes. */
    public int length() {
        return key.length;
    }

    @Override
    public String toString() {
        return "SharedSecret[" + key.length + " bytes, redacted]";
    }
}
