package dev.sluice.deploy.master;

import dev.sluice.common.DaemonThreads;
import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.deploy.ClusterState.ApplicationView;
import dev.sluice.deploy.ClusterState.DriverView;
import dev.sluice.deploy.ClusterState.WorkerView;
import dev.sluice.deploy.ClusterState;
import dev.sluice.deploy.DeployMessages;
import dev.sluice.deploy.MasterUrl;
import dev.sluice.deploy.http.JsonStateServer;
import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.TransportServer;
import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.message.MessageRequestHandler;
import dev.sluice.network.serialization.ControlSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The standalone cluster's master: workers register with it and heartbeat; it schedules drivers (cluster deploy
 * mode) and applications' executors FIFO onto the workers' free cores and memory, tells workers to launch and stop
 * processes, tells drivers which executors they get and lose, and declares silent workers dead. With a
 * {@link FileSystemRecoveryStore} it takes its workers, applications and drivers back after a restart.
 *
 * <p>This class is the composition root and the lifecycle: it starts the listener, the JSON state and the timer
 * around a {@link MasterCore}, whose parts do the work, and stops them.
 */
public final class Master implements ClusterState.Source, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Master.class);

    private final TransportClientFactory clients;
    private final RecoveryStore store;
    /** Runs the master's timers, and what must not run under its lock or on a network thread (closing connections). */
    private final ScheduledExecutorService timer;
    private final MasterCore core;
    private final TransportServer server;
    private final JsonStateServer web;

    private Master(SluiceConfig config, TransportConfig transport, RecoveryStore store) throws IOException {
        MasterSettings settings = MasterSettings.from(config);
        ControlSerializer serializer = DeployMessages.newSerializer();
        this.store = store;
        this.clients = new TransportClientFactory(transport);
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("sluice-master-timer"));
        this.core = MasterCore.wire(settings, store, new MasterCore.Environment(
                RemotePeer.connector(clients, serializer), timer, () -> url().toString(), this::webUiPort,
                System::nanoTime, Clock.systemDefaultZone()));
        this.server = TransportServer.start(transport, new MessageRequestHandler(serializer, core.routes()));
        this.web = JsonStateServer.start(transport.bindHost(), config.get(ConfigKeys.MASTER_WEBUI_PORT), core.views());
        long period = settings.checkPeriod().toMillis();
        timer.scheduleWithFixedDelay(core.liveness()::check, period, period, TimeUnit.MILLISECONDS);
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

    @Override
    public List<WorkerView> workers() {
        return core.views().workers();
    }

    @Override
    public List<ApplicationView> applications() {
        return core.views().applications();
    }

    @Override
    public List<DriverView> drivers() {
        return core.views().drivers();
    }

    /** Stops listening; workers and drivers keep running and register again with the next master. */
    @Override
    public void close() {
        core.registry().close();
        timer.shutdownNow();
        web.close();
        server.close();
        clients.close();
        store.close();
    }
}
