package dev.sluice.shuffle.io;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.shuffle.testing.TestFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalShuffleBlockFetcherTest {

    @TempDir
    Path parent;

    private LocalDirectory dirs;
    private LocalShuffleBlockFetcher fetcher;

    @BeforeEach
    void setUp() {
        dirs = LocalDirectory.create(parent, "app");
        fetcher = new LocalShuffleBlockFetcher(dirs);
    }

    @AfterEach
    void tearDown() {
        dirs.close();
    }

    @Test
    void fetchesSegmentsAndSkipsEmptyOnes() {
        MapStatus status = commit(0, "aaa", "", "bbbb", "cc");

        Map<String, String> fetched = fetchAll(blocks(0, 4));

        assertThat(status).isEqualTo(new MapStatus(1, 0, new long[] {3, 0, 4, 2}));
        assertThat(fetched).containsExactly(
                Map.entry("shuffle_1_0_0", "aaa"), Map.entry("shuffle_1_0_2", "bbbb"), Map.entry("shuffle_1_0_3", "cc"));
    }

    @Test
    void firstCommitterWins() {
        MapStatus first = commit(0, "first", "x");

        MapStatus second = commit(0, "second attempt", "yy");

        assertThat(second).isEqualTo(first);
        assertThat(fetchAll(blocks(0, 2))).containsExactly(
                Map.entry("shuffle_1_0_0", "first"), Map.entry("shuffle_1_0_1", "x"));
        assertThat(TestFiles.leftoverFiles(dirs.root())).isEmpty();
    }

    @Test
    void missingIndexFailsTheFetchNamingBlockAndFile() {
        commit(0, "aaa");
        Iterator<FetchedBlock> blocks = fetcher.fetch(List.of(new ShuffleBlockId(1, 5, 0)));

        assertThatThrownBy(blocks::hasNext)
                .isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("shuffle_1_5_0")
                .hasMessageContaining(dirs.shuffleIndexFile(1, 5).toString())
                .satisfies(e -> assertThat(((FetchFailedException) e).block()).isEqualTo(new ShuffleBlockId(1, 5, 0)));
    }

    @Test
    void truncatedIndexFailsTheFetch() throws IOException {
        commit(0, "aaa", "bbb");
        Path index = dirs.shuffleIndexFile(1, 0);
        Files.write(index, java.util.Arrays.copyOf(Files.readAllBytes(index), 12));

        assertThatThrownBy(() -> fetchAll(blocks(0, 1)))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("shuffle_1_0_0")
                .hasMessageContaining(index.toString());
    }

    @Test
    void partitionBeyondTheIndexFailsTheFetch() {
        commit(0, "aaa");

        assertThatThrownBy(() -> fetchAll(List.of(new ShuffleBlockId(1, 0, 3))))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("shuffle_1_0_3");
    }

    @Test
    void truncatedOrMissingDataFileFailsTheFetch() throws IOException {
        commit(0, "aaa", "bbb");
        commit(1, "ccc");
        Files.write(dirs.shuffleDataFile(1, 0), "aaab".getBytes(US_ASCII));
        Files.delete(dirs.shuffleDataFile(1, 1));

        assertThatThrownBy(() -> fetchAll(List.of(new ShuffleBlockId(1, 0, 1))))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("shuffle_1_0_1")
                .hasMessageContaining(dirs.shuffleDataFile(1, 0).toString());
        assertThatThrownBy(() -> fetchAll(List.of(new ShuffleBlockId(1, 1, 0))))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageContaining(dirs.shuffleDataFile(1, 1).toString());
    }

    @Test
    void mapStatusComparesLengthsByContentAndIsImmutable() {
        long[] lengths = {1, 2, 3};
        MapStatus status = new MapStatus(3, 7, lengths);
        lengths[0] = 100;
        status.partitionLengths()[1] = 100;

        assertThat(status).isEqualTo(new MapStatus(3, 7, new long[] {1, 2, 3}))
                .hasSameHashCodeAs(new MapStatus(3, 7, new long[] {1, 2, 3}));
        assertThat(status.totalBytes()).isEqualTo(6);
        assertThat(status.partitionLength(2)).isEqualTo(3);
        assertThat(new ShuffleBlockId(3, 7, 2)).hasToString("shuffle_3_7_2");
    }

    private MapStatus commit(int mapId, String... segments) {
        Path temp = MapOutputCommitter.newTempDataFile(dirs, 1, mapId);
        long[] lengths = new long[segments.length];
        try {
            Files.writeString(temp, String.join("", segments), US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < segments.length; i++) {
            lengths[i] = segments[i].length();
        }
        return MapOutputCommitter.commit(dirs, 1, mapId, temp, lengths);
    }

    private static List<ShuffleBlockId> blocks(int mapId, int numPartitions) {
        List<ShuffleBlockId> blocks = new ArrayList<>();
        for (int reduceId = 0; reduceId < numPartitions; reduceId++) {
            blocks.add(new ShuffleBlockId(1, mapId, reduceId));
        }
        return blocks;
    }

    private Map<String, String> fetchAll(List<ShuffleBlockId> ids) {
        Map<String, String> contents = new LinkedHashMap<>();
        Iterator<FetchedBlock> blocks = fetcher.fetch(ids);
        while (blocks.hasNext()) {
            try (FetchedBlock block = blocks.next(); InputStream in = block.open()) {
                String bytes = new String(in.readAllBytes(), US_ASCII);
                assertThat((long) bytes.length()).isEqualTo(block.size());
                contents.put(block.id().toString(), bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return contents;
    }
}
