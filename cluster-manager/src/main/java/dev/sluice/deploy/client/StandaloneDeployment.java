package dev.sluice.deploy.client;

import dev.sluice.SluiceException;
import dev.sluice.common.DaemonThreads;
import dev.sluice.config.ConfigException;
import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.deploy.DeployMessages.Ack;
import dev.sluice.deploy.DeployMessages.ApplicationKilled;
import dev.sluice.deploy.DeployMessages.ApplicationRegistered;
import dev.sluice.deploy.DeployMessages.ExecutorAdded;
import dev.sluice.deploy.DeployMessages.ExecutorRemoved;
import dev.sluice.deploy.DeployMessages.RegisterApplication;
import dev.sluice.deploy.DeployMessages.UnregisterApplication;
import dev.sluice.deploy.DeployMessages;
import dev.sluice.deploy.MasterUrl;
import dev.sluice.driver.cluster.ClusterDeployment;
import dev.sluice.driver.cluster.ClusterDriver;
import dev.sluice.executor.protocol.ExecutorSpec;
import dev.sluice.executor.protocol.TransportSettings;
import dev.sluice.network.AuthenticationException;
import dev.sluice.network.RemoteException;
import dev.sluice.network.RequestContext;
import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.message.MessageClient;
import dev.sluice.network.message.MessageHandler;
import dev.sluice.network.message.UnexpectedMessageException;
import dev.sluice.shuffle.tracker.MapOutputTracker;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Standalone mode, driver side: registers the application with the master, which has workers launch its
 * executors; they register with this driver like local-cluster executors do. Executors the master reports lost
 * (their process died, their worker stopped heartbeating) are declared lost here, and replacements register
 * as they start. If the connection to the master drops, the driver registers again (a restarted master with
 * recovery takes it back) while its executors keep running.
 */
final class StandaloneDeployment extends ClusterDeployment implements MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneDeployment.class);
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);
    /** How long creation waits for the first executors before jobs may start (they queue until executors come). */
    private static final Duration FIRST_EXECUTORS_WAIT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final long RECONNECT_MILLIS = 1000;

    private final String appId;
    private final SluiceConfig config;
    private final MasterUrl masterUrl;
    private final ClusterDriver driver;
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService reconnector;
    private volatile MessageClient master;
    private volatile boolean closing;
    private volatile String killedReason;

    private StandaloneDeployment(String appId, SluiceConfig config, MeterRegistry registry, MasterUrl masterUrl,
                                 MapOutputTracker mapOutputs) throws IOException {
        this.appId = appId;
        this.config = config;
        this.masterUrl = masterUrl;
        String secret = TransportSettings.configuredSecret(config);
        if (secret.isEmpty()) {
            throw new ConfigException("A standalone master (" + masterUrl + ") needs the cluster's secret: set "
                    + "sluice.auth.secret or sluice.auth.secretFile (bin/sluice reads conf/sluice.secret)");
        }
        TransportConfig transport = TransportSettings.transportConfig(config, secret);
        this.driver = new ClusterDriver(appId, config, registry, mapOutputs, transport, DeployMessages.newSerializer(),
                this, true);
        this.reconnector = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("sluice-master-reconnect"));
    }

    /**
     * Registers with the master and waits (bounded) for the first executors.
     *
     * @throws SluiceException if the master cannot be reached, refuses the secret or refuses the application
     */
    static StandaloneDeployment start(String appId, SluiceConfig config, MeterRegistry registry, MasterUrl masterUrl,
                                      MapOutputTracker mapOutputs) {
        StandaloneDeployment deployment;
        try {
            deployment = new StandaloneDeployment(appId, config, registry, masterUrl, mapOutputs);
        } catch (IOException e) {
            throw new SluiceException("Cannot start the driver of " + appId + ": " + e.getMessage(), e);
        }
        try {
            deployment.register(false);
            deployment.awaitFirstExecutors();
        } catch (RuntimeException e) {
            deployment.close();
            throw e;
        }
        return deployment;
    }

    private void register(boolean again) {
        try {
            MessageClient client = new MessageClient(driver.clients().client(masterUrl.address()), driver.serializer());
            var address = driver.address();
            RegisterApplication registration = new RegisterApplication(appId, config.get(ConfigKeys.APP_NAME),
                    config.get(ConfigKeys.EXECUTOR_CORES), config.get(ConfigKeys.EXECUTOR_MEMORY) >> 20,
                    config.get(ConfigKeys.CORES_MAX), address.getHostString(), address.getPort(),
                    ExecutorSpec.encodeConfig(config), again, driver.executorIds().toArray(String[]::new));
            client.ask(registration, ApplicationRegistered.class, ASK_TIMEOUT).get();
            master = client;
            client.transport().closeFuture().whenComplete((done, error) -> masterLost(client));
            LOG.info("Application {} registered with the master at {}", appId, masterUrl);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException("Interrupted while registering with the master at " + masterUrl, e);
        } catch (ExecutionException e) {
            throw new SluiceException("The master at " + masterUrl + " refused application " + appId + ": "
                    + rootMessage(e.getCause()), e.getCause());
        } catch (AuthenticationException e) {
            throw new SluiceException("The master at " + masterUrl + " refused this driver's secret: set the "
                    + "cluster's secret in sluice.auth.secret or sluice.auth.secretFile", e);
        } catch (IOException e) {
            throw new SluiceException("Cannot reach the master at " + masterUrl + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof AuthenticationException)) {
            cause = cause.getCause();
        }
        if (cause instanceof RemoteException remote) {
            return remote.remoteMessage();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    private void awaitFirstExecutors() {
        long deadline = System.nanoTime() + FIRST_EXECUTORS_WAIT.toNanos();
        try {
            while (System.nanoTime() < deadline && killedReason == null) {
                int registered = driver.executorIds().size();
                if (registered > 0 && registered >= announced.size()) {
                    return;
                }
                driver.awaitExecutors(Math.max(1, announced.size()), Duration.ofMillis(50));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException("Interrupted while waiting for the executors of " + appId, e);
        }
        if (killedReason != null) {
            throw new SluiceException("The master removed application " + appId + ": " + killedReason);
        }
        LOG.warn("Application {} has no executor after {} s; its jobs wait for the master to grant some (see "
                + "bin/sluice status)", appId, FIRST_EXECUTORS_WAIT.toSeconds());
    }

    private void masterLost(MessageClient client) {
        if (closing || master != client) {
            return;
        }
        LOG.warn("Lost the connection to the master at {}; registering application {} again", masterUrl, appId);
        master = null;
        reconnector.schedule(this::reconnect, RECONNECT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void reconnect() {
        if (closing || killedReason != null) {
            return;
        }
        try {
            register(true);
        } catch (SluiceException e) {
            LOG.warn("{}; retrying in {} ms", e.getMessage(), RECONNECT_MILLIS);
            if (e.getMessage().contains("does not know application")) {
                // Its workers stop the executors of applications the master does not know: nothing can run.
                killedReason = e.getMessage();
                driver.abort(e.getMessage());
                return;
            }
            reconnector.schedule(this::reconnect, RECONNECT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    // ---------------------------------------------------------------- the master's messages

    @Override
    public CompletableFuture<?> onRequest(RequestContext context, Object message) {
        if (message instanceof ExecutorAdded added) {
            announced.add(added.executorId());
            driver.expect(added.executorId());
            LOG.info("Executor {} of {} is starting on worker {} ({} cores)", added.executorId(), appId,
                    added.workerId(), added.cores());
            return CompletableFuture.completedFuture(new Ack("expected"));
        }
        throw UnexpectedMessageException.notAnswered("The driver", message);
    }

    @Override
    public void onMessage(RequestContext context, Object message) {
        if (message instanceof ExecutorRemoved removed) {
            announced.remove(removed.executorId());
            driver.executorLost(removed.executorId(), removed.reason());
        } else if (message instanceof ApplicationKilled killed) {
            killedReason = killed.reason();
            LOG.error("The master removed application {}: {}", appId, killed.reason());
            driver.abort("The master at " + masterUrl + " removed application " + appId + ": " + killed.reason());
        } else {
            throw UnexpectedMessageException.notAccepted("The driver", message);
        }
    }

    // ---------------------------------------------------------------- Deployment

    @Override
    protected ClusterDriver driver() {
        return driver;
    }

    @Override
    public int defaultParallelism() {
        return Math.max(2, driver.backend().totalSlots());
    }

    /** Stops the executors, tells the master the application is done (its workers delete its data), and stops. */
    @Override
    public void close() {
        closing = true;
        reconnector.shutdownNow();
        driver.stopExecutors("the driver is closing", STOP_TIMEOUT);
        MessageClient client = master;
        if (client != null) {
            try {
                client.ask(new UnregisterApplication(appId), Ack.class, STOP_TIMEOUT).get(STOP_TIMEOUT.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warn("Could not tell the master at {} that {} ended: {}", masterUrl, appId, e.toString());
            }
        }
        driver.close();
    }
}
