package dev.sluice.deploy.master;

import dev.sluice.deploy.ClusterState.DriverView;
import dev.sluice.deploy.ClusterState.ExecutorView;
import dev.sluice.deploy.ClusterState.WorkerView;
import dev.sluice.deploy.DeployMessages.ApplicationRegistered;
import dev.sluice.deploy.DeployMessages.DriverExited;
import dev.sluice.deploy.DeployMessages.ExecutorAdded;
import dev.sluice.deploy.DeployMessages.ExecutorExited;
import dev.sluice.deploy.DeployMessages.ExecutorRef;
import dev.sluice.deploy.DeployMessages.ExecutorRemoved;
import dev.sluice.deploy.DeployMessages.LaunchDriver;
import dev.sluice.deploy.DeployMessages.UnregisterApplication;
import dev.sluice.deploy.DeployMessages.WorkerHeartbeat;
import dev.sluice.deploy.DeployMessages.WorkerHeartbeatReply;
import dev.sluice.deploy.DeployMessages.WorkerRegistered;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The master's recovery, on fake workers and drivers and an in-memory store: what is active is stored and what
 * ends is forgotten; a master restarted on the store takes back the workers, executors, drivers and applications
 * that register again, and gives up on what does not come back within the worker timeout.
 */
class MasterRecoveryTest {

    @Test
    void whatIsActiveIsStoredAndWhatEndsIsForgotten() {
        FakeCluster cluster = new FakeCluster();
        InMemoryRecoveryStore store = cluster.store;
        cluster.registerWorker("w1", 4, 8192);
        cluster.registerWorker("w2", 4, 8192);
        cluster.registerApplication("app-1", 1, 1024, 1);
        String driver = cluster.submitDriver(1, 1024, false);

        assertThat(store.workers.values()).containsExactly(new RecoveryStore.WorkerRecord("w1", "w1", 7000, 8081, 4,
                8192), new RecoveryStore.WorkerRecord("w2", "w2", 7000, 8081, 4, 8192));
        assertThat(store.applications.values()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("app-1");
            assertThat(a.registration().driverHost()).isEqualTo("app-1");
        });
        assertThat(store.drivers.keySet()).containsExactly(driver);

        cluster.ask(new UnregisterApplication("app-1"));
        cluster.tell(new DriverExited("w2", driver, 0, false, ""));
        cluster.pass(Duration.ofSeconds(5), "w1");

        assertThat(store.applications).isEmpty();
        assertThat(store.drivers).isEmpty();
        assertThat(store.workers.keySet()).containsExactly("w1");
    }

    @Test
    void aRestartedMasterTakesBackTheWorkersWithTheirExecutorsAndDriversAndTheApplications() {
        FakeCluster first = new FakeCluster();
        first.registerWorker("w1", 4, 8192);
        first.registerApplication("app-1", 1, 1024, 2);
        String driver = first.submitDriver(1, 1024, true);
        assertThat(first.worker("w1").told(LaunchDriver.class)).hasSize(1);

        FakeCluster restarted = new FakeCluster(FakeCluster.SETTINGS, first.store);

        assertThat(restarted.workerView("w1").state()).isEqualTo("RECOVERING");
        assertThat(restarted.applicationView("app-1").state()).isEqualTo("RECOVERING");
        assertThat(restarted.applicationView("app-1").reason())
                .isEqualTo("waiting for its driver to register with the restarted master");
        assertThat(restarted.core.views().drivers()).extracting(DriverView::id, DriverView::state)
                .containsExactly(tuple(driver, "RECOVERING"));
        assertThat(restarted.<WorkerHeartbeatReply>ask(new WorkerHeartbeat("w1")).known()).isFalse();

        WorkerRegistered registered = restarted.registerWorker("w1", 4, 8192, new ExecutorRef[] {
            new ExecutorRef("app-1", "0", 1, 1024), new ExecutorRef("app-1", "1", 1, 1024),
            new ExecutorRef("app-gone", "0", 1, 1024)}, driver);

        assertThat(registered.applications()).containsExactly("app-1");
        assertThat(registered.drivers()).containsExactly(driver);
        WorkerView worker = restarted.workerView("w1");
        assertThat(worker.state()).isEqualTo("ALIVE");
        assertThat(worker.executors()).containsExactly("app-1/0", "app-1/1");
        assertThat(worker.drivers()).containsExactly(driver);
        assertThat(worker.coresUsed()).isEqualTo(3);
        assertThat(restarted.core.views().drivers()).extracting(DriverView::state, DriverView::workerId)
                .containsExactly(tuple("RUNNING", "w1"));
        assertThat(restarted.worker("w1").told(LaunchDriver.class)).isEmpty(); // it runs: no second launch

        ApplicationRegistered again = restarted.ask(FakeCluster.application("app-1", 1, 1024, 2, true, "0", "1"));

        assertThat(again.appId()).isEqualTo("app-1");
        assertThat(restarted.applicationView("app-1").state()).isEqualTo("RUNNING");
        assertThat(restarted.applicationView("app-1").executors()).extracting(ExecutorView::id, ExecutorView::state)
                .containsExactly(tuple("0", "RUNNING"), tuple("1", "RUNNING"));
        FakePeer driverOfApp = restarted.driver("app-1");
        assertThat(driverOfApp.asked(ExecutorAdded.class)).isEmpty();

        restarted.tell(new ExecutorExited("w1", "app-1", "1", 137, "it was killed by signal 9"));

        assertThat(driverOfApp.told(ExecutorRemoved.class)).extracting(ExecutorRemoved::executorId).containsExactly("1");
        assertThat(driverOfApp.asked(ExecutorAdded.class)).extracting(ExecutorAdded::executorId).containsExactly("2");
    }

    @Test
    void whatDoesNotComeBackWithinTheWorkerTimeoutIsGivenUp() {
        FakeCluster first = new FakeCluster();
        first.registerWorker("w1", 2, 2048);
        first.registerWorker("w2", 2, 2048);
        first.registerApplication("app-1", 1, 512, 1);
        String driver = first.submitDriver(1, 1024, false);
        assertThat(first.worker("w2").told(LaunchDriver.class)).extracting(LaunchDriver::driverId).contains(driver);

        FakeCluster restarted = new FakeCluster(FakeCluster.SETTINGS, first.store);
        restarted.registerWorker("w1", 2, 2048);
        restarted.pass(Duration.ofSeconds(4), "w1");
        assertThat(restarted.workerView("w2").state()).isEqualTo("RECOVERING");
        restarted.pass(Duration.ofSeconds(1), "w1");

        assertThat(restarted.core.views().workers()).extracting(WorkerView::id).containsExactly("w1");
        assertThat(restarted.applicationView("app-1").state()).isEqualTo("FAILED");
        assertThat(restarted.applicationView("app-1").reason())
                .isEqualTo("its driver did not register again within PT4S of the master's restart");
        assertThat(restarted.worker("w1").told(LaunchDriver.class)).extracting(LaunchDriver::driverId)
                .containsExactly(driver);
        assertThat(restarted.driverState(driver).state()).isEqualTo("RUNNING");
        assertThat(first.store.workers.keySet()).containsExactly("w1");
        assertThat(first.store.applications).isEmpty();
        assertThat(first.store.drivers.keySet()).containsExactly(driver);
    }

    @Test
    void anApplicationCanRegisterAgainOnlyWithAMasterThatKnowsIt() {
        FakeCluster restartedWithoutStore = new FakeCluster();

        assertThatThrownBy(() -> restartedWithoutStore.ask(FakeCluster.application("app-1", 1, 1024, 0, true, "0")))
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the master does not know application app-1 (it restarted without "
                        + "sluice.recovery.mode=FILESYSTEM, or the application ended)");
    }

    @Test
    void aWorkerThatRegistersAgainLosesTheExecutorsItNoLongerReports() {
        FakeCluster cluster = new FakeCluster();
        cluster.registerWorker("w1", 2, 4096);
        FakePeer driver = cluster.registerApplication("app-1", 1, 1024, 2);
        assertThat(driver.asked(ExecutorAdded.class)).extracting(ExecutorAdded::executorId).containsExactly("0", "1");

        WorkerRegistered registered = cluster.registerWorker("w1", 2, 4096,
                new ExecutorRef[] {new ExecutorRef("app-1", "1", 1, 1024)});

        assertThat(registered.applications()).containsExactly("app-1");
        assertThat(driver.told(ExecutorRemoved.class)).containsExactly(new ExecutorRemoved("0",
                "it ended while its worker w1 could not reach the master"));
        assertThat(driver.asked(ExecutorAdded.class)).extracting(ExecutorAdded::executorId)
                .containsExactly("0", "1", "2");
        assertThat(cluster.workerView("w1").executors()).containsExactly("app-1/1", "app-1/2");
    }
}
