package dev.sluice.bench.net;

import dev.sluice.network.config.TlsConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for localhost and 127.0.0.1 made for one run with the JDK's {@code keytool}: a PKCS12
 * key store (key and certificate) for the server and a PKCS12 trust store (the certificate) for the client, both
 * with a random password that reaches {@code keytool} through its environment, never its command line. The
 * benchmarks and the standalone TLS tests use it.
 *
 * @param keyStore the server's key store
 * @param trustStore the client's trust store
 * @param password the password of both stores
 */
public record TlsStores(Path keyStore, Path trustStore, String password) {

    private static final String ALIAS = "sluice-bench";
    private static final String PASSWORD_VARIABLE = "SLUICE_BENCH_KEYTOOL_PASSWORD";

    /** Generates the stores into {@code directory}. */
    public static TlsStores generate(Path directory) throws IOException, InterruptedException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path keyStore = directory.resolve("server-key.p12");
        Path certificate = directory.resolve("server.pem");
        Path trustStore = directory.resolve("client-trust.p12");
        keytool(password, "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass:env", PASSWORD_VARIABLE, "-keypass:env", PASSWORD_VARIABLE);
        keytool(password, "-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass:env", PASSWORD_VARIABLE, "-file", certificate.toString());
        keytool(password, "-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(),
                "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass:env", PASSWORD_VARIABLE);
        return new TlsStores(keyStore, trustStore, password);
    }

    /** The {@code sluice.ssl.*} settings that turn TLS on with these stores, as properties-file lines. */
    public String settings() {
        return "sluice.ssl.enabled=true\n"
                + "sluice.ssl.keyStore=" + keyStore + "\n"
                + "sluice.ssl.keyStorePassword=" + password + "\n"
                + "sluice.ssl.trustStore=" + trustStore + "\n"
                + "sluice.ssl.trustStorePassword=" + password + "\n";
    }

    /** The client side: trusts the certificate, presents none, verifies the host name. */
    TlsConfig clientConfig() {
        return TlsConfig.of(null, null, trustStore, password.toCharArray());
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
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("keytool " + arguments[0] + " did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", arguments) + " failed with status "
                    + process.exitValue() + ":\n" + output);
        }
    }
}
