package dev.sluice.network.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * TLS settings: where the key store (this side's certificate and private key) and the trust store (the
 * certificates this side accepts from peers) are, their passwords and type.
 *
 * <p>A server needs a key store. A client needs a trust store unless the JDK's default trust anchors should be
 * used, and a key store only when servers require client certificates. Passwords are copied in and out, never
 * shown by {@link #toString()}.
 *
 * @param keyStore this side's key store, or {@code null} (clients that present no certificate)
 * @param keyStorePassword the key store's (and its key's) password, or {@code null} with no key store
 * @param trustStore the certificates trusted for peers, or {@code null} for the JDK's default trust anchors
 * @param trustStorePassword the trust store's password, or {@code null}
 * @param storeType the key store type of both stores, e.g. {@code PKCS12}
 * @param requireClientCertificate whether a server demands a trusted certificate from every client
 * @param verifyHostname whether a client checks that the server certificate names the host it dialled
 */
public record TlsConfig(Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword,
                        String storeType, boolean requireClientCertificate, boolean verifyHostname) {

    /** The store type used when none is given. */
    public static final String DEFAULT_STORE_TYPE = "PKCS12";

    /** Validates the settings and copies the passwords. */
    public TlsConfig {
        if (keyStore == null && trustStore == null) {
            throw new IllegalArgumentException("TLS needs a key store, a trust store or both; neither was given");
        }
        if (keyStore != null && keyStorePassword == null) {
            throw new IllegalArgumentException("TLS key store " + keyStore + " needs a password");
        }
        Objects.requireNonNull(storeType, "storeType");
        if (storeType.isBlank()) {
            throw new IllegalArgumentException("TLS store type must not be blank");
        }
        keyStorePassword = copy(keyStorePassword);
        trustStorePassword = copy(trustStorePassword);
    }

    /**
     * Settings with both stores of type {@value #DEFAULT_STORE_TYPE}, no client certificates required and host
     * name verification on.
     */
    public static TlsConfig of(Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword) {
        return new TlsConfig(keyStore, keyStorePassword, trustStore, trustStorePassword, DEFAULT_STORE_TYPE,
                false, true);
    }

    /** A copy of these settings that does or does not require client certificates. */
    public TlsConfig withRequireClientCertificate(boolean require) {
        return new TlsConfig(keyStore, keyStorePassword, trustStore, trustStorePassword, storeType, require,
                verifyHostname);
    }

    /** A copy of these settings that does or does not verify the server's host name. */
    public TlsConfig withVerifyHostname(boolean verify) {
        return new TlsConfig(keyStore, keyStorePassword, trustStore, trustStorePassword, storeType,
                requireClientCertificate, verify);
    }

    /** A copy of the key store password, or {@code null}. */
    @Override
    public char[] keyStorePassword() {
        return copy(keyStorePassword);
    }

    /** A copy of the trust store password, or {@code null}. */
    @Override
    public char[] trustStorePassword() {
        return copy(trustStorePassword);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TlsConfig that
                && Objects.equals(keyStore, that.keyStore) && Arrays.equals(keyStorePassword, that.keyStorePassword)
                && Objects.equals(trustStore, that.trustStore)
                && Arrays.equals(trustStorePassword, that.trustStorePassword)
                && storeType.equals(that.storeType) && requireClientCertificate == that.requireClientCertificate
                && verifyHostname == that.verifyHostname;
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyStore, trustStore, storeType, requireClientCertificate, verifyHostname);
    }

    @Override
    public String toString() {
        return "TlsConfig[keyStore=" + keyStore + ", trustStore=" + trustStore + ", storeType=" + storeType
                + ", requireClientCertificate=" + requireClientCertificate + ", verifyHostname=" + verifyHostname
                + ", passwords redacted]";
    }

    private static char[] copy(char[] password) {
        return password == null ? null : password.clone();
    }
}
