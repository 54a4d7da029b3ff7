package dev.sluice.shuffle.testing;

import dev.sluice.common.FileTrees;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.serializer.KryoSerializer;
import dev.sluice.shuffle.serializer.Serializer;
import dev.sluice.shuffle.serializer.SerializerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a test of the shuffle's spilling and writing classes runs with: a local directory (for application
 * {@code app}, in a temporary parent made before each test and deleted after it), the Kryo serializer with default
 * settings, and metrics that add up what they are told. Register it per test:
 * {@code @RegisterExtension final ShuffleFixture shuffle = new ShuffleFixture();}.
 */
public final class ShuffleFixture implements BeforeEachCallback, AfterEachCallback {
    private final Serializer serializer = new KryoSerializer(SerializerSettings.defaults());
    private final RecordingMetrics metrics = new RecordingMetrics();
    private Path parent;
    private LocalDirectory dirs;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        parent = Files.createTempDirectory("sluice-shuffle-test-");
        dirs = LocalDirectory.create(parent, "app");
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            if (dirs != null) {
                dirs.close();
            }
        } finally {
            if (parent != null) {
                FileTrees.deleteRecursively(parent);
            }
        }
    }

    /** The temporary directory the local directory is in. */
    public Path parent() {
        return parent;
    }

    /** The test's local directory. */
    public LocalDirectory dirs() {
        return dirs;
    }

    /** A Kryo serializer with default settings. */
    public Serializer serializer() {
        return serializer;
    }

    /** The metrics the test's shuffle classes report to. */
    public RecordingMetrics metrics() {
        return metrics;
    }
}
