package dev.sluice.shuffle.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.shuffle.memory.TaskMemory;
import dev.sluice.shuffle.read.ShuffleReader;
import dev.sluice.shuffle.serializer.KryoSerializer;
import dev.sluice.shuffle.serializer.Serializer;
import dev.sluice.shuffle.serializer.SerializerSettings;
import dev.sluice.shuffle.sort.ExternalSorter;
import dev.sluice.shuffle.testing.RecordingMetrics;
import dev.sluice.shuffle.testing.TestFiles;
import dev.sluice.shuffle.testing.TestPair;
import dev.sluice.shuffle.testing.FullTmpfs;
import dev.sluice.shuffle.testing.Tmpfs;
import dev.sluice.shuffle.write.ShuffleMapWriter;
import dev.sluice.shuffle.write.ShuffleWriteSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers in a local directory that really is full: a 2 MiB tmpfs, mounted by the test (as root; skipped otherwise)
 * and filled up. The failure names the directory and says "no space left", the partial files are gone, and a
 * retry goes to another directory when there is one.
 */
class FullLocalDirectoryTest {
    private static final int SHUFFLE = 3;
    private static final int PARTITIONS = 4;

    @TempDir
    Path healthy;

    @RegisterExtension
    final FullTmpfs full = new FullTmpfs("2m");
    private final Serializer serializer = new KryoSerializer(SerializerSettings.defaults());
    private final RecordingMetrics metrics = new RecordingMetrics();

    private Tmpfs tmpfs() {
        return full.get();
    }

    @Test
    void spillingIntoAFullDirectoryFailsNamingItAndLeavesNoFile() {
        TaskMemory memory = TaskMemory.fixed(16 * 1024);
        try (LocalDirectory dirs = LocalDirectory.create(List.of(tmpfs().path()), "app")) {
            ExternalSorter<Integer, Long> sorter =
                    new ExternalSorter<>(Comparator.naturalOrder(), dirs, serializer, memory, metrics);

            assertThatThrownBy(() -> sorter.insertAll(records(20_000).iterator(), TestPair.shape()))
                    .isInstanceOf(LocalDiskFullException.class)
                    .hasMessageContaining("Local directory " + tmpfs().path() + " has no space left on device")
                    .hasMessageContaining("spilling failed writing " + dirs.root().resolve("spill"));
            assertThat(tmpfs().files(path -> false)).isEmpty();

            sorter.close();
            assertThat(memory.usedBytes()).isZero();
        }
        assertThat(tmpfs().files(path -> false)).isEmpty();
    }

    @Test
    void aMapOutputThatDoesNotFitIsRetriedInTheOtherDirectory() {
        try (LocalDirectory dirs = LocalDirectory.create(List.of(tmpfs().path(), healthy), "app")) {
            int map = mapPreferring(dirs, 0);
            List<TestPair<Integer, Long>> input = records(5_000);

            assertThatThrownBy(() -> write(dirs, map, input, TaskMemory.unlimited()))
                    .isInstanceOf(LocalDiskFullException.class)
                    .hasMessageContaining("Local directory " + tmpfs().path() + " has no space left on device")
                    .hasMessageContaining("writing shuffle output failed");
            assertThat(tmpfs().files(path -> false)).as("partial files in the full directory").isEmpty();
            assertThat(dirs.isSetAside(0)).isTrue();

            // The retry, with a budget so small that it spills too: every file goes to the healthy directory.
            MapStatus status = write(dirs, map, input, TaskMemory.fixed(16 * 1024));

            assertThat(metrics.spills.get()).isPositive();
            assertThat(dirs.shuffleDataFile(SHUFFLE, map)).startsWith(healthy).hasSize(status.totalBytes());
            assertThat(dirs.shuffleIndexFile(SHUFFLE, map)).startsWith(healthy).exists();
            assertThat(read(dirs, map)).containsExactlyInAnyOrderElementsOf(input);
            assertThat(TestFiles.leftoverFiles(healthy)).isEmpty();
            assertThat(tmpfs().files(path -> false)).isEmpty();
        }
    }

    private MapStatus write(LocalDirectory dirs, int map, List<TestPair<Integer, Long>> input, TaskMemory memory) {
        ShuffleWriteSpec<Integer, Long, Object> spec =
                new ShuffleWriteSpec<>(SHUFFLE, map, PARTITIONS, key -> Math.floorMod((Integer) key, PARTITIONS), null);
        return new ShuffleMapWriter(dirs, serializer, memory, metrics).write(spec, input.iterator(), TestPair.shape());
    }

    private List<TestPair<Integer, Long>> read(LocalDirectory dirs, int map) {
        List<ShuffleBlockId> blocks = new ArrayList<>();
        for (int reduce = 0; reduce < PARTITIONS; reduce++) {
            blocks.add(new ShuffleBlockId(SHUFFLE, map, reduce));
        }
        List<TestPair<Integer, Long>> records = new ArrayList<>();
        ShuffleReader.read(new LocalShuffleBlockFetcher(dirs), blocks, serializer, TestPair.<Integer, Long>shape(),
                metrics).forEachRemaining(records::add);
        return records;
    }

    /** A map id whose output prefers the directory at {@code index}. */
    private static int mapPreferring(LocalDirectory dirs, int index) {
        for (int map = 0; ; map++) {
            if (dirs.shuffleDataFile(SHUFFLE, map).startsWith(dirs.roots().get(index))) {
                return map;
            }
        }
    }

    private static List<TestPair<Integer, Long>> records(int count) {
        List<TestPair<Integer, Long>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(new TestPair<>(i % 997, (long) i));
        }
        return records;
    }

}
