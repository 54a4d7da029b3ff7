package dev.sluice.driver.cluster;

import dev.sluice.executor.protocol.ClusterMessages.AppClasspath;
import dev.sluice.network.Reply;
import dev.sluice.network.StreamSource;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The jar files of the driver's class path, which the driver serves to executors: the application's jar when it
 * was submitted, and every library of a program started from an IDE. Executors fetch the ones their own class
 * path lacks, so nobody installs user code on the workers by hand. Only these files are served, by index.
 */
final class DriverJars {
    private final List<Path> jars;

    private DriverJars(List<Path> jars) {
        this.jars = List.copyOf(jars);
    }

    /**
     * The jars of {@code classPath} (a {@code java.class.path} value) and of {@code extra} (comma-separated,
     * {@code sluice.jars}) that exist; directories are left out.
     */
    static DriverJars of(String classPath, String extra) {
        List<Path> jars = new ArrayList<>();
        List<String> entries = new ArrayList<>(List.of(classPath.split(File.pathSeparator)));
        entries.addAll(List.of(extra.split(",")));
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.endsWith(".jar")) {
                add(Path.of(entry).toAbsolutePath(), jars);
            }
        }
        return new DriverJars(jars);
    }

    /** Adds a jar and the jars its manifest's {@code Class-Path} names (as test runners' launcher jars do). */
    private static void add(Path jar, List<Path> jars) {
        if (!Files.isRegularFile(jar) || jars.contains(jar)) {
            return;
        }
        jars.add(jar);
        String classPath;
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        } catch (IOException e) {
            return; // not a readable jar: executors will say so when they fetch it
        }
        if (classPath == null) {
            return;
        }
        for (String reference : classPath.trim().split("\\s+")) {
            try {
                URI resolved = jar.toUri().resolve(reference);
                if ("file".equals(resolved.getScheme()) && resolved.getPath().endsWith(".jar")) {
                    add(Path.of(resolved), jars);
                }
            } catch (IllegalArgumentException e) {
                // a malformed reference: the JVM ignores it too
            }
        }
    }

    /** The listing executors compare with their own class path. */
    AppClasspath listing() {
        String[] names = new String[jars.size()];
        long[] sizes = new long[jars.size()];
        for (int i = 0; i < jars.size(); i++) {
            names[i] = jars.get(i).getFileName().toString();
            try {
                sizes[i] = Files.size(jars.get(i));
            } catch (IOException e) {
                sizes[i] = -1; // gone since start: an executor asking for it gets the error
            }
        }
        return new AppClasspath(names, sizes);
    }

    /** A stream of the jar at {@code index}. */
    Reply stream(int index) throws IOException {
        if (index < 0 || index >= jars.size()) {
            throw new IllegalArgumentException("The driver serves " + jars.size() + " jars; there is no jar " + index);
        }
        Path jar = jars.get(index);
        return Reply.stream(StreamSource.ofFileRange(jar, 0, Files.size(jar)));
    }
}
