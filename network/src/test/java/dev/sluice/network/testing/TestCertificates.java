package dev.sluice.network.testing;

import dev.sluice.network.config.TlsConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for localhost and 127.0.0.1, made at test time with the JDK's {@code keytool}: a
 * PKCS12 key store holding the key and certificate, and a PKCS12 trust store holding the certificate.
 *
 * @param keyStore the key store
 * @param trustStore the trust store
 * @param password the password of both
 */
public record TestCertificates(Path keyStore, Path trustStore, char[] password) {

    /** The password of every store generated here. */
    public static final String PASSWORD = "test-store-password";

    /** Generates the stores into {@code directory}, naming the files after {@code name}. */
    public static TestCertificates generate(Path directory, String name) throws IOException, InterruptedException {
        Path keyStore = generateKeyStore(directory, name);
        Path certificate = directory.resolve(name + ".pem");
        Path trustStore = directory.resolve(name + "-trust.p12");
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", name, "-file", certificate.toString(),
                "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        return new TestCertificates(keyStore, trustStore, PASSWORD.toCharArray());
    }

    /** Generates only a key store (password {@link #PASSWORD}) into {@code directory}, named after {@code name}. */
    public static Path generateKeyStore(Path directory, String name) throws IOException, InterruptedException {
        Path keyStore = directory.resolve(name + "-key.p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                "-keypass", PASSWORD);
        return keyStore;
    }

    /** TLS settings presenting this certificate and trusting it. */
    public TlsConfig tlsConfig() {
        return TlsConfig.of(keyStore, password, trustStore, password);
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", arguments) + " failed:\n" + output);
        }
    }
}
