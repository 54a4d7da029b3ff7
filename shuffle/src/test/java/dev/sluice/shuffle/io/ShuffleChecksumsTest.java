package dev.sluice.shuffle.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32C;

class ShuffleChecksumsTest {
    @TempDir
    Path dir;

    private static int crc(byte[] bytes, int from, int to) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, to - from);
        return (int) crc.getValue();
    }

    @Test
    void eachPartitionGetsTheCrc32cOfItsSegmentIncludingEmptyAndLargeOnes() throws IOException {
        byte[] bytes = new byte[200_000];
        new Random(1).nextBytes(bytes);
        Path data = Files.write(dir.resolve("map.data"), bytes);
        long[] lengths = {0, 150_000, 0, 50_000};

        int[] checksums = ShuffleChecksums.compute(data, lengths);

        assertThat(checksums).containsExactly(crc(bytes, 0, 0), crc(bytes, 0, 150_000), crc(bytes, 150_000, 150_000),
                crc(bytes, 150_000, 200_000));
    }

    @Test
    void writtenChecksumsReadBackAndMissingOnesAreEmpty() throws IOException {
        Path file = dir.resolve("map.checksum");
        assertThat(ShuffleChecksums.read(file, 3)).isEmpty();
        ShuffleChecksums.write(file, new int[] {1, -2, 0x7fffffff});
        assertThat(ShuffleChecksums.read(file, 3)).hasValueSatisfying(c -> assertThat(c).containsExactly(1, -2, 0x7fffffff));
        assertThatThrownBy(() -> ShuffleChecksums.read(file, 4)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not 4 checksums");
    }

    @Test
    void aDataFileShorterThanItsPartitionsIsNamed() throws IOException {
        Path data = Files.write(dir.resolve("short.data"), new byte[10]);
        assertThatThrownBy(() -> ShuffleChecksums.compute(data, new long[] {5, 10})).isInstanceOf(IOException.class)
                .hasMessageContaining("short.data").hasMessageContaining("partition 1");
    }

    @Test
    void committingAMapOutputRecordsItsChecksumsBesideTheIndex() throws IOException {
        try (LocalDirectory dirs = LocalDirectory.create(dir, "app")) {
            byte[] bytes = new byte[3_000];
            new Random(2).nextBytes(bytes);
            Path temp = MapOutputCommitter.newTempDataFile(dirs, 1, 0);
            Files.write(temp, bytes);
            MapOutputCommitter.commit(dirs, 1, 0, temp, new long[] {1_000, 2_000});

            assertThat(ShuffleChecksums.read(dirs.shuffleChecksumFile(1, 0), 2))
                    .hasValueSatisfying(c -> assertThat(c).containsExactly(crc(bytes, 0, 1_000), crc(bytes, 1_000, 3_000)));
            try (var files = Files.list(dirs.shuffleDataFile(1, 0).getParent())) {
                assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).as("no temporary files left")
                        .containsExactly("shuffle_1_0.checksum", "shuffle_1_0.data", "shuffle_1_0.index");
            }
        }
    }
}
