package dev.sluice.deploy.worker;

import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a worker's executors keep their files. Logs and fetched jars go to {@code <workDir>/<app>/<executor>}.
 * Shuffle, spill and disk-cached block files go there too, unless the worker's own configuration sets
 * {@code sluice.local.dir}: then the executor spreads them over {@code <dir>/<app>/<executor>} on each of those
 * directories (as Spark's workers hand {@code SPARK_LOCAL_DIRS} to their executors). An application's
 * {@code sluice.local.dir} names directories of the driver's machine, so workers do not use it. A driver runs in
 * {@code <workDir>/<driver>}. When an application ends, its data is deleted and its executors' logs kept.
 *
 * @param workDir the worker's work directory
 * @param localDirs the worker's configured local directories, absolute; empty if it configured none
 */
record WorkerDirectories(Path workDir, List<Path> localDirs) {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class); // the worker's log lines, as they were

    WorkerDirectories {
        localDirs = localDirs.stream().map(dir -> dir.toAbsolutePath().normalize()).toList();
    }

    /** The directories of a worker with {@code config} (its own, not an application's) and work directory. */
    static WorkerDirectories of(SluiceConfig config, Path workDir) {
        List<Path> local = config.raw(ConfigKeys.LOCAL_DIR).isPresent() ? config.get(ConfigKeys.LOCAL_DIR) : List.of();
        return new WorkerDirectories(workDir, local);
    }

    /** The work directory of an executor: its logs and jars. */
    Path executorWorkDir(String appId, String executorId) {
        return workDir.resolve(appId).resolve(executorId);
    }

    /** The directories an executor spreads its shuffle, spill and cached-block files over. */
    List<Path> executorLocalDirs(String appId, String executorId) {
        if (localDirs.isEmpty()) {
            return List.of(executorWorkDir(appId, executorId));
        }
        return localDirs.stream().map(dir -> dir.resolve(appId).resolve(executorId)).toList();
    }

    /** The application's directories in the local directories, deleted whole when it ends; none without them. */
    List<Path> applicationLocalDirs(String appId) {
        return localDirs.stream().map(dir -> dir.resolve(appId)).toList();
    }

    /** The work directory of a cluster-mode driver: its jar and logs. */
    Path driverWorkDir(String driverId) {
        return workDir.resolve(driverId);
    }

    /**
     * Deletes what an application's executors wrote here: all of it in the local directories, all but their
     * {@code stdout} and {@code stderr} in the work directory. What cannot be deleted is logged and left.
     */
    void deleteApplicationData(String appId) {
        deleteDataKeepingLogs(workDir.resolve(appId));
        for (Path dir : applicationLocalDirs(appId)) {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("Cannot delete all data in {}: {}", dir, e.toString());
        }
    }

    private static void deleteDataKeepingLogs(Path appDir) {
        if (!Files.isDirectory(appDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(appDir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                String name = path.getFileName().toString();
                boolean log = Files.isRegularFile(path) && (name.equals("stdout") || name.equals("stderr"))
                        && path.getParent().getParent().equals(appDir);
                if (log || path.equals(appDir) || path.getParent().equals(appDir) && Files.isDirectory(path)) {
                    continue;
                }
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("Cannot delete all data of {}: {}", appDir, e.toString());
        }
    }
}
