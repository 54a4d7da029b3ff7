package dev.sluice.config;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One typed, documented configuration key: its name ({@code sluice.<area>.<name>}), its default
 * (as text, parsed like any user value), how to parse it, and what values are valid.
 *
 * @param <T> the parsed type
 */
public final class ConfigKey<T> {
    private final String name;
    private final String defaultValue;
    private final Function<String, T> parser;
    private final Predicate<T> valid;
    private final String expectation;
    private final String doc;

    private ConfigKey(String name, String defaultValue, Function<String, T> parser, Predicate<T> valid,
                      String expectation, String doc) {
        this.name = Objects.requireNonNull(name);
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.valid = valid;
        this.expectation = expectation;
        this.doc = doc;
    }

    static ConfigKey<String> string(String name, String defaultValue, String doc) {
        return new ConfigKey<>(name, defaultValue, s -> s, s -> true, "a string", doc);
    }

    static ConfigKey<Integer> integer(String name, int defaultValue, int min, String doc) {
        return new ConfigKey<>(name, Integer.toString(defaultValue), Integer::parseInt, v -> v >= min,
                "an integer >= " + min, doc);
    }

    static ConfigKey<Double> fraction(String name, double defaultValue, String doc) {
        return new ConfigKey<>(name, Double.toString(defaultValue), Double::parseDouble, v -> v > 0 && v <= 1,
                "a number in (0, 1]", doc);
    }

    static ConfigKey<Boolean> bool(String name, boolean defaultValue, String doc) {
        return new ConfigKey<>(name, Boolean.toString(defaultValue), ConfigKey::parseBoolean, v -> true,
                "true or false", doc);
    }

    /** A byte size such as {@code 512}, {@code 64k}, {@code 32m}, {@code 2g}. */
    static ConfigKey<Long> bytes(String name, String defaultValue, long min, String doc) {
        return new ConfigKey<>(name, defaultValue, ByteSize::parse, v -> v >= min,
                "a byte size >= " + min + " such as 64k, 32m or 2g", doc);
    }

    /**
     * A comma-separated list of directories, such as {@code /disk1/tmp, /disk2/tmp}: each entry is trimmed, and an
     * empty entry (as in {@code a,,b} or a trailing comma) is an error naming the key.
     */
    static ConfigKey<java.util.List<java.nio.file.Path>> directories(String name, String defaultValue, String doc) {
        return new ConfigKey<>(name, defaultValue, ConfigKey::parseDirectories, v -> !v.isEmpty(),
                "one or more directories separated by commas, none of them empty", doc);
    }

    private static java.util.List<java.nio.file.Path> parseDirectories(String s) {
        java.util.List<java.nio.file.Path> directories = new java.util.ArrayList<>();
        for (String entry : s.split(",", -1)) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("empty directory");
            }
            directories.add(java.nio.file.Path.of(trimmed));
        }
        return java.util.List.copyOf(directories);
    }

    /** A duration such as {@code 250ms}, {@code 10s}, {@code 2m} or {@code 1h}. */
    static ConfigKey<java.time.Duration> duration(String name, String defaultValue, String doc) {
        return new ConfigKey<>(name, defaultValue, ConfigKey::parseDuration, v -> !v.isNegative() && !v.isZero(),
                "a positive duration such as 250ms, 10s, 2m or 1h", doc);
    }

    private static java.time.Duration parseDuration(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h)").matcher(s.toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> java.time.Duration.ofMillis(amount);
            case "s" -> java.time.Duration.ofSeconds(amount);
            case "m" -> java.time.Duration.ofMinutes(amount);
            default -> java.time.Duration.ofHours(amount);
        };
    }

    private static boolean parseBoolean(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    /** The key's name, e.g. {@code sluice.task.maxFailures}. */
    public String name() {
        return name;
    }

    /** The default, as the text a user would write. */
    public String defaultValue() {
        return defaultValue;
    }

    /** What the key controls. */
    public String doc() {
        return doc;
    }

    /** Parses and validates {@code text}; the error names the key and the offending value. */
    public T parse(String text) {
        T value;
        try {
            value = parser.apply(text.trim());
        } catch (RuntimeException e) {
            throw new ConfigException("Malformed value '" + text + "' for configuration key '" + name
                    + "': expected " + expectation);
        }
        if (!valid.test(value)) {
            throw new ConfigException("Invalid value '" + text + "' for configuration key '" + name
                    + "': expected " + expectation);
        }
        return value;
    }

    @Override
    public String toString() {
        return name;
    }
}
