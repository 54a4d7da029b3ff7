package dev.sluice.network.tls;

import dev.sluice.network.config.TlsConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds Netty {@link SslContext}s (JDK provider, TLS 1.3 and 1.2) from a {@link TlsConfig}, loading the key and
 * trust stores with errors that name the file that could not be used.
 */
public final class SslContexts {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private SslContexts() {
    }

    /** The context of a server: it presents the key store's certificate and, if asked to, demands a client's. */
    public static SslContext forServer(TlsConfig tls) throws SSLException {
        if (tls.keyStore() == null) {
            throw new SSLException("TLS is enabled but no key store is configured: a server needs one");
        }
        if (tls.requireClientCertificate() && tls.trustStore() == null) {
            throw new SSLException("TLS requires client certificates but no trust store is configured to check them");
        }
        SslContextBuilder builder = SslContextBuilder.forServer(keyManagers(tls))
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .clientAuth(tls.requireClientCertificate() ? ClientAuth.REQUIRE : ClientAuth.NONE);
        if (tls.trustStore() != null) {
            builder.trustManager(trustManagers(tls));
        }
        return builder.build();
    }

    /** The context of a client: it checks the server's certificate and presents its own if it has a key store. */
    public static SslContext forClient(TlsConfig tls) throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .endpointIdentificationAlgorithm(tls.verifyHostname() ? "HTTPS" : null);
        if (tls.trustStore() != null) {
            builder.trustManager(trustManagers(tls));
        }
        if (tls.keyStore() != null) {
            builder.keyManager(keyManagers(tls));
        }
        return builder.build();
    }

    private static KeyManagerFactory keyManagers(TlsConfig tls) throws SSLException {
        char[] password = tls.keyStorePassword();
        try {
            KeyStore store = load(tls.keyStore(), password, tls.storeType(), "key store");
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return factory;
        } catch (GeneralSecurityException e) {
            throw new SSLException("Cannot use TLS key store " + tls.keyStore() + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static TrustManagerFactory trustManagers(TlsConfig tls) throws SSLException {
        char[] password = tls.trustStorePassword();
        try {
            KeyStore store = load(tls.trustStore(), password, tls.storeType(), "trust store");
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException e) {
            throw new SSLException("Cannot use TLS trust store " + tls.trustStore() + ": " + e.getMessage(), e);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static KeyStore load(Path path, char[] password, String type, String what) throws SSLException {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            return store;
        } catch (NoSuchFileException e) {
            throw new SSLException("TLS " + what + " " + path + " does not exist", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new SSLException("Cannot read TLS " + what + " " + path + " as " + type + ": " + e.getMessage(), e);
        }
    }
}
