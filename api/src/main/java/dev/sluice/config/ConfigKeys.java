package dev.sluice.config;

import dev.sluice.Sluice;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every configuration key Sluice understands, with its default and meaning; the one place they are defined. */
public final class ConfigKeys {
    private ConfigKeys() {
    }

    public static final ConfigKey<String> MASTER = ConfigKey.string("sluice.master", "local[*]",
            "Where jobs run: local, local[N] or local[*] (task threads in this JVM; * = one per core), or "
                    + "local-cluster[N,C,M] (N executor JVMs on this machine with C task threads and M MiB of heap each), "
                    + "or sluice://HOST:PORT (a standalone cluster's master; executors run on its workers).");
    public static final ConfigKey<String> APP_NAME = ConfigKey.string("sluice.app.name", "sluice",
            "Application name, used in logs and temporary directory names.");
    public static final ConfigKey<java.util.List<java.nio.file.Path>> LOCAL_DIR = ConfigKey.directories("sluice.local.dir",
            System.getProperty("java.io.tmpdir"),
            "Directories for shuffle, spill and disk-cached block files, comma-separated (missing ones are created). "
                    + "Files are spread over them by a hash of their names; a directory that runs out of space gets no "
                    + "new files for a while, so retried tasks write to the others. Each application gets its own "
                    + "subdirectory in each of them, deleted on close(). On a standalone worker, its own setting "
                    + "gives its executors' directories (without it, the worker's work directory).");
    public static final ConfigKey<Integer> DEFAULT_PARALLELISM = ConfigKey.integer("sluice.default.parallelism", 0, 0,
            "Default partition count of shuffles and parallelize(); 0 means the number of task threads.");
    public static final ConfigKey<Integer> TASK_MAX_FAILURES = ConfigKey.integer("sluice.task.maxFailures", 4, 1,
            "Attempts of one task before its job fails. A task whose executor was lost while it ran (killed, "
                    + "frozen past its heartbeat timeout, or gone with its host) counts against "
                    + "sluice.task.maxExecutorLosses instead.");
    public static final ConfigKey<Integer> TASK_MAX_EXECUTOR_LOSSES = ConfigKey.integer("sluice.task.maxExecutorLosses",
            16, 1, "Times one task may lose its executor while it runs before its job fails: losing an executor says "
                    + "little about the task, so this bound is higher than sluice.task.maxFailures, but it still ends "
                    + "a task that brings down every executor it runs on.");
    public static final ConfigKey<Integer> STAGE_MAX_ATTEMPTS = ConfigKey.integer("sluice.stage.maxAttempts", 4, 1,
            "Attempts of one stage whose tasks cannot fetch map outputs (each attempt recomputes the lost outputs) "
                    + "before its job fails.");
    public static final ConfigKey<Long> DRIVER_MAX_RESULT_SIZE = ConfigKey.bytes("sluice.driver.maxResultSize", "1g", 1,
            "Serialized bytes of task results one job may send to the driver (collect, take...) in the cluster modes; "
                    + "a job over it fails with a message instead of filling the driver's heap.");
    public static final ConfigKey<java.time.Duration> EXECUTOR_HEARTBEAT_INTERVAL = ConfigKey.duration(
            "sluice.executor.heartbeatInterval", "1s", "How often executors report to the driver that they are alive.");
    public static final ConfigKey<java.time.Duration> EXECUTOR_HEARTBEAT_TIMEOUT = ConfigKey.duration(
            "sluice.executor.heartbeatTimeout", "60s",
            "An executor the driver hears nothing from (no heartbeat, report or request) for this long is declared "
                    + "lost; an executor whose driver is silent this long, while its last 3 heartbeats failed, exits. "
                    + "Time the driver itself was paused or starved does not count.");
    public static final ConfigKey<java.time.Duration> LOCALITY_WAIT = ConfigKey.duration("sluice.locality.wait", "3s",
            "How long a task waits for a busy executor holding its cached input before it runs anywhere; the wait "
                    + "restarts whenever that executor starts a task reading its own cache.");
    public static final ConfigKey<String> EXECUTOR_JAVA_OPTIONS = ConfigKey.string("sluice.executor.javaOptions", "",
            "Extra JVM options of executor processes, separated by spaces.");
    public static final ConfigKey<String> AUTH_SECRET = ConfigKey.string("sluice.auth.secret", "",
            "Shared secret every connection between Sluice processes must prove (HMAC challenge-response; it never "
                    + "crosses the wire). Empty: local-cluster mode generates a random one per application.");
    public static final ConfigKey<String> AUTH_SECRET_FILE = ConfigKey.string("sluice.auth.secretFile", "",
            "File holding the shared secret (its bytes, trailing newline ignored); used when sluice.auth.secret is empty.");
    public static final ConfigKey<Boolean> SSL_ENABLED = ConfigKey.bool("sluice.ssl.enabled", false,
            "Encrypt every connection between Sluice processes with TLS.");
    public static final ConfigKey<String> SSL_KEY_STORE = ConfigKey.string("sluice.ssl.keyStore", "",
            "PKCS12 key store with this process's key and certificate (required when TLS is on).");
    public static final ConfigKey<String> SSL_KEY_STORE_PASSWORD = ConfigKey.string("sluice.ssl.keyStorePassword", "",
            "Password of sluice.ssl.keyStore.");
    public static final ConfigKey<String> SSL_TRUST_STORE = ConfigKey.string("sluice.ssl.trustStore", "",
            "PKCS12 trust store with the certificates peers must present (required when TLS is on).");
    public static final ConfigKey<String> SSL_TRUST_STORE_PASSWORD = ConfigKey.string("sluice.ssl.trustStorePassword", "",
            "Password of sluice.ssl.trustStore.");
    public static final ConfigKey<String> NETWORK_BIND_HOST = ConfigKey.string("sluice.network.bindHost", "127.0.0.1",
            "Address the driver's and executors' listeners bind to (loopback by default).");
    public static final ConfigKey<String> NETWORK_ADVERTISED_HOST = ConfigKey.string("sluice.network.advertisedHost", "",
            "Host name peers use to reach this process; empty means the bind address.");
    public static final ConfigKey<Long> NETWORK_MAX_FRAME_SIZE = ConfigKey.bytes("sluice.network.maxFrameSize", "64m",
            16 << 10, "Largest frame a connection accepts; a peer announcing a larger one is disconnected.");
    public static final ConfigKey<Long> SHUFFLE_MAX_BYTES_IN_FLIGHT = ConfigKey.bytes("sluice.shuffle.maxBytesInFlight",
            "48m", 1, "Bytes of remote shuffle blocks a reduce task may have requested and not yet read.");
    public static final ConfigKey<Integer> SHUFFLE_MAX_REQUESTS_IN_FLIGHT = ConfigKey.integer(
            "sluice.shuffle.maxRequestsInFlight", 64, 1, "Block requests a reduce task may have in flight.");
    public static final ConfigKey<Integer> SHUFFLE_FETCH_RETRIES = ConfigKey.integer("sluice.shuffle.fetchRetries", 3, 0,
            "Retries of a block request that failed on a connection error, before the fetch fails.");
    public static final ConfigKey<java.time.Duration> SHUFFLE_FETCH_RETRY_WAIT = ConfigKey.duration(
            "sluice.shuffle.fetchRetryWait", "1s", "Wait before the first retry of a block request; doubles per retry.");
    public static final ConfigKey<Boolean> SHUFFLE_ZERO_COPY = ConfigKey.bool("sluice.shuffle.zeroCopy", true,
            "Send shuffle segments to other executors straight from the file (sendfile) on connections without TLS.");
    public static final ConfigKey<Double> MEMORY_FRACTION = ConfigKey.fraction("sluice.memory.fraction", 0.6,
            "Share of (heap - 300 MiB) managed by Sluice for execution (aggregation, sorting) and storage (cache).");
    public static final ConfigKey<Double> MEMORY_STORAGE_FRACTION = ConfigKey.fraction("sluice.memory.storageFraction", 0.5,
            "Share of managed memory where cached blocks are safe from eviction by execution; execution and storage"
                    + " otherwise borrow each other's free memory.");
    public static final ConfigKey<Long> MEMORY_MAX_BYTES = ConfigKey.bytes("sluice.memory.maxBytes", "0", 0,
            "Managed memory in bytes, overriding sluice.memory.fraction when > 0 (e.g. 64m).");
    public static final ConfigKey<Boolean> SERIALIZER_REGISTRATION_REQUIRED = ConfigKey.bool(
            "sluice.serializer.registrationRequired", false,
            "Require every class in shuffled, spilled or cached data to be listed in sluice.serializer.classes.");
    public static final ConfigKey<Boolean> SERIALIZER_REFERENCE_TRACKING = ConfigKey.bool(
            "sluice.serializer.referenceTracking", false,
            "Track shared and cyclic object references in records (slower; needed only for cyclic records).");
    public static final ConfigKey<String> SERIALIZER_CLASSES = ConfigKey.string("sluice.serializer.classes", "",
            "Comma-separated class names registered with the serializer.");
    public static final ConfigKey<Long> FILES_MAX_PARTITION_BYTES = ConfigKey.bytes("sluice.files.maxPartitionBytes",
            "32m", 1, "Largest byte range of a text file read by one partition.");

    public static final ConfigKey<Integer> EXECUTOR_CORES = ConfigKey.integer("sluice.executor.cores", 0, 0,
            "Standalone mode: task threads of each executor; 0 means one executor per worker with all its free cores.");
    public static final ConfigKey<Long> EXECUTOR_MEMORY = ConfigKey.bytes("sluice.executor.memory", "1g", 32 << 20,
            "Standalone mode: heap of each executor process.");
    public static final ConfigKey<Integer> CORES_MAX = ConfigKey.integer("sluice.cores.max", 0, 0,
            "Standalone mode: most task threads the application takes over the whole cluster; 0 means no limit.");
    public static final ConfigKey<Integer> DRIVER_CORES = ConfigKey.integer("sluice.driver.cores", 1, 1,
            "Standalone cluster deploy mode: cores a worker reserves for the driver process.");
    public static final ConfigKey<Long> DRIVER_MEMORY = ConfigKey.bytes("sluice.driver.memory", "1g", 32 << 20,
            "Standalone cluster deploy mode: heap of the driver process.");
    public static final ConfigKey<Boolean> DRIVER_SUPERVISE = ConfigKey.bool("sluice.driver.supervise", false,
            "Standalone cluster deploy mode: restart a driver that exits with a non-zero code.");
    public static final ConfigKey<String> JARS = ConfigKey.string("sluice.jars", "",
            "Jar files (comma-separated) the driver serves to its executors besides those on its class path.");
    public static final ConfigKey<Integer> MASTER_PORT = ConfigKey.integer("sluice.master.port", 7077, 0,
            "Port the standalone master listens on for workers, drivers and submissions.");
    public static final ConfigKey<Integer> MASTER_WEBUI_PORT = ConfigKey.integer("sluice.master.webui.port", 8080, 0,
            "Port of the master's HTTP JSON state (/api/v1/...); the next free one of 16 is taken if busy, 0 = any.");
    public static final ConfigKey<Integer> WORKER_PORT = ConfigKey.integer("sluice.worker.port", 0, 0,
            "Port a worker listens on for its master's commands; 0 means any free port.");
    public static final ConfigKey<Integer> WORKER_WEBUI_PORT = ConfigKey.integer("sluice.worker.webui.port", 8081, 0,
            "Port of a worker's HTTP JSON state; the next free one of 16 is taken if busy, 0 = any.");
    public static final ConfigKey<Integer> WORKER_CORES = ConfigKey.integer("sluice.worker.cores", 0, 0,
            "Cores a worker offers to executors and drivers; 0 means every processor of the machine.");
    public static final ConfigKey<Long> WORKER_MEMORY = ConfigKey.bytes("sluice.worker.memory", "0", 0,
            "Memory a worker offers; 0 means the machine's memory less 1 GiB (at least 1 GiB).");
    public static final ConfigKey<String> WORKER_WORK_DIR = ConfigKey.string("sluice.worker.workDir", "",
            "Where a worker keeps executors' and drivers' directories and logs; empty means work/ under the "
                    + "installation (or the current directory).");
    public static final ConfigKey<java.time.Duration> WORKER_TIMEOUT = ConfigKey.duration("sluice.worker.timeout",
            "60s", "A worker whose heartbeats stop for this long is declared dead; it heartbeats every quarter of it.");
    public static final ConfigKey<Boolean> DEPLOY_SPREAD_OUT = ConfigKey.bool("sluice.deploy.spreadOut", true,
            "Spread an application's executors over as many workers as possible (else fill one worker first).");
    public static final ConfigKey<Integer> DEPLOY_MAX_EXECUTOR_RETRIES = ConfigKey.integer(
            "sluice.deploy.maxExecutorRetries", 10, 0,
            "Executors of one application that may fail in a row (none running) before the master removes it.");
    public static final ConfigKey<String> RECOVERY_MODE = ConfigKey.string("sluice.recovery.mode", "NONE",
            "NONE, or FILESYSTEM: the master keeps workers, applications and drivers in sluice.recovery.directory "
                    + "and takes them back after a restart.");
    public static final ConfigKey<String> RECOVERY_DIRECTORY = ConfigKey.string("sluice.recovery.directory", "",
            "Directory of the master's recovery store (FILESYSTEM mode).");

    /** All keys, in documentation order. */
    public static final List<ConfigKey<?>> ALL = List.of(MASTER, APP_NAME, LOCAL_DIR, DEFAULT_PARALLELISM,
            TASK_MAX_FAILURES, TASK_MAX_EXECUTOR_LOSSES, STAGE_MAX_ATTEMPTS, DRIVER_MAX_RESULT_SIZE, EXECUTOR_HEARTBEAT_INTERVAL,
            EXECUTOR_HEARTBEAT_TIMEOUT, LOCALITY_WAIT, EXECUTOR_JAVA_OPTIONS, AUTH_SECRET, AUTH_SECRET_FILE, SSL_ENABLED, SSL_KEY_STORE,
            SSL_KEY_STORE_PASSWORD, SSL_TRUST_STORE, SSL_TRUST_STORE_PASSWORD, NETWORK_BIND_HOST, NETWORK_ADVERTISED_HOST,
            NETWORK_MAX_FRAME_SIZE, SHUFFLE_MAX_BYTES_IN_FLIGHT, SHUFFLE_MAX_REQUESTS_IN_FLIGHT, SHUFFLE_FETCH_RETRIES,
            SHUFFLE_FETCH_RETRY_WAIT, SHUFFLE_ZERO_COPY, MEMORY_FRACTION, MEMORY_STORAGE_FRACTION, MEMORY_MAX_BYTES,
            SERIALIZER_REGISTRATION_REQUIRED, SERIALIZER_REFERENCE_TRACKING, SERIALIZER_CLASSES,
            FILES_MAX_PARTITION_BYTES, EXECUTOR_CORES, EXECUTOR_MEMORY, CORES_MAX, DRIVER_CORES, DRIVER_MEMORY,
            DRIVER_SUPERVISE, JARS, MASTER_PORT, MASTER_WEBUI_PORT, WORKER_PORT, WORKER_WEBUI_PORT, WORKER_CORES,
            WORKER_MEMORY, WORKER_WORK_DIR, WORKER_TIMEOUT, DEPLOY_SPREAD_OUT, DEPLOY_MAX_EXECUTOR_RETRIES,
            RECOVERY_MODE, RECOVERY_DIRECTORY);

    private static final Map<String, ConfigKey<?>> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(ConfigKey::name, Function.identity()));

    /** The key called {@code name}, if Sluice knows it. */
    public static Optional<ConfigKey<?>> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
