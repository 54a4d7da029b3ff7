package dev.sluice.deploy.worker;

import dev.sluice.deploy.DeployMessages.RegisterWorker;
import dev.sluice.deploy.DeployMessages.WorkerHeartbeat;
import dev.sluice.deploy.DeployMessages.WorkerHeartbeatReply;
import dev.sluice.deploy.DeployMessages.WorkerRegistered;
import dev.sluice.deploy.MasterUrl;
import dev.sluice.network.AuthenticationException;
import dev.sluice.network.TlsRequiredException;
import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.message.MessageClient;
import dev.sluice.network.serialization.ControlSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A worker's connection to its master: it registers (retrying every second until the master answers, and again
 * whenever the connection drops or the master no longer knows the worker), heartbeats, and carries the worker's
 * reports. A master that refuses the worker's secret or TLS setting is fatal: retrying would not help.
 */
final class MasterLink {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class); // the worker's log lines, as they were
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);
    private static final long RETRY_MILLIS = 1000;

    private final String workerId;
    private final MasterUrl masterUrl;
    private final TransportClientFactory clients;
    private final ControlSerializer serializer;
    private final ScheduledExecutorService timer;
    private final Supplier<RegisterWorker> registration;
    private final Consumer<WorkerRegistered> registered;
    private final CompletableFuture<String> fatal = new CompletableFuture<>();
    private volatile MessageClient master;
    private volatile boolean registering;
    private volatile boolean closed;

    /**
     * @param timer runs the registrations and heartbeats
     * @param registration what the worker is and runs, at the time it registers
     * @param registered told each time the master accepted the worker
     */
    MasterLink(String workerId, MasterUrl masterUrl, TransportClientFactory clients, ControlSerializer serializer,
               ScheduledExecutorService timer, Supplier<RegisterWorker> registration,
               Consumer<WorkerRegistered> registered) {
        this.workerId = workerId;
        this.masterUrl = masterUrl;
        this.clients = clients;
        this.serializer = serializer;
        this.timer = timer;
        this.registration = registration;
        this.registered = registered;
    }

    /** Registers, then heartbeats every {@code heartbeatInterval}. */
    void start(Duration heartbeatInterval) {
        timer.execute(this::register);
        long period = heartbeatInterval.toMillis();
        timer.scheduleWithFixedDelay(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
    }

    /** Completes with the reason when the worker cannot go on (the master refused its secret). */
    CompletableFuture<String> fatalError() {
        return fatal;
    }

    boolean isConnected() {
        return master != null;
    }

    /** Sends a one-way message to the master; dropped (and logged) while disconnected. */
    void tell(Object message) {
        MessageClient client = master;
        if (client != null) {
            client.tell(message);
        } else {
            LOG.warn("Could not tell the master {} (not connected)", message);
        }
    }

    /** Stops registering; the caller stops the timer. */
    void close() {
        closed = true;
    }

    private void register() {
        if (closed) {
            return;
        }
        registering = true;
        RegisterWorker request = registration.get();
        try {
            MessageClient client = new MessageClient(clients.client(masterUrl.address()), serializer);
            WorkerRegistered reply = client.ask(request, WorkerRegistered.class, ASK_TIMEOUT)
                    .get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            master = client;
            registering = false;
            LOG.info("Registered with the master at {}", reply.masterUrl());
            registered.accept(reply);
            client.transport().closeFuture().whenComplete((done, error) -> masterLost(client));
        } catch (AuthenticationException e) {
            // A wrong secret does not get better by retrying: the worker gives up, saying why.
            fatal.complete("The master at " + masterUrl + " refused this worker's secret: use the cluster's secret "
                    + "(the master's conf/sluice.secret, sluice.auth.secret or sluice.auth.secretFile)");
        } catch (TlsRequiredException e) {
            // Neither does a TLS setting that differs from the master's.
            fatal.complete("Cannot register with the master at " + masterUrl + ": " + e.getMessage());
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            LOG.warn("Cannot register with the master at {}: {}; retrying in {} ms", masterUrl, cause.getMessage(),
                    RETRY_MILLIS);
            if (!closed) {
                timer.schedule(this::register, RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void masterLost(MessageClient client) {
        if (!closed && master == client && !registering) {
            LOG.warn("Lost the connection to the master at {}; registering again", masterUrl);
            master = null;
            registering = true;
            timer.execute(this::register);
        }
    }

    private void heartbeat() {
        MessageClient client = master;
        if (client == null || registering) {
            return;
        }
        client.ask(new WorkerHeartbeat(workerId), WorkerHeartbeatReply.class, ASK_TIMEOUT)
                .whenComplete((reply, error) -> {
                    if (error == null && !reply.known() && master == client && !registering) {
                        LOG.warn("The master at {} does not know this worker any more; registering again", masterUrl);
                        registering = true;
                        timer.execute(this::register);
                    }
                });
    }
}
