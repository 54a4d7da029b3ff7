package dev.sluice.deploy.master;

import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.deploy.ClusterState;
import dev.sluice.deploy.ClusterState.ApplicationView;
import dev.sluice.deploy.ClusterState.DriverView;
import dev.sluice.deploy.ClusterState.ExecutorView;
import dev.sluice.deploy.ClusterState.WorkerView;
import dev.sluice.deploy.DeployMessages;
import dev.sluice.deploy.DeployMessages.Ack;
import dev.sluice.deploy.DeployMessages.ApplicationEnded;
import dev.sluice.deploy.DeployMessages.ApplicationKilled;
import dev.sluice.deploy.DeployMessages.ApplicationRegistered;
import dev.sluice.deploy.DeployMessages.DriverDescription;
import dev.sluice.deploy.DeployMessages.DriverExited;
import dev.sluice.deploy.DeployMessages.DriverSubmitted;
import dev.sluice.deploy.DeployMessages.ExecutorAdded;
import dev.sluice.deploy.DeployMessages.ExecutorExited;
import dev.sluice.deploy.DeployMessages.ExecutorRef;
import dev.sluice.deploy.DeployMessages.ExecutorRemoved;
import dev.sluice.deploy.DeployMessages.Kill;
import dev.sluice.deploy.DeployMessages.KillDriver;
import dev.sluice.deploy.DeployMessages.LaunchDriver;
import dev.sluice.deploy.DeployMessages.LaunchExecutor;
import dev.sluice.deploy.DeployMessages.RegisterApplication;
import dev.sluice.deploy.DeployMessages.RegisterWorker;
import dev.sluice.deploy.DeployMessages.DriverState;
import dev.sluice.deploy.DeployMessages.RequestDriverState;
import dev.sluice.deploy.DeployMessages.RequestWebUi;
import dev.sluice.deploy.DeployMessages.WebUi;
import dev.sluice.deploy.DeployMessages.SubmitDriver;
import dev.sluice.deploy.DeployMessages.UnregisterApplication;
import dev.sluice.deploy.DeployMessages.WorkerHeartbeat;
import dev.sluice.deploy.DeployMessages.WorkerHeartbeatReply;
import dev.sluice.deploy.DeployMessages.WorkerRegistered;
import dev.sluice.deploy.MasterUrl;
import dev.sluice.deploy.http.JsonStateServer;
import dev.sluice.deploy.master.RecoveryStore.ApplicationRecord;
import dev.sluice.deploy.master.RecoveryStore.DriverRecord;
import dev.sluice.deploy.master.RecoveryStore.WorkerRecord;
import dev.sluice.network.RequestContext;
import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.TransportServer;
import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.liveness.SilenceDetector;
import dev.sluice.network.message.MessageClient;
import dev.sluice.network.message.MessageHandler;
import dev.sluice.network.message.UnexpectedMessageException;
import dev.sluice.network.message.MessageRequestHandler;
import dev.sluice.network.serialization.ControlSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The standalone cluster's master: workers register with it and heartbeat; it schedules drivers (cluster deploy
 * mode) and applications' executors FIFO onto the workers' free cores and memory, tells workers to launch and stop
 * processes, tells drivers which executors they get and lose, and declares silent workers dead. With a
 * {@link FileSystemRecoveryStore} it takes its workers, applications and drivers back after a restart.
 *
 * <p>All state is guarded by this object's lock; network calls only start under it and complete elsewhere.
 */
public final class Master implements MessageHandler, ClusterState.Source, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Master.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final ControlSerializer serializer = DeployMessages.newSerializer();
    private final TransportClientFactory clients;
    private final TransportServer server;
    private final RecoveryStore store;
    private final Duration workerTimeout;
    private final SilenceDetector<String> workerLiveness;
    private final boolean spreadOut;
    private final int maxExecutorRetries;
    /** Runs the master's timers, and what must not run under its lock or on a network thread (closing connections). */
    private final ScheduledExecutorService timer;
    private final Map<String, WorkerInfo> workers = new LinkedHashMap<>();
    private final Map<String, ApplicationInfo> applications = new LinkedHashMap<>();
    private final Map<String, DriverInfo> drivers = new LinkedHashMap<>();
    private final AtomicInteger nextDriver = new AtomicInteger();
    private final long recoveryDeadline;
    private final JsonStateServer web;
    private volatile boolean closed;

    private Master(SluiceConfig config, TransportConfig transport, RecoveryStore store) throws IOException {
        this.store = store;
        this.workerTimeout = config.get(ConfigKeys.WORKER_TIMEOUT);
        this.spreadOut = config.get(ConfigKeys.DEPLOY_SPREAD_OUT);
        this.maxExecutorRetries = config.get(ConfigKeys.DEPLOY_MAX_EXECUTOR_RETRIES);
        this.clients = new TransportClientFactory(transport);
        this.recoveryDeadline = System.nanoTime() + workerTimeout.toNanos();
        long period = Math.max(100, workerTimeout.toMillis() / 4);
        this.workerLiveness = new SilenceDetector<>(workerTimeout, Duration.ofMillis(period));
        recover(store.read());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-master-timer");
            t.setDaemon(true);
            return t;
        });
        this.server = TransportServer.start(transport, new MessageRequestHandler(serializer, this));
        this.web = JsonStateServer.start(transport.bindHost(), config.get(ConfigKeys.MASTER_WEBUI_PORT), this);
        timer.scheduleWithFixedDelay(this::checkWorkers, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a master listening on {@code transport}'s address.
     *
     * @throws IOException if it cannot listen or read its recovery store
     */
    public static Master start(SluiceConfig config, TransportConfig transport, RecoveryStore store) throws IOException {
        Master master = new Master(config, transport, store);
        LOG.info("Master listening at {} ({})", master.url(), store);
        return master;
    }

    /** The port of the JSON state ({@code /api/v1/...}). */
    public int webUiPort() {
        return web.port();
    }

    /** The address workers, drivers and the command line use. */
    public MasterUrl url() {
        InetSocketAddress address = server.advertisedAddress();
        return new MasterUrl(address.getHostString(), address.getPort());
    }

    // ---------------------------------------------------------------- recovery

    private void recover(RecoveryStore.Recovered recovered) {
        if (recovered.isEmpty()) {
            return;
        }
        for (WorkerRecord w : recovered.workers()) {
            workers.put(w.id(), new WorkerInfo(w.id(), w.host(), w.port(), w.webUiPort(), w.cores(), w.memoryMiB(),
                    WorkerInfo.State.RECOVERING));
        }
        for (ApplicationRecord a : recovered.applications()) {
            ApplicationInfo app = new ApplicationInfo(a.id(), a.registration(), a.startTime());
            app.state = ApplicationInfo.State.RECOVERING;
            app.reason = "waiting for its driver to register with the restarted master";
            applications.put(app.id, app);
        }
        for (DriverRecord d : recovered.drivers()) {
            DriverInfo driver = new DriverInfo(d.id(), d.description(), d.submitTime());
            driver.state = DriverInfo.State.RECOVERING;
            drivers.put(driver.id, driver);
            nextDriver.incrementAndGet();
        }
        LOG.info("Recovered {} workers, {} applications and {} drivers; waiting up to {} for them to come back",
                workers.size(), applications.size(), drivers.size(), workerTimeout);
    }

    /** Forgets what did not come back within the worker timeout of a recovery. */
    private void finishRecovery() {
        for (WorkerInfo worker : new ArrayList<>(workers.values())) {
            if (worker.state == WorkerInfo.State.RECOVERING) {
                removeWorker(worker, "it did not register again within " + workerTimeout + " of the master's restart");
            }
        }
        for (ApplicationInfo app : new ArrayList<>(applications.values())) {
            if (app.state == ApplicationInfo.State.RECOVERING) {
                endApplication(app, ApplicationInfo.State.FAILED, "its driver did not register again within "
                        + workerTimeout + " of the master's restart");
            }
        }
        for (DriverInfo driver : drivers.values()) {
            if (driver.state == DriverInfo.State.RECOVERING) {
                LOG.warn("{} was not running on any worker after the restart; launching it again", driver);
                driver.state = DriverInfo.State.SUBMITTED;
            }
        }
        schedule();
    }

    // ---------------------------------------------------------------- messages

    @Override
    public CompletableFuture<?> onRequest(RequestContext context, Object message) {
        if (message instanceof RegisterWorker register) {
            return registerWorker(register);
        }
        if (message instanceof WorkerHeartbeat heartbeat) {
            return CompletableFuture.completedFuture(new WorkerHeartbeatReply(heartbeat(heartbeat.workerId())));
        }
        if (message instanceof RegisterApplication register) {
            return registerApplication(register);
        }
        if (message instanceof UnregisterApplication unregister) {
            synchronized (this) {
                ApplicationInfo app = applications.get(unregister.appId());
                if (app != null && app.isActive()) {
                    endApplication(app, ApplicationInfo.State.FINISHED, "its driver finished");
                    schedule();
                }
            }
            return CompletableFuture.completedFuture(new Ack("unregistered"));
        }
        if (message instanceof SubmitDriver submit) {
            return CompletableFuture.completedFuture(submitDriver(submit.description()));
        }
        if (message instanceof Kill kill) {
            return CompletableFuture.completedFuture(kill(kill.id()));
        }
        if (message instanceof RequestDriverState request) {
            return CompletableFuture.completedFuture(driverState(request.driverId()));
        }
        if (message instanceof RequestWebUi) {
            return CompletableFuture.completedFuture(new WebUi(web.port()));
        }
        throw UnexpectedMessageException.notAnswered("The master", message);
    }

    @Override
    public void onMessage(RequestContext context, Object message) {
        if (message instanceof ExecutorExited exited) {
            executorExited(exited);
        } else if (message instanceof DriverExited exited) {
            driverExited(exited);
        } else {
            throw UnexpectedMessageException.notAccepted("The master", message);
        }
    }

    // ---------------------------------------------------------------- workers

    private CompletableFuture<WorkerRegistered> registerWorker(RegisterWorker register) {
        synchronized (this) {
            WorkerInfo known = workers.get(register.workerId());
            if (known != null && known.state == WorkerInfo.State.ALIVE
                    && !(known.host.equals(register.host()) && known.port == register.port())) {
                return CompletableFuture.failedFuture(new IllegalStateException("A worker with id "
                        + register.workerId() + " is registered already, at " + known.host + ":" + known.port));
            }
        }
        // Connect back first: a worker that advertises an address the master cannot reach is refused.
        return clients.clientAsync(new InetSocketAddress(register.host(), register.port())).thenApply(client -> {
            synchronized (this) {
                WorkerInfo worker = new WorkerInfo(register.workerId(), register.host(), register.port(),
                        register.webUiPort(), register.cores(), register.memoryMiB(), WorkerInfo.State.ALIVE);
                worker.client = new MessageClient(client, serializer);
                WorkerInfo previous = workers.put(worker.id, worker);
                workerLiveness.start(worker.id);
                if (previous != null) {
                    forgetUnreported(previous, register);
                }
                adoptReported(worker, register);
                store.putWorker(new WorkerRecord(worker.id, worker.host, worker.port, worker.webUiPort, worker.cores,
                        worker.memoryMiB));
                LOG.info("Registered {} with {} cores and {} MiB{}", worker, worker.cores, worker.memoryMiB,
                        previous == null ? "" : " (again)");
                List<String> apps = new ArrayList<>();
                applications.values().stream().filter(ApplicationInfo::isActive).forEach(a -> apps.add(a.id));
                List<String> live = new ArrayList<>();
                drivers.values().stream().filter(DriverInfo::isActive).forEach(d -> live.add(d.id));
                schedule();
                return new WorkerRegistered(url().toString(), apps.toArray(String[]::new), live.toArray(String[]::new));
            }
        });
    }

    /** A worker registers again (it lost the master for a while): what it no longer reports has ended meanwhile. */
    private void forgetUnreported(WorkerInfo previous, RegisterWorker register) {
        java.util.Set<String> reported = new java.util.HashSet<>();
        for (ExecutorRef ref : register.executors()) {
            reported.add(ExecutorInfo.key(ref.appId(), ref.executorId()));
        }
        for (ExecutorInfo executor : new ArrayList<>(previous.executors.values())) {
            if (!reported.contains(executor.key())) {
                removeExecutor(executor, "it ended while its worker " + previous.id + " could not reach the master",
                        false);
            }
        }
        previous.executors.clear();
    }

    /** Takes over the executors and drivers a worker reports it runs (after a master restart). */
    private void adoptReported(WorkerInfo worker, RegisterWorker register) {
        for (ExecutorRef ref : register.executors()) {
            ApplicationInfo app = applications.get(ref.appId());
            if (app == null || !app.isActive()) {
                continue; // the worker stops executors of applications the master does not know
            }
            ExecutorInfo executor = new ExecutorInfo(ref.appId(), ref.executorId(), worker, ref.cores(), ref.memoryMiB());
            executor.state = ExecutorInfo.State.RUNNING;
            worker.executors.put(executor.key(), executor);
            app.executors.put(executor.id, executor);
            app.nextExecutorId = Math.max(app.nextExecutorId, parseId(ref.executorId()) + 1);
            if (app.state == ApplicationInfo.State.WAITING && app.driver != null) {
                app.state = ApplicationInfo.State.RUNNING;
                app.reason = "";
            }
        }
        for (String driverId : register.drivers()) {
            DriverInfo driver = drivers.get(driverId);
            if (driver != null && driver.isActive()) {
                driver.state = DriverInfo.State.RUNNING;
                driver.worker = worker;
                worker.drivers.add(driverId);
                worker.driverCores += driver.description.cores();
                worker.driverMemoryMiB += driver.description.memoryMiB();
            }
        }
    }

    private static int parseId(String id) {
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private synchronized boolean heartbeat(String workerId) {
        WorkerInfo worker = workers.get(workerId);
        if (worker == null || worker.state != WorkerInfo.State.ALIVE) {
            return false;
        }
        worker.lastHeartbeat = System.nanoTime();
        workerLiveness.heard(workerId);
        return true;
    }

    private void checkWorkers() {
        synchronized (this) {
            long now = System.nanoTime();
            for (String workerId : workerLiveness.silentPeers()) {
                WorkerInfo worker = workers.get(workerId);
                if (worker != null && worker.state == WorkerInfo.State.ALIVE) {
                    removeWorker(worker, "no heartbeat for " + workerTimeout.toMillis() + " ms (sluice.worker.timeout)");
                } else {
                    workerLiveness.forget(workerId);
                }
            }
            if (now > recoveryDeadline && (workers.values().stream().anyMatch(w -> w.state == WorkerInfo.State.RECOVERING)
                    || applications.values().stream().anyMatch(a -> a.state == ApplicationInfo.State.RECOVERING)
                    || drivers.values().stream().anyMatch(d -> d.state == DriverInfo.State.RECOVERING))) {
                finishRecovery();
            }
        }
    }

    /** Declares a worker dead: its executors are removed (their drivers told), its drivers relaunched or failed. */
    private void removeWorker(WorkerInfo worker, String reason) {
        LOG.warn("Removing {}: {}", worker, reason);
        worker.state = WorkerInfo.State.DEAD;
        workerLiveness.forget(worker.id);
        for (ExecutorInfo executor : new ArrayList<>(worker.executors.values())) {
            removeExecutor(executor, "its worker " + worker.id + " was lost: " + reason, false);
        }
        for (String driverId : new ArrayList<>(worker.drivers)) {
            DriverInfo driver = drivers.get(driverId);
            worker.drivers.remove(driverId);
            if (driver == null || !driver.isActive()) {
                continue;
            }
            driver.worker = null;
            if (driver.description.supervise()) {
                driver.state = DriverInfo.State.RELAUNCHING;
                driver.reason = "its worker " + worker.id + " was lost; relaunching (supervised)";
            } else {
                endDriver(driver, DriverInfo.State.ERROR, null, "its worker " + worker.id + " was lost: " + reason);
            }
        }
        worker.driverCores = 0;
        worker.driverMemoryMiB = 0;
        if (worker.client != null) {
            closeLater(worker.client);
        }
        workers.remove(worker.id);
        store.removeWorker(worker.id);
        schedule();
    }

    // ---------------------------------------------------------------- applications

    private CompletableFuture<ApplicationRegistered> registerApplication(RegisterApplication register) {
        String problem;
        synchronized (this) {
            problem = impossible(register.coresPerExecutor(), register.memoryPerExecutorMiB(), "an executor");
            ApplicationInfo known = applications.get(register.appId());
            if (register.again() && (known == null || !known.isActive())) {
                problem = "the master does not know application " + register.appId() + " (it restarted without "
                        + "sluice.recovery.mode=FILESYSTEM, or the application ended)";
            } else if (!register.again() && known != null) {
                problem = "an application with id " + register.appId() + " is registered already";
            }
        }
        if (problem != null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(problem));
        }
        return clients.clientAsync(new InetSocketAddress(register.driverHost(), register.driverPort())).thenApply(client -> {
            synchronized (this) {
                ApplicationInfo app = applications.get(register.appId());
                if (app == null) {
                    app = new ApplicationInfo(register.appId(), register, System.currentTimeMillis());
                    applications.put(app.id, app);
                    store.putApplication(new ApplicationRecord(app.id, register, app.startTime));
                    LOG.info("Registered {} asking for {} cores per executor, {} MiB each, at most {} cores", app,
                            register.coresPerExecutor() == 0 ? "all" : register.coresPerExecutor(),
                            register.memoryPerExecutorMiB(), register.maxCores() == 0 ? "all" : register.maxCores());
                } else {
                    LOG.info("{} registered again with {} executors", app, register.executors().length);
                }
                app.driver = new MessageClient(client, serializer);
                app.state = app.executors.isEmpty() ? ApplicationInfo.State.WAITING : ApplicationInfo.State.RUNNING;
                ApplicationInfo registered = app;
                client.closeFuture().whenCompleteAsync((done, error) -> driverDisconnected(registered, client), timer);
                schedule();
                return new ApplicationRegistered(app.id);
            }
        });
    }

    /** Closes a connection off the lock: closing waits for the network thread, which may wait for the lock. */
    private void closeLater(MessageClient client) {
        timer.execute(() -> client.transport().close());
    }

    private synchronized void driverDisconnected(ApplicationInfo app, Object client) {
        if (app.isActive() && app.driver != null && app.driver.transport() == client && !closed) {
            endApplication(app, ApplicationInfo.State.FINISHED, "its driver disconnected");
            schedule();
        }
    }

    /** Why no alive worker could ever run such a process, or null. Without workers nothing is impossible yet. */
    private String impossible(int cores, long memoryMiB, String what) {
        List<WorkerInfo> alive = workers.values().stream().filter(w -> w.state == WorkerInfo.State.ALIVE).toList();
        if (alive.isEmpty()) {
            return null;
        }
        int need = Math.max(1, cores);
        for (WorkerInfo worker : alive) {
            if (worker.cores >= need && worker.memoryMiB >= memoryMiB) {
                return null;
            }
        }
        WorkerInfo largest = alive.stream().max(Comparator.comparingInt((WorkerInfo w) -> w.cores)
                .thenComparingLong(w -> w.memoryMiB)).orElseThrow();
        return "no worker can ever run " + what + " with " + need + " cores and " + memoryMiB + " MiB: the largest of "
                + alive.size() + " workers has " + largest.cores + " cores and " + largest.memoryMiB + " MiB";
    }

    private void endApplication(ApplicationInfo app, ApplicationInfo.State state, String reason) {
        LOG.info("{} {}: {}", app, state.name().toLowerCase(java.util.Locale.ROOT), reason);
        app.state = state;
        app.reason = reason;
        app.endTime = System.currentTimeMillis();
        if (state != ApplicationInfo.State.FINISHED && app.driver != null) {
            app.driver.tell(new ApplicationKilled(reason));
        }
        for (ExecutorInfo executor : new ArrayList<>(app.executors.values())) {
            executor.worker.executors.remove(executor.key());
            executor.state = ExecutorInfo.State.STOPPED;
        }
        app.executors.clear();
        for (WorkerInfo worker : workers.values()) {
            if (worker.state == WorkerInfo.State.ALIVE && worker.client != null) {
                worker.client.tell(new ApplicationEnded(app.id));
            }
        }
        if (app.driver != null) {
            closeLater(app.driver);
        }
        store.removeApplication(app.id);
    }

    private void executorExited(ExecutorExited exited) {
        synchronized (this) {
            WorkerInfo worker = workers.get(exited.workerId());
            ExecutorInfo executor = worker == null ? null
                    : worker.executors.get(ExecutorInfo.key(exited.appId(), exited.executorId()));
            if (executor == null) {
                return;
            }
            String reason = "its process on worker " + worker.id + " exited with code " + exited.exitCode()
                    + (exited.reason().isEmpty() ? "" : ": " + exited.reason());
            removeExecutor(executor, reason, exited.exitCode() != 0);
            schedule();
        }
    }

    private void removeExecutor(ExecutorInfo executor, String reason, boolean failed) {
        executor.worker.executors.remove(executor.key());
        executor.state = ExecutorInfo.State.EXITED;
        ApplicationInfo app = applications.get(executor.appId);
        if (app == null || app.executors.remove(executor.id) == null || !app.isActive()) {
            return;
        }
        LOG.warn("Executor {} of {} removed: {}", executor.id, app, reason);
        if (app.driver != null) {
            app.driver.tell(new ExecutorRemoved(executor.id, reason));
        }
        if (failed) {
            app.failedExecutorsInRow++;
            if (app.failedExecutorsInRow > maxExecutorRetries && app.executors.isEmpty()) {
                endApplication(app, ApplicationInfo.State.FAILED, app.failedExecutorsInRow + " executors failed in a "
                        + "row (sluice.deploy.maxExecutorRetries=" + maxExecutorRetries + "); the last: " + reason);
                return;
            }
        }
        if (app.executors.isEmpty()) {
            app.state = ApplicationInfo.State.WAITING;
        }
    }

    // ---------------------------------------------------------------- drivers

    private synchronized DriverSubmitted submitDriver(DriverDescription description) {
        String problem = impossible(description.cores(), description.memoryMiB(), "the driver");
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String id = "driver-" + LocalDateTime.now().format(ID_TIME) + "-" + String.format("%04d", nextDriver.getAndIncrement());
        DriverInfo driver = new DriverInfo(id, description, System.currentTimeMillis());
        drivers.put(id, driver);
        store.putDriver(new DriverRecord(id, description, driver.submitTime));
        LOG.info("Submitted {}", driver);
        schedule();
        return new DriverSubmitted(id);
    }

    private void driverExited(DriverExited exited) {
        synchronized (this) {
            DriverInfo driver = drivers.get(exited.driverId());
            if (driver == null || driver.worker == null || !driver.worker.id.equals(exited.workerId())) {
                return;
            }
            releaseDriver(driver);
            if (exited.killed()) {
                endDriver(driver, DriverInfo.State.KILLED, exited.exitCode(), "killed");
            } else if (exited.exitCode() == 0) {
                endDriver(driver, DriverInfo.State.FINISHED, 0, "");
            } else if (driver.description.supervise()) {
                LOG.warn("{} exited with code {}; relaunching it (supervised)", driver, exited.exitCode());
                driver.state = DriverInfo.State.RELAUNCHING;
                driver.exitCode = exited.exitCode();
                driver.reason = "exited with code " + exited.exitCode() + "; relaunching (supervised)";
            } else {
                endDriver(driver, DriverInfo.State.FAILED, exited.exitCode(), exited.reason());
            }
            schedule();
        }
    }

    private void releaseDriver(DriverInfo driver) {
        WorkerInfo worker = driver.worker;
        if (worker != null && worker.drivers.remove(driver.id)) {
            worker.driverCores -= driver.description.cores();
            worker.driverMemoryMiB -= driver.description.memoryMiB();
        }
        driver.worker = null;
    }

    private void endDriver(DriverInfo driver, DriverInfo.State state, Integer exitCode, String reason) {
        driver.state = state;
        driver.exitCode = exitCode;
        driver.reason = reason;
        store.removeDriver(driver.id);
        LOG.info("{} {}{}", driver, state.name().toLowerCase(java.util.Locale.ROOT),
                reason.isEmpty() ? "" : ": " + reason);
    }

    private synchronized Ack kill(String id) {
        ApplicationInfo app = applications.get(id);
        if (app != null) {
            if (!app.isActive()) {
                return new Ack(id + " has ended already (" + app.state + ")");
            }
            endApplication(app, ApplicationInfo.State.KILLED, "killed by a user");
            schedule();
            return new Ack("killed " + id);
        }
        DriverInfo driver = drivers.get(id);
        if (driver != null) {
            if (!driver.isActive()) {
                return new Ack(id + " has ended already (" + driver.state + ")");
            }
            if (driver.worker != null) {
                driver.worker.client.tell(new KillDriver(id));
                driver.reason = "being killed";
            } else {
                endDriver(driver, DriverInfo.State.KILLED, null, "killed before it was launched");
            }
            return new Ack("killing " + id);
        }
        throw new IllegalArgumentException("The master knows no application or driver " + id);
    }

    private synchronized DriverState driverState(String id) {
        DriverInfo driver = drivers.get(id);
        if (driver == null) {
            throw new IllegalArgumentException("The master knows no driver " + id);
        }
        return new DriverState(driver.state.name(), driver.exitCode == null ? -1 : driver.exitCode, driver.reason);
    }

    // ---------------------------------------------------------------- scheduling

    /** Launches waiting drivers, then gives applications executors, first come first served. */
    private void schedule() {
        if (closed) {
            return;
        }
        List<WorkerInfo> alive = new ArrayList<>(workers.values().stream()
                .filter(w -> w.state == WorkerInfo.State.ALIVE).toList());
        for (DriverInfo driver : drivers.values()) {
            if (driver.state == DriverInfo.State.SUBMITTED || driver.state == DriverInfo.State.RELAUNCHING) {
                launchDriver(driver, alive);
            }
        }
        for (ApplicationInfo app : applications.values()) {
            if ((app.state == ApplicationInfo.State.WAITING || app.state == ApplicationInfo.State.RUNNING)
                    && app.driver != null && app.coresWanted() > 0) {
                launchExecutors(app, alive);
            }
        }
    }

    private void launchDriver(DriverInfo driver, List<WorkerInfo> alive) {
        DriverDescription d = driver.description;
        int start = alive.isEmpty() ? 0 : Math.floorMod(nextDriver.get() + driver.launches, alive.size());
        for (int i = 0; i < alive.size(); i++) {
            WorkerInfo worker = alive.get((start + i) % alive.size());
            if (worker.freeCores() >= d.cores() && worker.freeMemoryMiB() >= d.memoryMiB()) {
                driver.state = DriverInfo.State.RUNNING;
                driver.worker = worker;
                driver.launches++;
                driver.reason = "";
                worker.drivers.add(driver.id);
                worker.driverCores += d.cores();
                worker.driverMemoryMiB += d.memoryMiB();
                LOG.info("Launching {} on {}", driver, worker);
                worker.client.tell(new LaunchDriver(driver.id, d));
                return;
            }
        }
        driver.reason = "waiting for a worker with " + d.cores() + " free cores and " + d.memoryMiB() + " MiB";
    }

    private void launchExecutors(ApplicationInfo app, List<WorkerInfo> alive) {
        RegisterApplication r = app.registration;
        List<ExecutorPlacement.Offer> offers = new ArrayList<>();
        for (WorkerInfo worker : alive) {
            offers.add(new ExecutorPlacement.Offer(worker.id, worker.freeCores(), worker.freeMemoryMiB()));
        }
        List<ExecutorPlacement.Assignment> assignments = ExecutorPlacement.assign(offers, r.coresPerExecutor(),
                r.memoryPerExecutorMiB(), app.coresWanted(), spreadOut);
        if (assignments.isEmpty()) {
            if (app.executors.isEmpty()) {
                String reason = alive.isEmpty() ? "waiting: no worker is registered"
                        : "waiting for a worker with " + Math.max(1, r.coresPerExecutor()) + " free cores and "
                        + r.memoryPerExecutorMiB() + " MiB free (" + describeFree(alive) + ")";
                if (!reason.equals(app.reason)) {
                    LOG.warn("{} is {}", app, reason);
                }
                app.reason = reason;
                app.state = ApplicationInfo.State.WAITING;
            }
            return;
        }
        for (ExecutorPlacement.Assignment assignment : assignments) {
            WorkerInfo worker = workers.get(assignment.workerId());
            String executorId = Integer.toString(app.nextExecutorId++);
            ExecutorInfo executor = new ExecutorInfo(app.id, executorId, worker, assignment.cores(),
                    r.memoryPerExecutorMiB());
            worker.executors.put(executor.key(), executor);
            app.executors.put(executorId, executor);
            LOG.info("Launching executor {} of {} on {} with {} cores", executorId, app, worker, assignment.cores());
            LaunchExecutor launch = new LaunchExecutor(app.id, executorId, assignment.cores(), r.memoryPerExecutorMiB(),
                    r.driverHost(), r.driverPort(), r.configText());
            // The driver learns the id first, so the executor's registration finds it expected.
            app.driver.ask(new ExecutorAdded(executorId, worker.id, worker.host, assignment.cores(),
                            r.memoryPerExecutorMiB()), Ack.class, Duration.ofSeconds(30))
                    .whenComplete((ack, error) -> {
                        if (error == null) {
                            synchronized (this) {
                                if (executor.state == ExecutorInfo.State.LAUNCHING) {
                                    executor.state = ExecutorInfo.State.RUNNING;
                                    worker.client.tell(launch);
                                }
                            }
                        } else {
                            synchronized (this) {
                                removeExecutor(executor, "its driver could not be told: " + error.getMessage(), false);
                            }
                        }
                    });
        }
        app.state = ApplicationInfo.State.RUNNING;
        app.reason = "";
    }

    private static String describeFree(List<WorkerInfo> alive) {
        StringBuilder out = new StringBuilder();
        for (WorkerInfo worker : alive) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(worker.id).append(": ").append(worker.freeCores()).append('/').append(worker.cores)
                    .append(" cores, ").append(worker.freeMemoryMiB()).append('/').append(worker.memoryMiB)
                    .append(" MiB free");
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- state

    @Override
    public synchronized List<WorkerView> workers() {
        long now = System.nanoTime();
        List<WorkerView> out = new ArrayList<>();
        for (WorkerInfo w : workers.values()) {
            out.add(new WorkerView(w.id, w.host, w.port, w.webUiPort, w.state.name(), w.cores, w.coresUsed(),
                    w.memoryMiB, w.memoryUsedMiB(), TimeUnit.NANOSECONDS.toMillis(now - w.lastHeartbeat),
                    List.copyOf(w.executors.keySet()), List.copyOf(w.drivers)));
        }
        return out;
    }

    @Override
    public synchronized List<ApplicationView> applications() {
        List<ApplicationView> out = new ArrayList<>();
        for (ApplicationInfo a : applications.values()) {
            List<ExecutorView> executors = new ArrayList<>();
            for (ExecutorInfo e : a.executors.values()) {
                executors.add(new ExecutorView(e.id, e.worker.id, e.worker.host, e.cores, e.memoryMiB, e.state.name()));
            }
            RegisterApplication r = a.registration;
            out.add(new ApplicationView(a.id, r.name(), a.state.name(), a.reason, a.coresGranted(), r.maxCores(),
                    r.coresPerExecutor(), r.memoryPerExecutorMiB(), r.driverHost() + ":" + r.driverPort(), a.startTime,
                    a.endTime, executors));
        }
        out.sort(Comparator.comparing((ApplicationView a) -> !isActive(a.state())));
        return out;
    }

    private static boolean isActive(String state) {
        return !state.equals("FINISHED") && !state.equals("KILLED") && !state.equals("FAILED");
    }

    @Override
    public synchronized List<DriverView> drivers() {
        List<DriverView> out = new ArrayList<>();
        for (DriverInfo d : drivers.values()) {
            out.add(new DriverView(d.id, d.description.mainClass(), d.state.name(), d.worker == null ? null : d.worker.id,
                    d.description.cores(), d.description.memoryMiB(), d.description.supervise(), d.launches,
                    d.exitCode, d.reason, d.submitTime));
        }
        return out;
    }

    /** Stops listening; workers and drivers keep running and register again with the next master. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        web.close();
        server.close();
        clients.close();
        store.close();
    }
}
