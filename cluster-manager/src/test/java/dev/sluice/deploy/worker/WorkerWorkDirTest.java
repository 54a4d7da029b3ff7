package dev.sluice.deploy.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.config.SluiceConfig;
import dev.sluice.deploy.DeployMessages.ApplicationEnded;
import dev.sluice.deploy.DeployMessages.LaunchExecutor;
import dev.sluice.deploy.DeployMessages;
import dev.sluice.deploy.master.Master;
import dev.sluice.deploy.master.RecoveryStore;
import dev.sluice.executor.protocol.TransportSettings;
import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.message.MessageClient;
import dev.sluice.network.testing.LogCapture;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker takes application, executor and driver ids from messages and makes directories of them; ids that are
 * not one plain directory name ({@code ..}, {@code /}) are refused, so no message makes it delete files outside
 * its work directory, while a real application's end still deletes that application's data.
 */
@Timeout(60)
class WorkerWorkDirTest {
    private static final String SECRET = "the cluster's secret for this test, 32+ bytes";

    @TempDir
    Path dir;

    @Test
    void idsThatAreNoPlainDirectoryNameAreRefused() {
        for (String bad : new String[] {"..", ".", "/", "", "a/../..", "a\\b"}) {
            assertThatThrownBy(() -> WorkDirNames.check("application id", bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("A worker refuses the application id '" + bad + "': an id must be a plain directory "
                            + "name inside the work directory");
        }
        assertThat(WorkDirNames.check("application id", "WordCount-5e8b9181")).isEqualTo("WordCount-5e8b9181");
        assertThat(WorkDirNames.check("driver id", "driver-20261207-0001")).isEqualTo("driver-20261207-0001");
    }

    @Test
    void anApplicationEndNamingAPathOutsideTheWorkDirectoryDeletesNothing() throws Exception {
        Path workDir = dir.resolve("work");
        Path victim = Files.createDirectories(dir.resolve("precious/files")).resolve("victim.txt");
        Files.writeString(victim, "keep me");
        Path appData = Files.createDirectories(workDir.resolve("app-real/0/blockmgr")).resolve("shuffle_0_0.data");
        Files.writeString(appData, "delete me");
        SluiceConfig config = SluiceConfig.of(Map.of("sluice.master.webui.port", "0", "sluice.worker.webui.port", "0",
                "sluice.worker.cores", "1", "sluice.worker.memory", "1g", "sluice.worker.workDir", workDir.toString()));
        TransportConfig transport = TransportSettings.transportConfig(config, SECRET);
        try (Master master = Master.start(config, transport, RecoveryStore.none());
             Worker worker = Worker.start(master.url(), config, transport, SECRET);
             TransportClientFactory clients = new TransportClientFactory(transport)) {
            InetSocketAddress address = new InetSocketAddress(worker.address().getHostString(),
                    worker.address().getPort());
            for (Object message : new Object[] {new ApplicationEnded(".."), new ApplicationEnded("/"),
                new LaunchExecutor("..", "precious", 1, 256, "127.0.0.1", 1, "")}) {
                try (LogCapture log = LogCapture.start()) {
                    MessageClient client = new MessageClient(clients.connect(address).get(30, TimeUnit.SECONDS),
                            DeployMessages.newSerializer());
                    client.tell(message);
                    log.awaitLine(Duration.ofSeconds(30), "WARN", "Refused a one-way message", "A worker refuses the");
                    client.transport().close();
                }
            }
            MessageClient client = new MessageClient(clients.client(address), DeployMessages.newSerializer());
            client.tell(new ApplicationEnded("app-real"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Files.exists(appData) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(10_000_000); // polls another thread's file deletion: nothing signals it
            }
            assertThat(appData).doesNotExist();
        }
        assertThat(victim).hasContent("keep me");
    }
}
