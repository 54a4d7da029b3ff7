package dev.sluice.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1} made with the running JDK's
 * {@code keytool}: a PKCS12 key store and a PKCS12 trust store holding its certificate, both under one random
 * password. The password reaches {@code keytool} in its environment ({@code -storepass:env}), never on its command
 * line, as a user should do it.
 *
 * @param keyStore the key store (key and certificate)
 * @param trustStore the trust store (the certificate)
 * @param password the password of both stores
 */
record TlsStores(Path keyStore, Path trustStore, String password) {
    private static final String PASSWORD_VARIABLE = "SLUICE_TEST_STORE_PASSWORD";

    /** Generates the stores into {@code directory}. */
    static TlsStores generate(Path directory) throws IOException, InterruptedException {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Path keyStore = directory.resolve("sluice-key.p12");
        Path certificate = directory.resolve("sluice-cert.pem");
        Path trustStore = directory.resolve("sluice-trust.p12");
        keytool(password, "-genkeypair", "-alias", "sluice", "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass:env", PASSWORD_VARIABLE,
                "-keypass:env", PASSWORD_VARIABLE);
        keytool(password, "-exportcert", "-rfc", "-alias", "sluice", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass:env", PASSWORD_VARIABLE, "-file", certificate.toString());
        keytool(password, "-importcert", "-noprompt", "-alias", "sluice", "-file", certificate.toString(),
                "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass:env", PASSWORD_VARIABLE);
        return new TlsStores(keyStore, trustStore, password);
    }

    /** The {@code sluice.ssl.*} settings that turn TLS on with these stores, as properties-file lines. */
    String settings() {
        return "sluice.ssl.enabled=true\n"
                + "sluice.ssl.keyStore=" + keyStore + "\n"
                + "sluice.ssl.keyStorePassword=" + password + "\n"
                + "sluice.ssl.trustStore=" + trustStore + "\n"
                + "sluice.ssl.trustStorePassword=" + password + "\n";
    }

    @Override
    public String toString() {
        return "TlsStores[keyStore=" + keyStore + ", trustStore=" + trustStore + ", password redacted]";
    }

    private static void keytool(String password, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(PASSWORD_VARIABLE, password);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", arguments) + " failed:\n" + output);
        }
    }
}
