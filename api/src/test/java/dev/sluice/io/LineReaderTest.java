package dev.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.sluice.common.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

class LineReaderTest {

    /** One to four UTF-8 bytes each, so that characters straddle split and buffer boundaries. */
    private static final String[] CHARACTERS = {
        "a", "b", "z", " ", "\t", "é", "ß", "€", "中", "😀",
    };

    @TempDir Path dir;

    @Test
    void splitsOfEverySizeTogetherYieldEveryLineOnce() throws IOException {
        Random random = new Random(20240611);
        for (int fileIndex = 0; fileIndex < 6; fileIndex++) {
            Path file = dir.resolve("random-" + fileIndex + ".txt");
            Files.write(file, randomText(random, 60).getBytes(UTF_8));
            List<String> expected = Files.readAllLines(file, UTF_8);
            long size = Files.size(file);
            for (long splitSize :
                    new long[] {1, 2, 3, 5, 8, 13, 21, 64, 200, size - 1, size, size + 1}) {
                List<FileSplit> splits =
                        TextInputPlanner.plan(file.toString(), 1, Math.max(1, splitSize));
                // A random tiny initial buffer per split exercises refilling and growing.
                int bufferSize = new int[] {1, 2, 3, 7, 16, 8192}[random.nextInt(6)];
                assertThat(readAll(splits, bufferSize))
                        .as(
                                "%s cut into splits of %d bytes, buffer %d",
                                file, splitSize, bufferSize)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void lineLongerThanTheBufferIsReadWhole() throws IOException {
        Random random = new Random(7);
        StringBuilder longLine = new StringBuilder();
        while (longLine.length() < 400_000) {
            longLine.append(CHARACTERS[random.nextInt(CHARACTERS.length)]);
        }
        List<String> lines = List.of("first", longLine.toString(), "", "last");
        Path file = write("long.txt", String.join("\n", lines) + "\n");

        for (long splitSize : new long[] {100_000, 1 << 20}) {
            List<FileSplit> splits = TextInputPlanner.plan(file.toString(), 1, splitSize);
            List<String> read = new ArrayList<>();
            for (FileSplit split : splits) {
                try (CloseableIterator<String> it = LineReader.lines(split)) {
                    it.forEachRemaining(read::add);
                }
            }
            assertThat(read).isEqualTo(lines);
        }
    }

    @Test
    void lineStartingExactlyAtASplitStartBelongsToThatSplit() throws IOException {
        Path file = write("two.txt", "ab\ncd\n");
        assertThat(linesOf(new FileSplit(file, 0, 3))).containsExactly("ab");
        assertThat(linesOf(new FileSplit(file, 3, 3))).containsExactly("cd");
        assertThat(linesOf(new FileSplit(file, 0, 4))).containsExactly("ab", "cd");
        assertThat(linesOf(new FileSplit(file, 4, 2))).isEmpty();
    }

    @Test
    void terminatorsAreStrippedAndAFinalUnterminatedLineIsKept() throws IOException {
        assertThat(linesOf(whole(write("a.txt", "x\ny")))).containsExactly("x", "y");
        assertThat(linesOf(whole(write("b.txt", "x\r\ny\r\n")))).containsExactly("x", "y");
        assertThat(linesOf(whole(write("c.txt", "\n\n")))).containsExactly("", "");
        assertThat(linesOf(whole(write("d.txt", "x\n\r\n")))).containsExactly("x", "");
    }

    @Test
    void loneCarriageReturnIsContent() throws IOException {
        assertThat(linesOf(whole(write("cr.txt", "a\rb\nc\r")))).containsExactly("a\rb", "c\r");
    }

    @Test
    void byteOrderMarkAtFileStartIsDropped() throws IOException {
        Path file = write("bom.txt", "\uFEFFab\ncd\n");
        for (long splitSize = 1; splitSize <= Files.size(file); splitSize++) {
            List<FileSplit> splits = TextInputPlanner.plan(file.toString(), 1, splitSize);
            assertThat(readAll(splits, 2))
                    .as("split size %d", splitSize)
                    .containsExactly("ab", "cd");
        }
    }

    @Test
    void malformedUtf8BecomesReplacementCharacters() throws IOException {
        Path file = dir.resolve("bad.txt");
        Files.write(file, new byte[] {'o', 'k', (byte) 0xC3, '\n', (byte) 0xFF});
        assertThat(linesOf(whole(file))).containsExactly("ok\uFFFD", "\uFFFD");
    }

    @Test
    void gzipFileIsReadWhole() throws IOException {
        Random random = new Random(3);
        String text = randomText(random, 500);
        Path file = dir.resolve("data.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(UTF_8));
        }
        Path plain = write("data.txt", text);

        List<FileSplit> splits = TextInputPlanner.plan(file.toString(), 8, 10);
        assertThat(splits)
                .containsExactly(new FileSplit(file.toAbsolutePath(), 0, Files.size(file)));
        assertThat(readAll(splits, 16)).isEqualTo(Files.readAllLines(plain, UTF_8));
        assertThat(readAll(splits, 256 * 1024)).isEqualTo(Files.readAllLines(plain, UTF_8));
    }

    @Test
    void gzipSplitMustStartAtZero() throws IOException {
        Path file = dir.resolve("x.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("a\n".getBytes(UTF_8));
        }
        assertThatThrownBy(() -> LineReader.lines(new FileSplit(file, 1, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gzip");
    }

    @Test
    void iteratorClosesWhenExhaustedAndCanBeClosedEarly() throws IOException {
        Path file = write("three.txt", "1\n2\n3\n");
        CloseableIterator<String> all = LineReader.lines(whole(file));
        assertThat(all).toIterable().containsExactly("1", "2", "3");
        assertThat(all.hasNext()).isFalse();
        assertThatThrownBy(all::next).isInstanceOf(NoSuchElementException.class);
        all.close();

        CloseableIterator<String> early = LineReader.lines(whole(file));
        assertThat(early.next()).isEqualTo("1");
        early.close();
        early.close();
        assertThat(early.hasNext()).isFalse();
    }

    @Test
    void missingFileFailsOnOpen() {
        Path missing = dir.resolve("missing.txt");
        assertThatThrownBy(() -> LineReader.lines(new FileSplit(missing, 0, 10)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(missing.toString());
    }

    private static String randomText(Random random, int lineCount) {
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < lineCount; line++) {
            int length =
                    random.nextInt(4) == 0 ? 0 : random.nextInt(random.nextInt(10) == 0 ? 200 : 12);
            for (int i = 0; i < length; i++) {
                text.append(CHARACTERS[random.nextInt(CHARACTERS.length)]);
            }
            boolean last = line == lineCount - 1;
            if (!last || random.nextBoolean()) {
                text.append(random.nextInt(3) == 0 ? "\r\n" : "\n");
            }
        }
        return text.toString();
    }

    private List<String> readAll(List<FileSplit> splits, int bufferSize) throws IOException {
        List<String> lines = new ArrayList<>();
        for (FileSplit split : splits) {
            try (CloseableIterator<String> it = new SplitLineIterator(split, bufferSize)) {
                it.forEachRemaining(lines::add);
            }
        }
        return lines;
    }

    private static List<String> linesOf(FileSplit split) {
        List<String> lines = new ArrayList<>();
        try (CloseableIterator<String> it = LineReader.lines(split)) {
            it.forEachRemaining(lines::add);
        }
        return lines;
    }

    private static FileSplit whole(Path file) throws IOException {
        return new FileSplit(file, 0, Files.size(file));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, UTF_8);
    }
}
