package dev.sluice.dist.chaos;

import dev.sluice.bench.OneApplication;
import dev.sluice.dist.Cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Runs the anchor workloads as one application ({@link OneApplication}, submitted in client mode) on a fresh
 * {@link ChaosCluster} per fault while the fault acts, and reports each workload's time, task re-runs, stage
 * resubmissions and digest, and the processes and files the application left. The fault-free run must come
 * first: its task launches are what the others' re-runs are counted against.
 */
public final class ChaosHarness {
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Path workDir;
    private final Path data;
    private final Map<String, String> expected;
    private final ChaosSettings settings;
    private final Path appJar;
    private final Map<String, Long> faultFreeLaunches = new HashMap<>();

    /**
     * A harness working under {@code workDir}, running the workloads named by {@code expected}'s keys (in its
     * order) over {@code data}, whose digests must equal {@code expected}'s values.
     */
    public ChaosHarness(Path workDir, Path data, Map<String, String> expected, ChaosSettings settings) throws IOException {
        this.workDir = Files.createDirectories(workDir);
        this.data = data;
        this.expected = expected;
        this.settings = settings;
        this.appJar = benchJar(workDir);
    }

    /** The digest {@code workload} must compute. */
    public String expected(String workload) {
        return expected.get(workload);
    }

    /** Runs the workloads under {@code fault} on a fresh cluster and reports on each. */
    public List<ChaosReport> run(Fault fault) throws Exception {
        Path dir = Files.createDirectories(workDir.resolve(fault.name()));
        Path localDir = dir.resolve("driver-local");
        SplittableRandom random = new SplittableRandom(settings.seed());
        ExecutorService faults = Executors.newSingleThreadExecutor(r -> new Thread(r, "chaos-" + fault.name()));
        FaultWindow window = new FaultWindow();
        String stdout;
        int processesLeft;
        int filesLeft;
        try (ChaosCluster cluster = fault.needsHosts() ? ChaosCluster.onHosts(dir, settings)
                : ChaosCluster.onLoopback(dir, settings)) {
            Process driver = cluster.submit(appJar, OneApplication.class.getName(), localDir,
                    concat(data.toString(), expected.keySet()));
            Future<?> injected = faults.submit(() -> {
                fault.inject(cluster, random, window);
                return null;
            });
            try {
                awaitEnd(driver, cluster);
            } finally {
                window.close();
                injected.get(settings.runTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            Cluster.Result result = cluster.cluster().await(driver, Duration.ofSeconds(10));
            stdout = result.out();
            if (DriverOutput.parse(stdout).workloads().size() < expected.size()) {
                throw new AssertionError("The driver under fault " + fault.name() + " did not report every workload: "
                        + result);
            }
            processesLeft = awaitNoExecutors(cluster);
            filesLeft = awaitNoFiles(cluster, localDir);
        } finally {
            faults.shutdownNow();
        }
        processesLeft += processesOf(dir);
        return reports(fault.name(), DriverOutput.parse(stdout), processesLeft, filesLeft);
    }

    private void awaitEnd(Process driver, ChaosCluster cluster) throws InterruptedException {
        long deadline = System.nanoTime() + settings.runTimeout().toNanos();
        while (!driver.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
            cluster.executors(); // remember every executor, to check they all stop
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The application did not end within " + settings.runTimeout()
                        + " (hung?); see the logs in " + cluster.cluster().dir);
            }
        }
    }

    /** Waits (bounded) for every executor seen to stop; the number still alive after the grace period. */
    private static int awaitNoExecutors(ChaosCluster cluster) throws InterruptedException {
        long deadline = System.nanoTime() + LEFTOVER_GRACE.toNanos();
        while (!cluster.liveSeenExecutors().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis()); // polling other processes, bounded by the grace period
        }
        return cluster.liveSeenExecutors().size();
    }

    /** Waits (bounded) for the workers to delete the application's data; the files left after the grace period. */
    private static int awaitNoFiles(ChaosCluster cluster, Path localDir) throws InterruptedException {
        long deadline = System.nanoTime() + LEFTOVER_GRACE.toNanos();
        while (filesLeft(cluster, localDir) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis()); // polling other processes' clean-up, bounded by the grace period
        }
        return filesLeft(cluster, localDir);
    }

    private static int filesLeft(ChaosCluster cluster, Path localDir) {
        int files = countFiles(localDir);
        for (ChaosCluster.Worker worker : cluster.workers()) {
            files += countFiles(worker.workDir());
        }
        return files;
    }

    /** Regular files under {@code dir}, except the processes' logs ({@code stdout}, {@code stderr}). */
    private static int countFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return (int) files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals("stdout") && !f.getFileName().toString().equals("stderr"))
                    .count();
        } catch (IOException e) {
            // files vanishing while the walk runs are being cleaned up: count again later
            return Integer.MAX_VALUE / 4;
        } catch (UncheckedIOException e) {
            return Integer.MAX_VALUE / 4;
        }
    }

    /** Processes still alive whose command line names {@code dir} (the cluster's), after the cluster was stopped. */
    private static int processesOf(Path dir) {
        String name = dir.toString();
        return (int) ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(name)).orElse(false))
                .filter(ProcessHandle::isAlive).count();
    }

    private List<ChaosReport> reports(String fault, DriverOutput output, int processesLeft, int filesLeft) {
        List<ChaosReport> reports = new ArrayList<>();
        for (Map.Entry<String, String> workload : expected.entrySet()) {
            DriverOutput.Workload result = output.workloads().get(workload.getKey());
            if (fault.equals("none")) {
                faultFreeLaunches.put(workload.getKey(), result.launches());
            }
            Long base = faultFreeLaunches.get(workload.getKey());
            if (base == null) {
                throw new IllegalStateException("Run the fault-free scenario (NoFault) first: re-runs are counted against it");
            }
            reports.add(new ChaosReport(workload.getKey(), fault, result.seconds(), result.launches(),
                    Math.max(0, result.launches() - base), result.resubmissions(), result.digest(),
                    result.digest().equals(workload.getValue()), processesLeft, filesLeft));
        }
        return reports;
    }

    private static List<String> concat(String first, Iterable<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        rest.forEach(all::add);
        return all;
    }

    /**
     * The bench module's jar, the application the cluster runs. In a reactor build it is the jar on this JVM's
     * class path; when that is a classes directory, it is jarred into {@code workDir}.
     */
    private static Path benchJar(Path workDir) throws IOException {
        Path location;
        try {
            location = Path.of(OneApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isRegularFile(location)) {
            return location;
        }
        Path jar = workDir.resolve("sluice-bench.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(location)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(location.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }
}
