package dev.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Sluice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Runs every data workload on small generated data ({@link TinyData}) and checks its digest
 * against the answer computed with plain JDK collections ({@link ExpectedDigests}).
 */
class WorkloadDigestsTest {
    @TempDir
    static Path data;

    private static Sluice sluice;

    @BeforeAll
    static void generateDataAndStart() throws Exception {
        TinyData.write(data);
        sluice = Sluice.builder().master("local[2]").appName("bench-test").create();
    }

    @AfterAll
    static void stop() {
        if (sluice != null) {
            sluice.close();
        }
    }

    @Test
    void everyWorkloadIsCoveredHereOrIsLatency() {
        assertThat(Workloads.names())
                .containsExactly("wordcount", "aggregate", "groupby", "join", "sort", "pagerank", "latency");
    }

    @ParameterizedTest
    @ValueSource(strings = {"wordcount", "aggregate", "groupby", "join", "sort", "pagerank"})
    void digestEqualsThePlainJavaAnswer(String name) throws Exception {
        DatasetWorkload workload = (DatasetWorkload) Workloads.named(name);

        String digest = workload.digest(sluice, data);

        assertThat(digest).isEqualTo(ExpectedDigests.of(name, data));
    }

    @Test
    void runPrintsTheTimeThenTheDigest() throws Exception {
        assertThat(Workloads.named("aggregate").run(data)).matches(" *\\d+\\.\\d\\d s  distinct=\\d+ total=\\d+ k0=.*");
    }

    @Test
    void sortLeavesNoTemporaryOutputBehind() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = sortScratchDirs(tmp);
        Workloads.named("sort").run(data);
        assertThat(sortScratchDirs(tmp)).isEqualTo(before);
    }

    private static long sortScratchDirs(Path tmp) throws Exception {
        try (Stream<Path> list = Files.list(tmp)) {
            return list.filter(p -> p.getFileName().toString().startsWith("sluice-bench-sort-")).count();
        }
    }
}
