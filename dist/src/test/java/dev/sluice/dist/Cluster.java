package dev.sluice.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A standalone cluster of real processes started through the distribution's {@code bin/sluice}, on loopback
 * with ephemeral ports, its configuration and secret in a directory of its own. {@link #close()} stops every
 * process it started and their children (executors, drivers), also after a failed test.
 */
public final class Cluster implements AutoCloseable {
    /** The distribution, unpacked from the tarball the build made, as a user would (once per test JVM). */
    public static final Path HOME = unpack(Path.of(System.getProperty("sluice.dist.tarball", "target/no-tarball.tar.gz")));
    public static final Path EXAMPLES_JAR = firstJar(HOME.resolve("examples"));
    private static final Pattern MASTER_URL = Pattern.compile("listening at (sluice://[^ ]+) \\(JSON state: http://[^:]+:(\\d+)/");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    public final Path dir;
    public final Path confDir;
    private final List<Process> processes = new ArrayList<>();
    private final Map<Process, Path> logBases = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Process, Path> workDirs = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> settings;
    private final Map<String, String> environment = new java.util.concurrent.ConcurrentHashMap<>(Map.of(
            "SLUICE_DAEMON_MEMORY", "256m", "SLUICE_DRIVER_MEMORY", "512m",
            "SLUICE_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -Xshare:auto"));
    private String workerMemory = "2g";
    private int logs;

    /** A cluster whose processes all get {@code settings} as {@code --conf} values. */
    public Cluster(Path dir, String... settings) throws IOException {
        this.dir = dir;
        this.confDir = Files.createDirectories(dir.resolve("conf"));
        this.settings = List.of(settings);
    }

    /** A started master. */
    public record Master(Process process, String url, int webUiPort) {
    }

    public Master startMaster(String... args) throws IOException {
        return startMasterIn(null, args);
    }

    /** Starts a master, in network namespace {@code netns} when not null. */
    public Master startMasterIn(String netns, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("master", "--webui-port", "0"));
        command.addAll(List.of(args));
        if (!command.contains("--port")) {
            command.addAll(List.of("--port", "0"));
        }
        Process process = start(netns, command);
        Matcher m = awaitLine(process, MASTER_URL);
        return new Master(process, m.group(1), Integer.parseInt(m.group(2)));
    }

    public Process startWorker(String masterUrl, int cores, String... args) throws IOException {
        return startWorkerIn(null, masterUrl, cores, args);
    }

    /** Starts a worker, in network namespace {@code netns} when not null. */
    public Process startWorkerIn(String netns, String masterUrl, int cores, String... args) throws IOException {
        Path workDir = dir.resolve("worker-" + (logs + 1));
        List<String> command = new ArrayList<>(List.of("worker", masterUrl, "--cores", Integer.toString(cores),
                "--memory", workerMemory, "--work-dir", workDir.toString(), "--webui-port", "0"));
        command.addAll(List.of(args));
        Process process = start(netns, command);
        workDirs.put(process, workDir);
        awaitLine(process, Pattern.compile("Sluice worker (\\S+) listening"));
        return process;
    }

    /** Gives the workers started from now on {@code memory} (e.g. {@code 6g}) instead of 2g to offer. */
    public Cluster workerMemory(String memory) {
        this.workerMemory = memory;
        return this;
    }

    /**
     * Sets an environment variable of the processes started from now on, e.g. {@code SLUICE_DRIVER_MEMORY}
     * (512m unless set) or {@code SLUICE_JAVA_OPTS} ({@code -XX:TieredStopAtLevel=1 -Xshare:auto}).
     */
    public Cluster environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The work directory (executors' directories and logs) of a worker this cluster started. */
    public Path workDirOf(Process worker) {
        Path workDir = workDirs.get(worker);
        if (workDir == null) {
            throw new IllegalArgumentException("Not a worker of this cluster: pid " + worker.pid());
        }
        return workDir;
    }

    /** Starts {@code bin/sluice ARGS} with this cluster's settings, its output in files. */
    public Process start(List<String> args) throws IOException {
        return start(null, args);
    }

    /** As {@link #start(List)}, in network namespace {@code netns} when not null. */
    public Process start(String netns, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        if (netns != null) {
            command.addAll(List.of("ip", "netns", "exec", netns));
        }
        command.add(HOME.resolve("bin/sluice").toString());
        command.addAll(args);
        for (String setting : settings) {
            command.add("--conf");
            command.add(setting);
        }
        Path base = dir.resolve(++logs + "-" + args.get(0));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(Path.of(base + ".out").toFile())
                .redirectError(Path.of(base + ".err").toFile());
        builder.environment().put("SLUICE_CONF_DIR", confDir.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        logBases.put(process, base);
        synchronized (processes) {
            processes.add(process);
        }
        return process;
    }

    /** What a finished command printed. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    /** Runs {@code bin/sluice ARGS} to its end (bounded). */
    public Result run(String... args) throws IOException, InterruptedException {
        return runIn(null, args);
    }

    /** As {@link #run(String...)}, in network namespace {@code netns} when not null. */
    public Result runIn(String netns, String... args) throws IOException, InterruptedException {
        Process process = start(netns, List.of(args));
        return await(process, Duration.ofMinutes(3));
    }

    public Result await(Process process, Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("bin/sluice did not end within " + timeout + ": " + output(process, ".err"));
        }
        return new Result(process.exitValue(), output(process, ".out"), output(process, ".err"));
    }

    /** What {@code process} printed so far on stdout ({@code .out}) or stderr ({@code .err}). */
    public String output(Process process, String suffix) throws IOException {
        Path file = Path.of(logBases.get(process) + suffix);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private Matcher awaitLine(Process process, Pattern pattern) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(output(process, ".out"));
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                throw new AssertionError("bin/sluice exited with " + process.exitValue() + " before it printed "
                        + pattern + ": " + output(process, ".err"));
            }
            pause();
        }
        throw new AssertionError("bin/sluice did not print " + pattern + " within " + START_TIMEOUT + ": "
                + output(process, ".err"));
    }

    /** The master's state as {@code bin/sluice status --json} prints it. */
    public JsonNode status(String masterUrl) throws IOException, InterruptedException {
        return status(null, masterUrl);
    }

    /** As {@link #status(String)}, asked from network namespace {@code netns} when not null. */
    public JsonNode status(String netns, String masterUrl) throws IOException, InterruptedException {
        Result result = runIn(netns, "status", "--master", masterUrl, "--json");
        if (result.exitCode() != 0) {
            throw new AssertionError("status failed: " + result);
        }
        return new ObjectMapper().readTree(result.out());
    }

    /** How many workers the master at {@code masterUrl} counts as alive. */
    public int aliveWorkers(String masterUrl) {
        try {
            int alive = 0;
            for (JsonNode worker : status(masterUrl).get("workers")) {
                alive += worker.get("state").asText().equals("ALIVE") ? 1 : 0;
            }
            return alive;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits (bounded) until {@code condition} holds. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50); // polling a condition of other processes, bounded by the caller's timeout
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A free loopback port (for a master restarted on the same address). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A jar of the test classes under {@code packageDir} (the test applications), as a user would build one. */
    static Path testAppJar(Path target, String packageDir) throws IOException {
        Path classes = Path.of(System.getProperty("sluice.test.classes", "target/test-classes"));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(target));
             Stream<Path> files = Files.walk(classes.resolve(packageDir))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
        }
        return target;
    }

    private static Path unpack(Path tarball) {
        try {
            Path target = Files.createDirectories(tarball.resolveSibling("it-unpacked"));
            Process tar = new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", target.toString())
                    .redirectErrorStream(true).start();
            String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("Cannot unpack " + tarball + ": " + output);
            }
            try (Stream<Path> dirs = Files.list(target)) {
                return dirs.filter(d -> d.getFileName().toString().startsWith("sluice-")).findFirst().orElseThrow();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path firstJar(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jar")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops every process (politely, then forcibly) and every process they started. */
    @Override
    public void close() {
        List<Process> all;
        synchronized (processes) {
            all = new ArrayList<>(processes);
        }
        List<ProcessHandle> children = new ArrayList<>();
        for (Process process : all) {
            process.descendants().forEach(children::add);
        }
        all.forEach(Process::destroy);
        for (Process process : all) {
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
