package dev.sluice.bench.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the fetch benchmark at a tiny size with a real server JVM: every written byte must come back, and the
 * server process and the temporary files must be gone afterwards. Timings are never asserted.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FetchThroughputTest {

    private static final List<String> SMALL_SERVER_JVM = List.of("-Xmx128m", "-XX:+UseSerialGC");

    @TempDir
    Path work;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void fetchesEveryWrittenByteOverPlaintextAndTlsThenStopsTheServers() throws Exception {
        FetchSettings settings = new FetchSettings(2, 2, 64 << 10, 0, 1, List.of(Encryption.PLAIN, Encryption.TLS),
                false, SMALL_SERVER_JVM, work);

        FetchResult result = run(settings);

        assertThat(result.modes()).extracting(ModeResult::mode).containsExactly(Encryption.PLAIN, Encryption.TLS);
        for (ModeResult mode : result.modes()) {
            assertThat(mode.bytesWritten()).isEqualTo(2L * 2 * (64 << 10));
            assertThat(mode.blocksWritten()).isEqualTo(4);
            assertThat(mode.measured()).singleElement().satisfies(round -> {
                assertThat(round.bytes()).isEqualTo(mode.bytesWritten());
                assertThat(round.blocks()).isEqualTo(4);
            });
            assertThat(isAlive(mode.serverPid())).as("server process %d is alive", mode.serverPid()).isFalse();
        }
        assertThat(work).isEmptyDirectory();
        assertThat(printed.toString(UTF_8)).contains("plain round  1", "plain median", "tls   round  1", "tls   median");
    }

    @Test
    void fetchesOneReducePartitionAtATimeWithWarmUpRoundsAndOddSizes() throws Exception {
        FetchSettings settings = new FetchSettings(3, 2, 1_000, 1, 2, List.of(Encryption.PLAIN), true,
                SMALL_SERVER_JVM, work);

        ModeResult plain = run(settings).mode(Encryption.PLAIN);

        assertThat(plain.rounds()).extracting(RoundResult::warmup).containsExactly(true, false, false);
        assertThat(plain.rounds()).allSatisfy(round -> {
            assertThat(round.bytes()).isEqualTo(6_000);
            assertThat(round.blocks()).isEqualTo(6);
        });
        assertThat(plain.measured()).hasSize(2);
        assertThat(isAlive(plain.serverPid())).isFalse();
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void aServerJvmThatCannotStartFailsTheRunAndLeavesNoFiles() {
        FetchSettings settings = new FetchSettings(1, 1, 1_000, 0, 1, List.of(Encryption.PLAIN), false,
                List.of("-XX:+NoSuchOptionForTheBench"), work);

        assertThatThrownBy(() -> run(settings))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ended before listening");
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void parsesTheCommandLineOverTheDefaults() {
        FetchSettings settings = FetchSettings.parse("--maps", "2", "--reduces", "3", "--block-size", "64k",
                "--warmup", "0", "--rounds", "4", "--modes", "tls", "--per-reduce", "--server-jvm-opts",
                "-Xmx1g -XX:+UseParallelGC", "--dir", "/tmp/x");

        assertThat(settings).isEqualTo(new FetchSettings(2, 3, 65_536, 0, 4, List.of(Encryption.TLS), true,
                List.of("-Xmx1g", "-XX:+UseParallelGC"), Path.of("/tmp/x")));
        assertThat(FetchSettings.parse()).isEqualTo(FetchSettings.defaults());
        assertThat(FetchSettings.defaults().totalBytes()).isEqualTo(512L << 20);
        assertThat(FetchSettings.parse("--block-size", "1m").blockBytes()).isEqualTo(1 << 20);
        assertThatThrownBy(() -> FetchSettings.parse("--rounds")).hasMessageContaining("--rounds needs a value");
        assertThatThrownBy(() -> FetchSettings.parse("--modes", "ssl")).hasMessageContaining("unknown mode 'ssl'");
        assertThatThrownBy(() -> FetchSettings.parse("--block-size", "4096m")).hasMessageContaining("--block-size");
        assertThatThrownBy(() -> FetchSettings.parse("--rounds", "0")).hasMessageContaining("rounds must be at least 1");
        assertThatThrownBy(() -> FetchSettings.parse("--fast", "yes")).hasMessageContaining("unknown option '--fast'");
    }

    private FetchResult run(FetchSettings settings) throws IOException, InterruptedException {
        return FetchThroughput.run(settings, new PrintStream(printed, true, UTF_8));
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
