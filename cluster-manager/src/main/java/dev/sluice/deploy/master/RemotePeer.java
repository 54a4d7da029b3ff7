package dev.sluice.deploy.master;

import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.message.MessageClient;
import dev.sluice.network.serialization.ControlSerializer;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A {@link Peer} over a control-plane connection. */
record RemotePeer(MessageClient client) implements Peer {

    /** Connects with {@code clients}, encoding messages with {@code serializer}. */
    static Peer.Connector connector(TransportClientFactory clients, ControlSerializer serializer) {
        return (host, port) -> clients.clientAsync(new InetSocketAddress(host, port))
                .thenApply(transport -> new RemotePeer(new MessageClient(transport, serializer)));
    }

    @Override
    public void tell(Object message) {
        client.tell(message);
    }

    @Override
    public <T> CompletableFuture<T> ask(Object message, Class<T> replyType, Duration timeout) {
        return client.ask(message, replyType, timeout);
    }

    @Override
    public CompletableFuture<?> closed() {
        return client.transport().closeFuture();
    }

    @Override
    public void close() {
        client.transport().close();
    }
}
