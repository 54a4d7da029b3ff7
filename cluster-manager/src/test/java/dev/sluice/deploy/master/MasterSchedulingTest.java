package dev.sluice.deploy.master;

import dev.sluice.deploy.ClusterState.ApplicationView;
import dev.sluice.deploy.ClusterState.ExecutorView;
import dev.sluice.deploy.DeployMessages.Ack;
import dev.sluice.deploy.DeployMessages.ApplicationEnded;
import dev.sluice.deploy.DeployMessages.ApplicationKilled;
import dev.sluice.deploy.DeployMessages.DriverExited;
import dev.sluice.deploy.DeployMessages.ExecutorAdded;
import dev.sluice.deploy.DeployMessages.ExecutorExited;
import dev.sluice.deploy.DeployMessages.ExecutorRemoved;
import dev.sluice.deploy.DeployMessages.LaunchDriver;
import dev.sluice.deploy.DeployMessages.LaunchExecutor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The master's scheduling, on fake workers and drivers: where executors and drivers go, what they may take, the
 * order in which a driver and a worker learn of an executor, and what replaces what is lost.
 */
class MasterSchedulingTest {

    @Test
    void executorsSpreadOverTheWorkersOneExecutorAtATime() {
        FakeCluster cluster = new FakeCluster();
        for (String worker : new String[] {"w1", "w2", "w3"}) {
            cluster.registerWorker(worker, 4, 8192);
        }

        FakePeer driver = cluster.registerApplication("app-1", 1, 1024, 6);

        assertThat(driver.asked(ExecutorAdded.class)).extracting(ExecutorAdded::executorId, ExecutorAdded::workerId)
                .containsExactly(tuple("0", "w1"), tuple("1", "w1"), tuple("2", "w2"), tuple("3", "w2"),
                        tuple("4", "w3"), tuple("5", "w3"));
        for (String worker : new String[] {"w1", "w2", "w3"}) {
            assertThat(cluster.worker(worker).told(LaunchExecutor.class)).hasSize(2)
                    .allSatisfy(launch -> assertThat(launch.cores()).isEqualTo(1))
                    .allSatisfy(launch -> assertThat(launch.driverHost()).isEqualTo("app-1"));
            assertThat(cluster.workerView(worker).coresUsed()).isEqualTo(2);
            assertThat(cluster.workerView(worker).memoryUsedMiB()).isEqualTo(2048);
        }
        ApplicationView app = cluster.applicationView("app-1");
        assertThat(app.state()).isEqualTo("RUNNING");
        assertThat(app.coresGranted()).isEqualTo(6);
        assertThat(app.executors()).extracting(ExecutorView::state).containsOnly("RUNNING");
    }

    @Test
    void withoutSpreadingOutExecutorsFillOneWorkerBeforeTheNext() {
        FakeCluster cluster = new FakeCluster(new MasterSettings(Duration.ofSeconds(4), false, 2),
                new InMemoryRecoveryStore());
        cluster.registerWorker("w1", 4, 8192);
        cluster.registerWorker("w2", 4, 8192);

        FakePeer driver = cluster.registerApplication("app-1", 2, 1024, 6);

        assertThat(driver.asked(ExecutorAdded.class)).extracting(ExecutorAdded::workerId)
                .containsExactly("w1", "w1", "w2");
    }

    @Test
    void executorsTakeOnlyTheCoresAndMemoryThatAreFree() {
        FakeCluster cluster = new FakeCluster();
        cluster.registerWorker("small", 2, 1024);
        cluster.registerWorker("big", 4, 4096);

        cluster.registerApplication("app-1", 1, 1536, 0);
        assertThat(cluster.worker("small").told(LaunchExecutor.class)).isEmpty();
        assertThat(cluster.worker("big").told(LaunchExecutor.class)).hasSize(2);
        assertThat(cluster.workerView("big").memoryUsedMiB()).isEqualTo(3072);

        cluster.registerApplication("app-2", 1, 1024, 0);
        assertThat(cluster.driver("app-2").asked(ExecutorAdded.class)).extracting(ExecutorAdded::workerId)
                .containsExactly("small", "big");

        cluster.registerApplication("app-3", 1, 512, 0);
        ApplicationView waiting = cluster.applicationView("app-3");
        assertThat(waiting.state()).isEqualTo("WAITING");
        assertThat(waiting.reason()).isEqualTo("waiting for a worker with 1 free cores and 512 MiB free (small: "
                + "1/2 cores, 0/1024 MiB free, big: 1/4 cores, 0/4096 MiB free)");
        assertThat(cluster.driver("app-3").asked(ExecutorAdded.class)).isEmpty();
    }

    @Test
    void theCoresAnApplicationMayTakeAreCapped() {
        FakeCluster cluster = new FakeCluster();
        cluster.registerWorker("w1", 8, 8192);

        FakePeer driver = cluster.registerApplication("app-1", 2, 512, 5);

        assertThat(driver.asked(ExecutorAdded.class)).extracting(ExecutorAdded::cores).containsExactly(2, 2);
        assertThat(cluster.applicationView("app-1").coresGranted()).isEqualTo(4);
    }

    @Test
    void anExecutorNoWorkerCouldEverRunIsRefused() {
        FakeCluster cluster = new FakeCluster();
        cluster.registerWorker("w1", 2, 1024);
        cluster.registerWorker("w2", 4, 4096);

        assertThatThrownBy(() -> cluster.ask(FakeCluster.application("app-1", 8, 1024, 0, false)))
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no worker can ever run an executor with 8 cores and 1024 MiB: the largest of 2 workers "
                        + "has 4 cores and 4096 MiB");
        assertThat(cluster.core.views().applications()).isEmpty();
    }

    @Test
    void aWorkerStartsAnExecutorOnlyOnceItsDriverKnowsIt() {
        FakeCluster cluster = new FakeCluster();
        cluster.registerWorker("w1", 1, 1024);
        CompletableFuture<Object> driverAnswer = new CompletableFuture<>();
        cluster.driver("app-1").answers = message -> driverAnswer;

        FakePeer driver = cluster.registerApplication("app-1", 1, 1024, 0);

        assertThat(driver.asked(ExecutorAdded.class)).hasSize(1);
        assertThat(cluster.worker("w1").told(LaunchExecutor.class)).isEmpty();
        assertThat(cluster.applicationView("app-1").executors()).extracting(ExecutorView::state)
                .containsExactly("LAUNCHING");

        driverAnswer.complete(new Ack("expected"));

        assertThat(cluster.worker("w1").told(LaunchExecutor.class)).extracting(LaunchExecutor::executorId)
                .containsExactly("0");
        assertThat(cluster.applicationView("app-1").executors()).extracting(ExecutorView::state)
                .containsExactly("RUNNING");
    }

    @Test
    void anExecutorItsDriverCouldNotBeToldOfIsNotLaunched() {
        FakeCluster cluster = new FakeCluster();
        cluster.registerWorker("w1", 1, 1024);
        CompletableFuture<Object> driverAnswer = new CompletableFuture<>();
        cluster.driver("app-1").answers = message -> driverAnswer;
        cluster.registerApplication("app-1", 1, 1024, 0);

        driverAnswer.completeExceptionally(new IllegalStateException("gone"));

        assertThat(cluster.worker("w1").told(LaunchExecutor.class)).isEmpty();
        assertThat(cluster.applicationView("app-1").executors()).isEmpty();
        assertThat(cluster.applicationView("app-1").state()).isEqualTo("WAITING");
        assertThat(cluster.workerView("w1").coresUsed()).isZero();
    }

    @Test
    void driversGoWhereTheyFitInTurnAndWaitOtherwise() {
        FakeCluster cluster = new FakeCluster();
        cluster.registerWorker("w1", 2, 2048);
        cluster.registerWorker("w2", 2, 2048);

        String first = cluster.submitDriver(2, 2048, false);
        String second = cluster.submitDriver(2, 2048, false);
        String third = cluster.submitDriver(2, 2048, false);

        assertThat(first).isEqualTo("driver-20261208100000-0000");
        assertThat(cluster.worker("w2").told(LaunchDriver.class)).extracting(LaunchDriver::driverId)
                .containsExactly(first);
        assertThat(cluster.worker("w1").told(LaunchDriver.class)).extracting(LaunchDriver::driverId)
                .containsExactly(second);
        assertThat(cluster.driverState(third).state()).isEqualTo("SUBMITTED");
        assertThat(cluster.driverState(third).reason()).isEqualTo("waiting for a worker with 2 free cores and 2048 MiB");
        assertThat(cluster.workerView("w2").coresUsed()).isEqualTo(2);

        cluster.tell(new DriverExited("w2", first, 0, false, ""));

        assertThat(cluster.driverState(first).state()).isEqualTo("FINISHED");
        assertThat(cluster.worker("w2").told(LaunchDriver.class)).extracting(LaunchDriver::driverId)
                .containsExactly(first, third);
        assertThat(cluster.driverState(third).state()).isEqualTo("RUNNING");
    }

    @Test
    void aSupervisedDriverThatFailsIsLaunchedAgainTryingAnotherWorkerFirst() {
        FakeCluster cluster = new FakeCluster();
        cluster.registerWorker("w1", 2, 2048);
        cluster.registerWorker("w2", 2, 2048);
        String supervised = cluster.submitDriver(1, 1024, true);
        assertThat(cluster.worker("w2").told(LaunchDriver.class)).hasSize(1);

        cluster.tell(new DriverExited("w2", supervised, 1, false, "exited with code 1"));

        assertThat(cluster.worker("w1").told(LaunchDriver.class)).extracting(LaunchDriver::driverId)
                .containsExactly(supervised);
        assertThat(cluster.core.views().drivers()).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo("RUNNING");
            assertThat(d.workerId()).isEqualTo("w1");
            assertThat(d.launches()).isEqualTo(2);
            assertThat(d.exitCode()).isEqualTo(1);
        });
        assertThat(cluster.workerView("w2").coresUsed()).isZero();
    }

    @Test
    void theExecutorsOfAWorkerThatFellSilentAreRequestedAgainOnTheOthers() {
        FakeCluster cluster = new FakeCluster();
        cluster.registerWorker("w1", 3, 4096);
        cluster.registerWorker("w2", 3, 4096);
        cluster.submitDriver(1, 1024, false); // its turn starts at w2
        String driverOnW1 = cluster.submitDriver(1, 1024, false);
        FakePeer driver = cluster.registerApplication("app-1", 1, 512, 2);
        assertThat(driver.asked(ExecutorAdded.class)).extracting(ExecutorAdded::executorId, ExecutorAdded::workerId)
                .containsExactly(tuple("0", "w1"), tuple("1", "w2"));
        FakePeer lost = cluster.worker("w1");

        cluster.pass(Duration.ofSeconds(3), "w1", "w2");
        assertThat(cluster.workerView("w1").state()).isEqualTo("ALIVE");
        cluster.pass(Duration.ofSeconds(5), "w2");

        assertThat(cluster.core.views().workers()).extracting(w -> w.id()).containsExactly("w2");
        assertThat(lost.isClosed()).isTrue();
        assertThat(driver.told(ExecutorRemoved.class)).containsExactly(new ExecutorRemoved("0",
                "its worker w1 was lost: no heartbeat for 4000 ms (sluice.worker.timeout)"));
        assertThat(driver.asked(ExecutorAdded.class)).extracting(ExecutorAdded::executorId, ExecutorAdded::workerId)
                .containsExactly(tuple("0", "w1"), tuple("1", "w2"), tuple("2", "w2"));
        assertThat(cluster.applicationView("app-1").executors()).extracting(ExecutorView::id, ExecutorView::workerId)
                .containsExactly(tuple("1", "w2"), tuple("2", "w2"));
        assertThat(cluster.driverState(driverOnW1).state()).isEqualTo("ERROR");
        assertThat(cluster.driverState(driverOnW1).reason())
                .isEqualTo("its worker w1 was lost: no heartbeat for 4000 ms (sluice.worker.timeout)");
    }

    @Test
    void anApplicationWhoseExecutorsKeepFailingIsEnded() {
        FakeCluster cluster = new FakeCluster();
        cluster.registerWorker("w1", 1, 1024);
        FakePeer driver = cluster.registerApplication("app-1", 1, 1024, 0);

        for (String executor : new String[] {"0", "1", "2"}) {
            cluster.tell(new ExecutorExited("w1", "app-1", executor, 1, ""));
        }

        assertThat(driver.asked(ExecutorAdded.class)).extracting(ExecutorAdded::executorId)
                .containsExactly("0", "1", "2");
        assertThat(driver.told(ExecutorRemoved.class)).hasSize(3);
        assertThat(driver.told(ApplicationKilled.class)).containsExactly(new ApplicationKilled("3 executors failed in a "
                + "row (sluice.deploy.maxExecutorRetries=2); the last: its process on worker w1 exited with code 1"));
        assertThat(cluster.worker("w1").told(ApplicationEnded.class)).containsExactly(new ApplicationEnded("app-1"));
        assertThat(cluster.applicationView("app-1").state()).isEqualTo("FAILED");
        assertThat(driver.isClosed()).isTrue();
    }
}
