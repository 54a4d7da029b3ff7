package dev.sluice.deploy.worker;

import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a worker's executors keep their files. Logs and fetched jars go to {@code <workDir>/<app>/<executor>}.
 * Shuffle, spill and disk-cached block files go there too, unless the worker's own configuration sets
 * {@code sluice.local.dir}: then the executor spreads them over {@code <dir>/<app>/<executor>} on each of those
 * directories (as Spark's workers hand {@code SPARK_LOCAL_DIRS} to their executors). An application's
 * {@code sluice.local.dir} names directories of the driver's machine, so workers do not use it.
 *
 * @param workDir the worker's work directory
 * @param localDirs the worker's configured local directories, absolute; empty if it configured none
 */
record WorkerDirectories(Path workDir, List<Path> localDirs) {

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
}
