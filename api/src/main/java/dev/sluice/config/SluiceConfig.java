package dev.sluice.config;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An immutable, validated set of configuration values. Every key is checked when the config is
 * built: unknown {@code sluice.*} keys and malformed values fail at once, naming the key.
 */
public final class SluiceConfig implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<String, String> values;

    private SluiceConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Validates {@code values} (names and parse) and wraps them. */
    public static SluiceConfig of(Map<String, String> values) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            ConfigKey<?> key = ConfigKeys.find(e.getKey()).orElseThrow(() -> unknown(e.getKey()));
            if (e.getValue() == null) {
                throw new ConfigException("Missing value for configuration key '" + e.getKey() + "'");
            }
            key.parse(e.getValue());
        }
        return new SluiceConfig(values);
    }

    /** All defaults. */
    public static SluiceConfig defaults() {
        return new SluiceConfig(Map.of());
    }

    private static ConfigException unknown(String name) {
        String hint = ConfigKeys.ALL.stream()
                .filter(k -> k.name().equalsIgnoreCase(name) || closeEnough(k.name(), name))
                .map(ConfigKey::name).findFirst().map(n -> " (did you mean '" + n + "'?)").orElse("");
        return new ConfigException("Unknown configuration key '" + name + "'" + hint
                + "; known keys: " + ConfigKeys.ALL.stream().map(ConfigKey::name).collect(Collectors.joining(", ")));
    }

    private static boolean closeEnough(String a, String b) {
        int lastA = a.lastIndexOf('.');
        int lastB = b.lastIndexOf('.');
        return lastA > 0 && lastB > 0 && a.substring(lastA).equalsIgnoreCase(b.substring(lastB))
                || editDistance(a.toLowerCase(java.util.Locale.ROOT), b.toLowerCase(java.util.Locale.ROOT)) <= 2;
    }

    /** Levenshtein distance: the typos (a missing, extra, wrong or swapped letter) a suggestion should catch. */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The parsed value of {@code key}, or its default. */
    public <T> T get(ConfigKey<T> key) {
        return key.parse(values.getOrDefault(key.name(), key.defaultValue()));
    }

    /** The raw value the user set, if any. */
    public Optional<String> raw(ConfigKey<?> key) {
        return Optional.ofNullable(values.get(key.name()));
    }

    /** A copy with one more value, validated. */
    public SluiceConfig with(ConfigKey<?> key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key.name(), value);
        return of(copy);
    }

    /** The values the user set explicitly. */
    public Map<String, String> asMap() {
        return values;
    }

    /** The values, with secrets and passwords replaced by {@code ***} so logs never show them. */
    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((k, v) -> shown.put(k, isSensitive(k) ? "***" : v));
        return shown.toString();
    }

    /** Whether a key's value must never be logged. */
    public static boolean isSensitive(String key) {
        String lower = key.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("secret") || lower.contains("password");
    }
}
