package dev.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

class TextOutputCommitterTest {

    @TempDir Path dir;

    @Test
    void committedJobHasOnePartFilePerPartitionAndSuccessMarker() throws IOException {
        Path output = dir.resolve("out/words");
        TextOutputCommitter committer = TextOutputCommitter.setUp(output, false, "job1");
        assertThat(committer.stagingDir()).isEqualTo(dir.resolve("out/.words-staging-job1"));

        committer.writePartition(0, 0, List.of("a", "β").iterator());
        committer.writePartition(1, 0, List.of(1, 2, 3).iterator());
        committer.writePartition(2, 0, List.of().iterator());
        assertThat(output).doesNotExist();
        committer.commitJob();

        assertThat(names(output))
                .containsExactly("_SUCCESS", "part-00000", "part-00001", "part-00002");
        assertThat(Files.readString(output.resolve("part-00000"), UTF_8)).isEqualTo("a\nβ\n");
        assertThat(Files.readString(output.resolve("part-00001"))).isEqualTo("1\n2\n3\n");
        assertThat(output.resolve("part-00002")).isEmptyFile();
        assertThat(output.resolve("_SUCCESS")).isEmptyFile();
        assertThat(names(dir.resolve("out"))).containsExactly("words");
    }

    @Test
    void firstAttemptToFinishWinsAndTheOtherLeavesNothing() throws IOException {
        Path output = dir.resolve("out");
        TextOutputCommitter committer = TextOutputCommitter.setUp(output, false, "job");
        // Attempt 0 starts first, but attempt 1 runs to completion while attempt 0 is still
        // writing.
        Iterator<String> slowRecords =
                new Iterator<>() {
                    private int next = 0;

                    @Override
                    public boolean hasNext() {
                        return next < 2;
                    }

                    @Override
                    public String next() {
                        if (next == 1) {
                            committer.writePartition(0, 1, List.of("fast").iterator());
                        }
                        return "slow" + next++;
                    }
                };
        committer.writePartition(0, 0, slowRecords);
        assertThat(names(committer.stagingDir().resolve("_attempts"))).isEmpty();
        committer.commitJob();

        assertThat(names(output)).containsExactly("_SUCCESS", "part-00000");
        assertThat(Files.readString(output.resolve("part-00000"))).isEqualTo("fast\n");
    }

    @Test
    void failedAttemptLeavesNoFileAndRethrows() throws IOException {
        TextOutputCommitter committer = TextOutputCommitter.setUp(dir.resolve("out"), false, "job");
        Iterator<String> failing = Stream.of("ok", "boom").map(this::failOnBoom).iterator();

        assertThatThrownBy(() -> committer.writePartition(3, 0, failing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("boom");
        assertThat(names(committer.stagingDir())).containsExactly("_attempts");
        assertThat(names(committer.stagingDir().resolve("_attempts"))).isEmpty();

        committer.writePartition(3, 1, List.of("retry").iterator());
        committer.commitJob();
        assertThat(Files.readString(dir.resolve("out/part-00003"))).isEqualTo("retry\n");
    }

    @Test
    void abortLeavesNoTraceAndKeepsExistingOutput() throws IOException {
        Path output = Files.createDirectories(dir.resolve("out"));
        Files.writeString(output.resolve("part-00000"), "old\n");
        TextOutputCommitter committer = TextOutputCommitter.setUp(output, true, "job");
        committer.writePartition(0, 0, List.of("new").iterator());

        committer.abortJob();
        committer.abortJob();

        assertThat(names(dir)).containsExactly("out");
        assertThat(names(output)).containsExactly("part-00000");
        assertThat(Files.readString(output.resolve("part-00000"))).isEqualTo("old\n");
        assertThatThrownBy(committer::commitJob).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void overwriteReplacesTheOldContents() throws IOException {
        Path output = Files.createDirectories(dir.resolve("out/sub"));
        Files.writeString(output.resolve("part-00007"), "old\n");
        TextOutputCommitter committer = TextOutputCommitter.setUp(output, true, "job");
        committer.writePartition(0, 0, List.of("new").iterator());
        committer.commitJob();

        assertThat(names(output)).containsExactly("_SUCCESS", "part-00000");
        assertThat(Files.readString(output.resolve("part-00000"))).isEqualTo("new\n");
        assertThat(names(dir.resolve("out"))).containsExactly("sub");
    }

    @Test
    void existingOutputWithoutOverwriteIsRejected() throws IOException {
        Path output = Files.createDirectories(dir.resolve("out"));
        assertThatThrownBy(() -> TextOutputCommitter.setUp(output, false, "job"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Output directory already exists: %s (pass overwrite to replace it)",
                        output);
        assertThat(names(dir)).containsExactly("out");
    }

    @Test
    void outputAppearingDuringTheJobFailsTheCommitAndAbortStillCleansUp() throws IOException {
        Path output = dir.resolve("out");
        TextOutputCommitter committer = TextOutputCommitter.setUp(output, false, "job");
        committer.writePartition(0, 0, List.of("x").iterator());
        Files.createDirectory(output);

        assertThatThrownBy(committer::commitJob)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(output.toString());
        committer.abortJob();
        assertThat(names(dir)).containsExactly("out");
        assertThat(names(output)).isEmpty();
    }

    @Test
    void commitIsIdempotentAndAbortAfterCommitKeepsTheOutput() throws IOException {
        Path output = dir.resolve("out");
        TextOutputCommitter committer = TextOutputCommitter.setUp(output, false, "job");
        committer.writePartition(0, 0, List.of("x").iterator());
        committer.commitJob();
        committer.commitJob();
        committer.abortJob();
        assertThat(names(output)).containsExactly("_SUCCESS", "part-00000");
    }

    @Test
    void concurrentJobWithTheSameIdIsRejected() {
        Path output = dir.resolve("out");
        TextOutputCommitter.setUp(output, false, "job");
        assertThatThrownBy(() -> TextOutputCommitter.setUp(output, false, "job"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(".out-staging-job");
    }

    @Test
    void jobIdMustBeUsableInAFileName() {
        assertThatThrownBy(() -> TextOutputCommitter.setUp(dir.resolve("out"), false, "a/b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shippedCopyWritesIntoTheSameJob() throws Exception {
        Path output = dir.resolve("out");
        TextOutputCommitter committer = TextOutputCommitter.setUp(output, false, "job");
        TextOutputCommitter shipped = roundTrip(committer);
        shipped.writePartition(0, 0, List.of("from a task").iterator());
        committer.commitJob();
        assertThat(Files.readString(output.resolve("part-00000"))).isEqualTo("from a task\n");
    }

    @Test
    void largePartitionIsWrittenCompletely() throws IOException {
        Path output = dir.resolve("out");
        TextOutputCommitter committer = TextOutputCommitter.setUp(output, false, "job");
        String longLine = "x".repeat(300_000);
        List<String> records = List.of("a", longLine, "b".repeat(100_000), "c");
        committer.writePartition(0, 0, records.iterator());
        committer.commitJob();
        assertThat(Files.readAllLines(output.resolve("part-00000"))).isEqualTo(records);
    }

    private String failOnBoom(String record) {
        if (record.equals("boom")) {
            throw new IllegalStateException("boom");
        }
        return record;
    }

    private static TextOutputCommitter roundTrip(TextOutputCommitter committer) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(committer);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (TextOutputCommitter) in.readObject();
        }
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
