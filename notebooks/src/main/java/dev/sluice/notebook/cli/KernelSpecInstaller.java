package dev.sluice.notebook.cli;

import com.google.gson.GsonBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a Jupyter kernel spec for the Sluice kernel: a directory {@code kernels/<name>} under a
 * Jupyter data directory with {@code kernel.json} naming the Java command and the kernel jar,
 * which is copied beside it so the spec keeps working when the build directory is cleaned. When
 * the kernel does not run from a jar (from a build's class directories), the spec names the
 * class path instead.
 *
 * @param javaCommand the {@code java} executable the spec starts
 * @param jvmOptions  options for that JVM, such as {@code -Xmx2g}
 * @param classPath   where the kernel's classes are: one jar, or a class path
 */
public record KernelSpecInstaller(Path javaCommand, List<String> jvmOptions, String classPath) {
    static final String JAR_NAME = "sluice-kernel.jar";
    static final String MAIN_CLASS = KernelCommand.class.getName();

    public KernelSpecInstaller {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** An installer for the running JVM and the kernel's own classes. */
    public static KernelSpecInstaller forThisJvm(List<String> jvmOptions) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new KernelSpecInstaller(java, jvmOptions, System.getProperty("java.class.path"));
    }

    /**
     * Writes the spec under {@code dataDir/kernels/name} (replacing an older one) and returns that
     * directory.
     */
    public Path install(Path dataDir, String name, String displayName) {
        Path kernelDir = dataDir.resolve("kernels").resolve(name);
        try {
            Files.createDirectories(kernelDir);
            List<String> argv = new ArrayList<>();
            argv.add(javaCommand.toString());
            argv.add("-Djava.awt.headless=true");
            argv.addAll(jvmOptions);
            if (isSingleJar()) {
                Path jar = kernelDir.resolve(JAR_NAME);
                Files.copy(Path.of(classPath), jar, StandardCopyOption.REPLACE_EXISTING);
                argv.add("-jar");
                argv.add(jar.toAbsolutePath().toString());
            } else {
                argv.add("-cp");
                argv.add(classPath);
                argv.add(MAIN_CLASS);
            }
            argv.add("run");
            argv.add("{connection_file}");
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("argv", argv);
            spec.put("display_name", displayName);
            spec.put("language", "java");
            spec.put("interrupt_mode", "message");
            Path json = kernelDir.resolve("kernel.json");
            Path staged = kernelDir.resolve("kernel.json.tmp");
            Files.writeString(staged, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n");
            Files.move(staged, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return kernelDir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kernel spec under " + kernelDir + ": " + e.getMessage(), e);
        }
    }

    private boolean isSingleJar() {
        return !classPath.contains(java.io.File.pathSeparator) && classPath.endsWith(".jar")
                && Files.isRegularFile(Path.of(classPath));
    }

    /**
     * The per-user Jupyter data directory, as Jupyter finds it: {@code $JUPYTER_DATA_DIR}, else
     * {@code ~/Library/Jupyter} on macOS, {@code %APPDATA%\jupyter} on Windows and
     * {@code $XDG_DATA_HOME/jupyter} or {@code ~/.local/share/jupyter} elsewhere.
     */
    public static Path userDataDir(Map<String, String> env, String osName, Path home) {
        String explicit = env.get("JUPYTER_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Jupyter");
        }
        if (os.contains("win") && env.get("APPDATA") != null) {
            return Path.of(env.get("APPDATA"), "jupyter");
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "jupyter");
        }
        return home.resolve(".local").resolve("share").resolve("jupyter");
    }

    /** The data directory of a Jupyter installed under {@code prefix}: {@code prefix/share/jupyter}. */
    public static Path prefixDataDir(Path prefix) {
        return prefix.resolve("share").resolve("jupyter");
    }
}
