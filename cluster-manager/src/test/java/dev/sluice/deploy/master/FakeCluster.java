package dev.sluice.deploy.master;

import dev.sluice.deploy.ClusterState.ApplicationView;
import dev.sluice.deploy.ClusterState.WorkerView;
import dev.sluice.deploy.DeployMessages.DriverDescription;
import dev.sluice.deploy.DeployMessages.DriverState;
import dev.sluice.deploy.DeployMessages.DriverSubmitted;
import dev.sluice.deploy.DeployMessages.ExecutorRef;
import dev.sluice.deploy.DeployMessages.RegisterApplication;
import dev.sluice.deploy.DeployMessages.RegisterWorker;
import dev.sluice.deploy.DeployMessages.RequestDriverState;
import dev.sluice.deploy.DeployMessages.SubmitDriver;
import dev.sluice.deploy.DeployMessages.WorkerHeartbeat;
import dev.sluice.deploy.DeployMessages.WorkerRegistered;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A master's parts wired as {@link Master} wires them, without a network or timers: workers and drivers are
 * {@link FakePeer}s (a worker {@code w1} listens at {@code w1:7000}, the driver of {@code app-1} at
 * {@code app-1:5000}), work off the lock runs at once, and time passes only when a test says so.
 */
final class FakeCluster {
    /** A 4 s worker timeout (checked every second), spread out, two executor failures in a row allowed. */
    static final MasterSettings SETTINGS = new MasterSettings(Duration.ofSeconds(4), true, 2);
    private static final Clock WALL = Clock.fixed(Instant.parse("2026-12-08T10:00:00Z"), ZoneOffset.UTC);

    final InMemoryRecoveryStore store;
    final MasterCore core;
    private final MasterSettings settings;
    private final Map<String, FakePeer> peers = new ConcurrentHashMap<>();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    FakeCluster() {
        this(SETTINGS, new InMemoryRecoveryStore());
    }

    /** A master (re)started on {@code store}. */
    FakeCluster(MasterSettings settings, InMemoryRecoveryStore store) {
        this.settings = settings;
        this.store = store;
        this.core = MasterCore.wire(settings, store, new MasterCore.Environment(this::connect, Runnable::run,
                () -> "sluice://master:7077", () -> 8080, nanos::get, WALL));
    }

    private CompletableFuture<Peer> connect(String host, int port) {
        return CompletableFuture.completedFuture(peer(host + ":" + port));
    }

    /** The peer at {@code address}, as the master reaches it (a new one after it was closed). */
    FakePeer peer(String address) {
        return peers.compute(address, (a, known) -> known == null || known.isClosed() ? new FakePeer(a) : known);
    }

    FakePeer worker(String id) {
        return peer(id + ":7000");
    }

    FakePeer driver(String appId) {
        return peer(appId + ":5000");
    }

    /** Registers worker {@code id}, reporting the executors and drivers it runs. */
    WorkerRegistered registerWorker(String id, int cores, long memoryMiB, ExecutorRef[] executors, String... drivers) {
        return ask(new RegisterWorker(id, id, 7000, 8081, cores, memoryMiB, executors, drivers));
    }

    WorkerRegistered registerWorker(String id, int cores, long memoryMiB) {
        return registerWorker(id, cores, memoryMiB, new ExecutorRef[0]);
    }

    /** Registers application {@code appId}, whose driver listens at {@code appId:5000}. */
    FakePeer registerApplication(String appId, int coresPerExecutor, long memoryPerExecutorMiB, int maxCores) {
        ask(application(appId, coresPerExecutor, memoryPerExecutorMiB, maxCores, false));
        return driver(appId);
    }

    static RegisterApplication application(String appId, int coresPerExecutor, long memoryPerExecutorMiB,
                                           int maxCores, boolean again, String... executors) {
        return new RegisterApplication(appId, "name of " + appId, coresPerExecutor, memoryPerExecutorMiB, maxCores,
                appId, 5000, "sluice.app.name=" + appId + "\n", again, executors);
    }

    /** Submits a cluster-mode driver; returns its id. */
    String submitDriver(int cores, long memoryMiB, boolean supervise) {
        DriverDescription description = new DriverDescription("a.Main", "app.jar", new byte[] {1}, new String[0], "",
                cores, memoryMiB, supervise);
        return this.<DriverSubmitted>ask(new SubmitDriver(description)).driverId();
    }

    DriverState driverState(String driverId) {
        return ask(new RequestDriverState(driverId));
    }

    /** Sends a request as a peer would; returns the reply, or throws what the master answered with. */
    @SuppressWarnings("unchecked")
    <T> T ask(Object request) {
        return (T) core.routes().onRequest(null, request).join();
    }

    /** Sends a one-way message as a peer would. */
    void tell(Object message) {
        core.routes().onMessage(null, message);
    }

    /**
     * Lets {@code time} pass as the master's timer sees it: a liveness check every check period, the listed
     * workers heartbeating before each.
     */
    void pass(Duration time, String... heartbeating) {
        long step = settings.checkPeriod().toNanos();
        for (long passed = 0; passed < time.toNanos(); passed += step) {
            nanos.addAndGet(step);
            for (String workerId : heartbeating) {
                ask(new WorkerHeartbeat(workerId));
            }
            core.liveness().check();
        }
    }

    WorkerView workerView(String id) {
        return core.views().workers().stream().filter(w -> w.id().equals(id)).findFirst().orElseThrow();
    }

    ApplicationView applicationView(String appId) {
        return core.views().applications().stream().filter(a -> a.id().equals(appId)).findFirst().orElseThrow();
    }
}
