package dev.sluice.deploy.cli;

import dev.sluice.config.SluiceConfig;
import dev.sluice.deploy.DeployMessages;
import dev.sluice.deploy.MasterUrl;
import dev.sluice.executor.protocol.TransportSettings;
import dev.sluice.network.AuthenticationException;
import dev.sluice.network.RemoteException;
import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.message.MessageClient;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A command-line connection to the master, whose failures become one-line messages for people. */
final class MasterClient implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final MasterUrl url;
    private final TransportClientFactory clients;
    private final MessageClient client;

    MasterClient(MasterUrl url, SluiceConfig config, String secret) throws CommandException {
        this.url = url;
        try {
            this.clients = new TransportClientFactory(TransportSettings.transportConfig(config, secret));
        } catch (IOException e) {
            throw new CommandException("Cannot start a client: " + e.getMessage());
        }
        try {
            this.client = new MessageClient(clients.client(url.address()), DeployMessages.newSerializer());
        } catch (AuthenticationException e) {
            clients.close();
            throw new CommandException("The master at " + url + " refused our secret: use the cluster's secret "
                    + "(conf/sluice.secret, sluice.auth.secret or sluice.auth.secretFile)");
        } catch (IOException e) {
            clients.close();
            throw new CommandException("Cannot reach the master at " + url + ": " + e.getMessage());
        }
    }

    /** Asks the master; its refusal becomes a {@link CommandException} with its message. */
    <T> T ask(Object message, Class<T> reply) throws CommandException {
        try {
            return client.ask(message, reply, TIMEOUT).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String text = cause instanceof RemoteException remote ? remote.remoteMessage() : String.valueOf(cause);
            throw new CommandException("The master at " + url + " refused: " + text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("Interrupted");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new CommandException("The master at " + url + " did not answer within " + TIMEOUT.toSeconds() + " s");
        }
    }

    MasterUrl url() {
        return url;
    }

    @Override
    public void close() {
        clients.close();
    }
}
