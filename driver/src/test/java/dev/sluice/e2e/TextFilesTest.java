package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Dataset;
import dev.sluice.Pair;
import dev.sluice.PairDataset;
import dev.sluice.Sluice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/** Text input end to end: word counts over files, directories and globs, split files, whole files. */
class TextFilesTest {
    private static final String[] VOCABULARY = {"the", "river", "sluice", "gate", "water", "flows", "über", "日本",
            "naïve", "a", "of", "and", "stone", "mill", "wheel", "😀", "x", "long-word-with-dashes"};

    @TempDir
    Path dir;

    /** Lines of random words (some empty), reproducible from the seed. */
    private static List<String> randomLines(long seed, int count, int maxWords) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int words = random.nextInt(maxWords + 1);
            StringBuilder line = new StringBuilder();
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    line.append(random.nextInt(5) == 0 ? "  " : " ");
                }
                line.append(VOCABULARY[random.nextInt(VOCABULARY.length)]);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Joined with '\n'; the last line gets no terminator when {@code trailingNewline} is false. */
    private static String text(List<String> lines, boolean trailingNewline) {
        return String.join("\n", lines) + (trailingNewline ? "\n" : "");
    }

    private static Map<String, Long> expectedCounts(List<String> lines) {
        Map<String, Long> counts = new HashMap<>();
        for (String line : lines) {
            for (String word : line.split(" +")) {
                if (!word.isEmpty()) {
                    counts.merge(word, 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    private static Map<String, Long> wordCount(Dataset<String> lines) {
        return lines.flatMap(line -> Arrays.asList(line.split(" +")))
                .filter(word -> !word.isEmpty())
                .mapToPair(word -> Pair.of(word, 1L))
                .reduceByKey(Long::sum)
                .collectAsMap();
    }

    @Test
    void wordCountOverFilesDirectoryGlobAndList() {
        Path in = dir.resolve("in");
        List<String> a = randomLines(1, 300, 10);
        List<String> b = randomLines(2, 200, 15);
        List<String> c = randomLines(3, 50, 4);
        List<String> log = randomLines(4, 40, 6);
        E2e.write(in.resolve("a.txt"), text(a, true));
        E2e.write(in.resolve("b.txt"), text(b, false));
        E2e.write(in.resolve("c.txt"), text(c, true));
        E2e.write(in.resolve("notes.log"), text(log, true));
        E2e.write(in.resolve("_SUCCESS"), "not input\n");
        E2e.write(in.resolve(".hidden.txt"), "not input either\n");

        List<String> allVisible = new ArrayList<>();
        allVisible.addAll(a);
        allVisible.addAll(b);
        allVisible.addAll(c);
        List<String> txt = new ArrayList<>(allVisible);
        allVisible.addAll(log);

        try (Sluice sluice = E2e.local2()) {
            assertThat(wordCount(sluice.textFile(in.resolve("a.txt").toString()))).isEqualTo(expectedCounts(a));
            // a directory: its visible files in name order
            Dataset<String> directory = sluice.textFile(in.toString());
            assertThat(directory.collect()).isEqualTo(allVisible);
            assertThat(wordCount(directory)).isEqualTo(expectedCounts(allVisible));
            // a glob
            Dataset<String> glob = sluice.textFile(in + "/*.txt");
            assertThat(glob.count()).isEqualTo(txt.size());
            assertThat(wordCount(glob)).isEqualTo(expectedCounts(txt));
            // a comma-separated list
            Dataset<String> list = sluice.textFile(in.resolve("c.txt") + "," + in.resolve("notes.log"));
            List<String> cAndLog = new ArrayList<>(c);
            cAndLog.addAll(log);
            assertThat(list.collect()).isEqualTo(cAndLog);
            assertThat(wordCount(list)).isEqualTo(expectedCounts(cAndLog));
        }
    }

    @Test
    void largeFileIsSplitByMaxPartitionBytesAndReadExactly() throws IOException {
        List<String> lines = randomLines(11, 6_000, 12);
        Path file = dir.resolve("big.txt");
        E2e.write(file, text(lines, false));
        long size = Files.size(file);
        assertThat(size).isGreaterThan(100_000);

        try (Sluice sluice = E2e.local2("sluice.files.maxPartitionBytes", "4k")) {
            Dataset<String> text = sluice.textFile(file.toString());
            assertThat(text.numPartitions()).isBetween((int) (size / 4096), (int) (size / 4096) + 1);
            assertThat(text.count()).isEqualTo(lines.size());
            assertThat(text.collect()).isEqualTo(lines);
            assertThat(wordCount(text)).isEqualTo(expectedCounts(lines));
            // every partition holds whole lines only: per-partition line counts add up and nothing is split
            List<Integer> perPartition = text.mapPartitions(it -> {
                int n = 0;
                for (; it.hasNext(); it.next()) {
                    n++;
                }
                return List.of(n).iterator();
            }).collect();
            assertThat(perPartition).hasSize(text.numPartitions());
            assertThat(perPartition.stream().mapToInt(Integer::intValue).sum()).isEqualTo(lines.size());
        }
    }

    @Test
    void crlfLinesSplitAcrossSmallPartitionsKeepNoCarriageReturns() throws IOException {
        List<String> lines = randomLines(12, 3_000, 9);
        Path file = dir.resolve("crlf.txt");
        E2e.write(file, String.join("\r\n", lines) + "\r\n");
        long size = Files.size(file);

        try (Sluice sluice = E2e.local2("sluice.files.maxPartitionBytes", "1k")) {
            Dataset<String> text = sluice.textFile(file.toString());
            assertThat(text.numPartitions()).isGreaterThanOrEqualTo((int) (size / 1024));
            assertThat(text.collect()).isEqualTo(lines);
        }
    }

    @Test
    void splitBoundariesOnTerminatorsAndInsideLongLines() throws IOException {
        // With 1 KiB splits the boundaries are at 1024, 2048, 3072, ...: put them between '\r' and '\n',
        // exactly at a line start, just after a terminator, and inside lines longer than a split.
        List<String> lines = new ArrayList<>();
        lines.add("a".repeat(1023));             // bytes 0..1022, '\r' at 1023, '\n' at 1024
        lines.add("b".repeat(1021));             // 1025..2045, "\r\n" at 2046..2047: next line starts at 2048
        lines.add("c".repeat(1021));             // 2048..3068, "\r\n" at 3069..3070
        lines.add("d");                          // 3071, "\r\n" at 3072..3073: a boundary on the '\r'
        lines.add("é".repeat(2_000));            // 4,000 bytes of two-byte characters across several splits
        lines.add("");
        lines.add("f".repeat(5_000));
        lines.add("日本語".repeat(400));          // three-byte characters
        lines.add("g");
        Path file = dir.resolve("boundaries.txt");
        E2e.write(file, String.join("\r\n", lines)); // no terminator after the last line

        try (Sluice sluice = E2e.local2("sluice.files.maxPartitionBytes", "1k")) {
            Dataset<String> text = sluice.textFile(file.toString());
            assertThat(text.numPartitions()).isGreaterThan(10);
            assertThat(text.collect()).isEqualTo(lines);
            assertThat(text.map(String::length).collect()).isEqualTo(lines.stream().map(String::length).toList());
        }
        // and the same with '\n' only, and one huge line with no terminator at all
        Path lf = dir.resolve("lf.txt");
        E2e.write(lf, String.join("\n", lines) + "\n");
        Path oneLine = dir.resolve("one-line.txt");
        E2e.write(oneLine, "z".repeat(10_000));
        try (Sluice sluice = E2e.local2("sluice.files.maxPartitionBytes", "1k")) {
            assertThat(sluice.textFile(lf.toString()).collect()).isEqualTo(lines);
            assertThat(sluice.textFile(oneLine.toString()).collect()).containsExactly("z".repeat(10_000));
        }
    }

    @Test
    void minPartitionsSplitsAFileIntoAtLeastThatMany() {
        List<String> lines = randomLines(21, 2_000, 10);
        Path file = dir.resolve("medium.txt");
        E2e.write(file, text(lines, true));

        try (Sluice sluice = E2e.local2()) {
            for (int min : new int[] {1, 3, 7, 16}) {
                Dataset<String> text = sluice.textFile(file.toString(), min);
                assertThat(text.numPartitions()).as("partitions for minPartitions=%d", min).isGreaterThanOrEqualTo(min);
                assertThat(text.collect()).as("lines for minPartitions=%d", min).isEqualTo(lines);
                assertThat(text.count()).isEqualTo(lines.size());
            }
        }
    }

    @Test
    void emptyFilesAndEmptyLines() {
        Path in = dir.resolve("in");
        E2e.write(in.resolve("a-empty.txt"), "");
        E2e.write(in.resolve("b-blank-lines.txt"), "\n\n");
        E2e.write(in.resolve("c-one.txt"), "only line");

        try (Sluice sluice = E2e.local2()) {
            assertThat(sluice.textFile(in.resolve("a-empty.txt").toString()).collect()).isEmpty();
            assertThat(sluice.textFile(in.toString()).collect()).containsExactly("", "", "only line");
        }
    }

    @Test
    void gzipFilesAreReadWhole() throws IOException {
        List<String> lines = randomLines(31, 4_000, 8);
        Path file = dir.resolve("data.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text(lines, true).getBytes(StandardCharsets.UTF_8));
        }
        try (Sluice sluice = E2e.local2("sluice.files.maxPartitionBytes", "1k")) {
            Dataset<String> text = sluice.textFile(file.toString(), 4);
            assertThat(text.collect()).isEqualTo(lines);
            assertThat(wordCount(text)).isEqualTo(expectedCounts(lines));
        }
    }

    @Test
    void wholeTextFilesGivesOnePairPerFile() throws IOException {
        Path in = dir.resolve("docs");
        Map<String, String> expected = new TreeMap<>();
        for (int i = 0; i < 7; i++) {
            String content = text(randomLines(40 + i, 20 * i, 6), i % 2 == 0);
            Path file = in.resolve("doc-" + i + ".txt");
            E2e.write(file, content);
            expected.put(file.toUri().toString(), content);
        }
        E2e.write(in.resolve("_SUCCESS"), "");

        try (Sluice sluice = E2e.local2()) {
            List<Pair<String, String>> files = sluice.wholeTextFiles(in.toString()).collect();
            Map<String, String> actual = new TreeMap<>();
            for (Pair<String, String> p : files) {
                actual.put(p.key(), p.value());
            }
            assertThat(files).hasSize(7);
            assertThat(actual).isEqualTo(expected);
            // and the same through a glob, with at most the requested partitions
            PairDataset<String, String> globbed = sluice.wholeTextFiles(in + "/doc-[0-2].txt", 2);
            assertThat(globbed.numPartitions()).isBetween(1, 2);
            assertThat(E2e.sortedStrings(globbed.keys().collect()))
                    .isEqualTo(E2e.sortedStrings(expected.keySet().stream().filter(k -> k.matches(".*doc-[0-2]\\.txt")).toList()));
        }
        assertThat(Files.exists(in)).isTrue();
    }
}
