package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.serial.JavaSerialization;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SluiceConfigTest {

    private static SluiceConfig configOf(String key, String value) {
        Map<String, String> values = new HashMap<>();
        values.put(key, value);
        return SluiceConfig.of(values);
    }

    // ------------------------------------------------------------------ unknown keys

    @Test
    void unknownKeyIsRejectedNamingIt() {
        assertThatThrownBy(() -> configOf("sluice.no.such.key", "1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown configuration key 'sluice.no.such.key'")
                .hasMessageNotContaining("did you mean");
    }

    @Test
    void unknownKeyOutsideTheSluiceNamespaceIsRejectedToo() {
        assertThatThrownBy(() -> configOf("foo", "bar"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'foo'");
    }

    @Test
    void unknownKeyMessageListsTheKnownKeys() {
        assertThatThrownBy(() -> configOf("sluice.bogus", "1"))
                .hasMessageContaining("known keys:")
                .hasMessageContaining("sluice.task.maxFailures")
                .hasMessageContaining("sluice.memory.storageFraction");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // wrong case
            "sluice.task.maxfailures, sluice.task.maxFailures",
            "SLUICE.MASTER, sluice.master",
            // right name, wrong area
            "sluice.maxFailures, sluice.task.maxFailures",
            "sluice.memory.maxPartitionBytes, sluice.files.maxPartitionBytes",
            // another engine's prefix
            "spark.memory.storageFraction, sluice.memory.storageFraction",
            // typos
            "sluice.task.maxFailure, sluice.task.maxFailures",
            "sluice.task.maxFialures, sluice.task.maxFailures",
            "sluice.memory.fration, sluice.memory.fraction",
            "sluice.defualt.parallelism, sluice.default.parallelism",
    })
    void unknownKeySuggestsTheClosestKnownKey(String typed, String suggested) {
        assertThatThrownBy(() -> configOf(typed, "1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown configuration key '" + typed + "'")
                .hasMessageContaining("(did you mean '" + suggested + "'?)");
    }

    @Test
    void missingValueIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> configOf("sluice.app.name", null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sluice.app.name");
    }

    // ------------------------------------------------------------------ local directories

    @Test
    void localDirectoriesAreCommaSeparatedAndTrimmed() {
        SluiceConfig config = configOf("sluice.local.dir", "a,b , c");

        assertThat(config.get(ConfigKeys.LOCAL_DIR)).containsExactly(Path.of("a"), Path.of("b"), Path.of("c"));
        assertThat(configOf("sluice.local.dir", " /tmp/one ").get(ConfigKeys.LOCAL_DIR))
                .containsExactly(Path.of("/tmp/one"));
    }

    @ParameterizedTest(name = "sluice.local.dir=''{0}''")
    @CsvSource(value = {"a,,b", "a,", ",a", "' , '", "''", "'  '"}, delimiter = ';')
    void anEmptyLocalDirectoryIsRejectedNamingTheKey(String value) {
        assertThatThrownBy(() -> configOf("sluice.local.dir", value))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'sluice.local.dir'")
                .hasMessageContaining("none of them empty");
    }

    // ------------------------------------------------------------------ malformed / invalid values

    @ParameterizedTest(name = "{0}=''{1}''")
    @CsvSource({
            "sluice.task.maxFailures, four",
            "sluice.task.maxFailures, 2.5",
            "sluice.task.maxFailures, 99999999999",
            "sluice.task.maxFailures, ''",
            "sluice.default.parallelism, 4x",
            "sluice.serializer.registrationRequired, yes",
            "sluice.serializer.registrationRequired, 1",
            "sluice.serializer.referenceTracking, on",
            "sluice.memory.fraction, half",
            "sluice.memory.fraction, 60%",
            "sluice.memory.storageFraction, ''",
            "sluice.memory.maxBytes, 64q",
            "sluice.memory.maxBytes, lots",
            "sluice.memory.maxBytes, -1m",
            "sluice.files.maxPartitionBytes, 1.5m",
    })
    void malformedValueIsRejectedNamingKeyAndValue(String key, String value) {
        assertThatThrownBy(() -> configOf(key, value))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Malformed value '" + value + "'")
                .hasMessageContaining("'" + key + "'")
                .hasMessageContaining("expected");
    }

    @ParameterizedTest(name = "{0}=''{1}''")
    @CsvSource({
            "sluice.task.maxFailures, 0, an integer >= 1",
            "sluice.task.maxFailures, -3, an integer >= 1",
            "sluice.default.parallelism, -1, an integer >= 0",
            "sluice.memory.fraction, 0, (0, 1]",
            "sluice.memory.fraction, 1.5, (0, 1]",
            "sluice.memory.fraction, -0.1, (0, 1]",
            "sluice.memory.fraction, NaN, (0, 1]",
            "sluice.memory.storageFraction, 2, (0, 1]",
            "sluice.files.maxPartitionBytes, 0, a byte size >= 1",
    })
    void outOfRangeValueIsRejectedNamingKeyValueAndExpectation(String key, String value, String expectation) {
        assertThatThrownBy(() -> configOf(key, value))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining("'" + key + "'")
                .hasMessageContaining(expectation);
    }

    @Test
    void configExceptionIsAnIllegalArgumentException() {
        assertThatThrownBy(() -> configOf("sluice.task.maxFailures", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneBadValueAmongGoodOnesIsFound() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("sluice.master", "local[2]");
        values.put("sluice.memory.fraction", "0.4");
        values.put("sluice.task.maxFailures", "many");
        assertThatThrownBy(() -> SluiceConfig.of(values)).hasMessageContaining("sluice.task.maxFailures")
                .hasMessageContaining("'many'");
    }

    // ------------------------------------------------------------------ valid values

    @Test
    void validValuesAreParsed() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("sluice.task.maxFailures", " 7 ");
        values.put("sluice.memory.fraction", "1");
        values.put("sluice.memory.storageFraction", "0.25");
        values.put("sluice.memory.maxBytes", "64m");
        values.put("sluice.serializer.registrationRequired", "TRUE");
        values.put("sluice.serializer.referenceTracking", "False");
        values.put("sluice.files.maxPartitionBytes", "1");
        values.put("sluice.default.parallelism", "0");
        SluiceConfig config = SluiceConfig.of(values);

        assertThat(config.get(ConfigKeys.TASK_MAX_FAILURES)).isEqualTo(7);
        assertThat(config.get(ConfigKeys.MEMORY_FRACTION)).isEqualTo(1.0);
        assertThat(config.get(ConfigKeys.MEMORY_STORAGE_FRACTION)).isEqualTo(0.25);
        assertThat(config.get(ConfigKeys.MEMORY_MAX_BYTES)).isEqualTo(64L << 20);
        assertThat(config.get(ConfigKeys.SERIALIZER_REGISTRATION_REQUIRED)).isTrue();
        assertThat(config.get(ConfigKeys.SERIALIZER_REFERENCE_TRACKING)).isFalse();
        assertThat(config.get(ConfigKeys.FILES_MAX_PARTITION_BYTES)).isEqualTo(1L);
        assertThat(config.get(ConfigKeys.DEFAULT_PARALLELISM)).isZero();
        assertThat(config.raw(ConfigKeys.TASK_MAX_FAILURES)).contains(" 7 ");
        assertThat(config.raw(ConfigKeys.MASTER)).isEmpty();
    }

    @Test
    void defaults() {
        SluiceConfig config = SluiceConfig.defaults();

        assertThat(config.asMap()).isEmpty();
        assertThat(config.get(ConfigKeys.MASTER)).isEqualTo("local[*]");
        assertThat(config.get(ConfigKeys.APP_NAME)).isEqualTo("sluice");
        assertThat(config.get(ConfigKeys.LOCAL_DIR)).containsExactly(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(config.get(ConfigKeys.DEFAULT_PARALLELISM)).isZero();
        assertThat(config.get(ConfigKeys.TASK_MAX_FAILURES)).isEqualTo(4);
        assertThat(config.get(ConfigKeys.MEMORY_FRACTION)).isEqualTo(0.6);
        assertThat(config.get(ConfigKeys.MEMORY_STORAGE_FRACTION)).isEqualTo(0.5);
        assertThat(config.get(ConfigKeys.MEMORY_MAX_BYTES)).isZero();
        assertThat(config.get(ConfigKeys.SERIALIZER_REGISTRATION_REQUIRED)).isFalse();
        assertThat(config.get(ConfigKeys.SERIALIZER_REFERENCE_TRACKING)).isFalse();
        assertThat(config.get(ConfigKeys.SERIALIZER_CLASSES)).isEmpty();
        assertThat(config.get(ConfigKeys.FILES_MAX_PARTITION_BYTES)).isEqualTo(32L << 20);
    }

    @Test
    void everyDefaultIsValidForItsKey() {
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            assertThat(key.parse(key.defaultValue())).as(key.name()).isNotNull();
            assertThat(key.doc()).as(key.name()).isNotBlank();
            assertThat(ConfigKeys.find(key.name())).contains(key);
        }
        assertThat(ConfigKeys.ALL).extracting(ConfigKey::name).doesNotHaveDuplicates()
                .allMatch(name -> name.startsWith("sluice."));
        assertThat(ConfigKeys.find("sluice.nope")).isEmpty();
    }

    @Test
    void unsetKeyFallsBackToItsDefault() {
        SluiceConfig config = configOf("sluice.master", "local[3]");

        assertThat(config.get(ConfigKeys.MASTER)).isEqualTo("local[3]");
        assertThat(config.get(ConfigKeys.TASK_MAX_FAILURES)).isEqualTo(4);
    }

    @Test
    void withReturnsAValidatedCopyAndLeavesTheOriginalAlone() {
        SluiceConfig original = configOf("sluice.task.maxFailures", "2");

        SluiceConfig changed = original.with(ConfigKeys.TASK_MAX_FAILURES, "5").with(ConfigKeys.APP_NAME, "etl");

        assertThat(changed.get(ConfigKeys.TASK_MAX_FAILURES)).isEqualTo(5);
        assertThat(changed.get(ConfigKeys.APP_NAME)).isEqualTo("etl");
        assertThat(original.get(ConfigKeys.TASK_MAX_FAILURES)).isEqualTo(2);
        assertThat(original.get(ConfigKeys.APP_NAME)).isEqualTo("sluice");
        assertThatThrownBy(() -> original.with(ConfigKeys.TASK_MAX_FAILURES, "0"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sluice.task.maxFailures");
    }

    @Test
    void valuesCannotBeChangedBehindTheConfigsBack() {
        Map<String, String> values = new HashMap<>();
        values.put("sluice.task.maxFailures", "2");
        SluiceConfig config = SluiceConfig.of(values);

        values.put("sluice.task.maxFailures", "not a number");

        assertThat(config.get(ConfigKeys.TASK_MAX_FAILURES)).isEqualTo(2);
        assertThatThrownBy(() -> config.asMap().put("sluice.master", "local"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void survivesJavaSerialization() {
        SluiceConfig config = configOf("sluice.memory.maxBytes", "16m");

        SluiceConfig copy = JavaSerialization.deserialize(JavaSerialization.serialize(config),
                getClass().getClassLoader());

        assertThat(copy.asMap()).isEqualTo(config.asMap());
        assertThat(copy.get(ConfigKeys.MEMORY_MAX_BYTES)).isEqualTo(16L << 20);
    }
}
