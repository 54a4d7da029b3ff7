package dev.sluice.executor.cluster;

import dev.sluice.executor.protocol.ClusterMessages.AppClasspath;
import dev.sluice.executor.protocol.ClusterMessages.FetchAppJar;
import dev.sluice.executor.protocol.ClusterMessages.GetAppClasspath;
import dev.sluice.network.message.MessageClient;
import dev.sluice.network.serialization.ControlSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * An executor's copy of the application's jars: it asks the driver which jars its class path has, fetches those
 * its own class path lacks (compared by file name, which carries the version) into its work directory, and
 * loads them, after its own class path, in a class loader of their own.
 */
final class ExecutorJars {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorJars.class);
    private static final long ASK_TIMEOUT_SECONDS = 60;

    private ExecutorJars() {
    }

    /**
     * Fetches the missing jars into {@code dir} and returns a loader over them whose parent is {@code parent}
     * ({@code parent} itself when nothing is missing).
     *
     * @throws IOException if the driver cannot be asked or a jar arrives short
     */
    static ClassLoader fetch(MessageClient driver, ControlSerializer serializer, Path dir, ClassLoader parent)
            throws Exception {
        AppClasspath listing = driver.ask(new GetAppClasspath(), AppClasspath.class)
                .get(ASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Set<String> own = ownJarNames(System.getProperty("java.class.path"));
        List<URL> fetched = new ArrayList<>();
        for (int i = 0; i < listing.names().length; i++) {
            String name = listing.names()[i];
            if (own.contains(name) || !name.matches("[\\w.+-]+\\.jar")) {
                continue;
            }
            fetched.add(download(driver, serializer, i, name, listing.sizes()[i], dir));
        }
        if (fetched.isEmpty()) {
            return parent;
        }
        LOG.info("Fetched {} application jars from the driver into {}", fetched.size(), dir);
        return new URLClassLoader("sluice-application-jars", fetched.toArray(URL[]::new), parent);
    }

    private static Set<String> ownJarNames(String classPath) {
        Set<String> names = new HashSet<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                names.add(Path.of(entry).getFileName().toString());
            }
        }
        return names;
    }

    private static URL download(MessageClient driver, ControlSerializer serializer, int index, String name, long size,
                                Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(name);
        Path partial = dir.resolve(name + ".part");
        try (InputStream in = driver.transport().openStream(serializer.serialize(new FetchAppJar(index)))) {
            long copied = Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            if (size >= 0 && copied != size) {
                throw new IOException("The driver sent " + copied + " bytes of " + name + ", which has " + size);
            }
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try {
            return target.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IOException(e);
        }
    }
}
