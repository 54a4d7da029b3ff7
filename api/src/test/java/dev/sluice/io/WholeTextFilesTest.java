package dev.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

class WholeTextFilesTest {

    @TempDir Path dir;

    @Test
    void equalFilesAreSpreadEvenlyInOrder() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            files.add(file("f" + i, 100));
        }
        List<List<Path>> partitions = WholeTextFiles.plan(dir.toString(), 3);
        assertThat(partitions).hasSize(3);
        assertThat(partitions).allSatisfy(p -> assertThat(p.size()).isBetween(3, 4));
        assertThat(partitions.stream().flatMap(List::stream).toList()).isEqualTo(files);
    }

    @Test
    void largeFileGetsAPartitionOfItsOwn() throws IOException {
        Path small1 = file("a", 10);
        Path small2 = file("b", 10);
        Path large = file("c", 10_000);
        Path small3 = file("d", 10);
        assertThat(WholeTextFiles.plan(dir.toString(), 3))
                .containsExactly(List.of(small1, small2), List.of(large), List.of(small3));
    }

    @Test
    void neverMorePartitionsThanFilesNorEmptyOnes() throws IOException {
        Path a = file("a", 5);
        Path b = file("b", 0);
        assertThat(WholeTextFiles.plan(dir.toString(), 8)).containsExactly(List.of(a), List.of(b));
        assertThat(WholeTextFiles.plan(dir.toString(), 0)).containsExactly(List.of(a, b));
    }

    @Test
    void emptyInputYieldsNoPartitions() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThat(WholeTextFiles.plan(empty.toString(), 4)).isEmpty();
    }

    @Test
    void missingPathIsAnError() {
        String missing = dir + "/nope";
        assertThatThrownBy(() -> WholeTextFiles.plan(missing, 2))
                .hasMessage("Input path does not exist: " + missing);
    }

    @Test
    void readsPlainAndGzipFilesAsUtf8() throws IOException {
        String text = "héllo\r\nwörld 😀\n";
        Path plain = Files.writeString(dir.resolve("a.txt"), text, UTF_8);
        Path gzip = dir.resolve("a.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(text.getBytes(UTF_8));
        }
        assertThat(WholeTextFiles.read(plain)).isEqualTo(text);
        assertThat(WholeTextFiles.read(gzip)).isEqualTo(text);
    }

    private Path file(String name, int size) throws IOException {
        return Files.write(dir.resolve(name), new byte[size]).toAbsolutePath();
    }
}
