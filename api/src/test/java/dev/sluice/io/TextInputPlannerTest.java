package dev.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class TextInputPlannerTest {

    private static final long NO_LIMIT = Long.MAX_VALUE;

    @TempDir Path dir;

    @Test
    void goalSizeDividesTheTotalByMinPartitions() throws IOException {
        Path file = file("a.txt", 1000);
        assertThat(TextInputPlanner.plan(file.toString(), 4, NO_LIMIT))
                .containsExactly(
                        split(file, 0, 250),
                        split(file, 250, 250),
                        split(file, 500, 250),
                        split(file, 750, 250));
    }

    @Test
    void maxSplitBytesCapsTheSplitSize() throws IOException {
        Path file = file("a.txt", 1000);
        assertThat(TextInputPlanner.plan(file.toString(), 1, 300))
                .containsExactly(
                        split(file, 0, 300),
                        split(file, 300, 300),
                        split(file, 600, 300),
                        split(file, 900, 100));
    }

    @Test
    void lastSplitMayExceedTheSplitSizeByTenPercent() throws IOException {
        Path small = file("small.txt", 110);
        Path large = file("large.txt", 111);
        assertThat(TextInputPlanner.plan(small.toString(), 1, 100))
                .containsExactly(split(small, 0, 110));
        assertThat(TextInputPlanner.plan(large.toString(), 1, 100))
                .containsExactly(split(large, 0, 100), split(large, 100, 11));
    }

    @Test
    void goalSizeIsComputedOverAllFiles() throws IOException {
        Path input = Files.createDirectory(dir.resolve("in"));
        Path a = file("in/a.txt", 300);
        Path b = file("in/b.txt", 100);
        // total 400 / 4 partitions = 100 bytes per split
        assertThat(TextInputPlanner.plan(input.toString(), 4, NO_LIMIT))
                .containsExactly(
                        split(a, 0, 100), split(a, 100, 100), split(a, 200, 100), split(b, 0, 100));
    }

    @Test
    void emptyFilesYieldNoSplits() throws IOException {
        Path input = Files.createDirectory(dir.resolve("in"));
        file("in/empty.txt", 0);
        Path data = file("in/data.txt", 10);
        assertThat(TextInputPlanner.plan(input.toString(), 1, NO_LIMIT))
                .containsExactly(split(data, 0, 10));
        Files.delete(data);
        assertThat(TextInputPlanner.plan(input.toString(), 1, NO_LIMIT)).isEmpty();
    }

    @Test
    void nonPositiveMinPartitionsCountsAsOne() throws IOException {
        Path file = file("a.txt", 100);
        assertThat(TextInputPlanner.plan(file.toString(), 0, NO_LIMIT)).hasSize(1);
        assertThat(TextInputPlanner.plan(file.toString(), -3, NO_LIMIT)).hasSize(1);
    }

    @Test
    void tinyInputStillGetsOneByteSplits() throws IOException {
        Path file = file("a.txt", 3);
        assertThat(TextInputPlanner.plan(file.toString(), 10, NO_LIMIT))
                .containsExactly(split(file, 0, 1), split(file, 1, 1), split(file, 2, 1));
    }

    @Test
    void rejectsNonPositiveMaxSplitBytes() throws IOException {
        Path file = file("a.txt", 3);
        assertThatThrownBy(() -> TextInputPlanner.plan(file.toString(), 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxSplitBytes");
    }

    @Test
    void missingPathIsReportedAsGiven() {
        String missing = dir.resolve("nope/data.txt").toString();
        assertThatThrownBy(() -> TextInputPlanner.plan(missing, 1, NO_LIMIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Input path does not exist: " + missing);
    }

    @Test
    void splitsAreListedFileByFileInResolutionOrder() throws IOException {
        Path input = Files.createDirectory(dir.resolve("in"));
        Path b = file("in/b.txt", 10);
        Path a = file("in/a.txt", 10);
        List<FileSplit> splits = TextInputPlanner.plan(input.toString(), 1, NO_LIMIT);
        assertThat(splits).extracting(FileSplit::file).containsExactly(a, b);
    }

    private Path file(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i % 10 == 9 ? '\n' : 'x');
        }
        return Files.write(dir.resolve(name), bytes);
    }

    private static FileSplit split(Path file, long start, long length) {
        return new FileSplit(file.toAbsolutePath(), start, length);
    }
}
