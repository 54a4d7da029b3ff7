package dev.sluice.network;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/** The buffer allocator every connection uses and the event loop groups servers and client factories own. */
final class NetworkResources {

    /** Pooled direct buffers, shared by all connections of this JVM. */
    static final PooledByteBufAllocator ALLOCATOR = new PooledByteBufAllocator(true);

    private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;

    private NetworkResources() {
    }

    /** An NIO event loop group of daemon threads named after {@code name}. */
    static EventLoopGroup newEventLoopGroup(int threads, String name) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true),
                NioIoHandler.newFactory());
    }

    /** Shuts the group down without a quiet period and waits for its threads to finish. */
    static void shutDown(EventLoopGroup group) {
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS + 1, TimeUnit.SECONDS);
    }
}
