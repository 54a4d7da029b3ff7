package dev.sluice.config;

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
            "Where jobs run: local, local[N] or local[*] (one task thread per core).");
    public static final ConfigKey<String> APP_NAME = ConfigKey.string("sluice.app.name", "sluice",
            "Application name, used in logs and temporary directory names.");
    public static final ConfigKey<String> LOCAL_DIR = ConfigKey.string("sluice.local.dir",
            System.getProperty("java.io.tmpdir"),
            "Directory for shuffle, spill and disk-cached blocks; a per-application subdirectory is deleted on close().");
    public static final ConfigKey<Integer> DEFAULT_PARALLELISM = ConfigKey.integer("sluice.default.parallelism", 0, 0,
            "Default partition count of shuffles and parallelize(); 0 means the number of task threads.");
    public static final ConfigKey<Integer> TASK_MAX_FAILURES = ConfigKey.integer("sluice.task.maxFailures", 4, 1,
            "Attempts of one task before its job fails.");
    public static final ConfigKey<Double> MEMORY_FRACTION = ConfigKey.fraction("sluice.memory.fraction", 0.6,
            "Share of (heap - 300 MiB) managed by Sluice for execution (aggregation, sorting) and storage (cache).");
    public static final ConfigKey<Double> MEMORY_STORAGE_FRACTION = ConfigKey.fraction("sluice.memory.storageFraction", 0.5,
            "Share of managed memory reserved for cached blocks; the rest is execution memory.");
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

    /** All keys, in documentation order. */
    public static final List<ConfigKey<?>> ALL = List.of(MASTER, APP_NAME, LOCAL_DIR, DEFAULT_PARALLELISM,
            TASK_MAX_FAILURES, MEMORY_FRACTION, MEMORY_STORAGE_FRACTION, MEMORY_MAX_BYTES,
            SERIALIZER_REGISTRATION_REQUIRED, SERIALIZER_REFERENCE_TRACKING, SERIALIZER_CLASSES,
            FILES_MAX_PARTITION_BYTES);

    private static final Map<String, ConfigKey<?>> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(ConfigKey::name, Function.identity()));

    /** The key called {@code name}, if Sluice knows it. */
    public static Optional<ConfigKey<?>> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
