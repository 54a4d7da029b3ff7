package dev.sluice.deploy.master;

import dev.sluice.deploy.DeployMessages.DriverDescription;
import dev.sluice.deploy.DeployMessages.RegisterApplication;
import dev.sluice.deploy.master.RecoveryStore.ApplicationRecord;
import dev.sluice.deploy.master.RecoveryStore.DriverRecord;
import dev.sluice.deploy.master.RecoveryStore.WorkerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSystemRecoveryStoreTest {
    @TempDir
    Path dir;

    @Test
    void whatIsStoredIsReadBackByANewStoreUntilRemoved() throws Exception {
        FileSystemRecoveryStore store = new FileSystemRecoveryStore(dir.resolve("recovery"));
        WorkerRecord worker = new WorkerRecord("worker-1", "10.0.0.2", 4000, 8081, 4, 8192);
        RegisterApplication registration = new RegisterApplication("app-1", "WordCount", 1, 1024, 4, "10.0.0.1", 5000,
                "sluice.app.name=WordCount\n", false, new String[0]);
        byte[] jar = {1, 2, 3, (byte) 0xff};
        DriverDescription description = new DriverDescription("a.Main", "app.jar", jar, new String[] {"x", "y"}, "",
                1, 1024, true);
        store.putWorker(worker);
        store.putApplication(new ApplicationRecord("app-1", registration, 42));
        store.putDriver(new DriverRecord("driver-1", description, 43));
        store.putWorker(new WorkerRecord("worker-2", "10.0.0.3", 4000, 8081, 2, 4096));
        store.removeWorker("worker-2");

        RecoveryStore.Recovered recovered = new FileSystemRecoveryStore(dir.resolve("recovery")).read();

        assertThat(recovered.workers()).containsExactly(worker);
        assertThat(recovered.applications()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("app-1");
            assertThat(a.startTime()).isEqualTo(42);
            assertThat(a.registration().driverPort()).isEqualTo(5000);
            assertThat(a.registration().configText()).isEqualTo("sluice.app.name=WordCount\n");
        });
        assertThat(recovered.drivers()).singleElement().satisfies(d -> {
            assertThat(d.description().jar()).containsExactly(jar);
            assertThat(d.description().args()).containsExactly("x", "y");
            assertThat(d.description().supervise()).isTrue();
        });
    }

    @Test
    void anUnfinishedWriteOfADeadMasterIsIgnoredAndCleanedUp() throws Exception {
        FileSystemRecoveryStore store = new FileSystemRecoveryStore(dir);
        store.putWorker(new WorkerRecord("worker-1", "h", 1, 2, 3, 4));
        Files.writeString(dir.resolve(".worker_worker-2.tmp"), "{\"id\":\"worker-2\",\"ho");

        assertThat(store.read().workers()).extracting(WorkerRecord::id).containsExactly("worker-1");
        assertThat(dir.resolve(".worker_worker-2.tmp")).doesNotExist();
    }

    @Test
    void refusesIdsThatAreNotFileNames() throws Exception {
        FileSystemRecoveryStore store = new FileSystemRecoveryStore(dir);
        assertThatThrownBy(() -> store.removeWorker("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
