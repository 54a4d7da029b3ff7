package dev.sluice.shuffle.net;

import dev.sluice.network.Reply;
import dev.sluice.network.RequestContext;
import dev.sluice.network.RequestHandler;
import dev.sluice.network.TransportException;
import dev.sluice.network.TransportServer;
import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.serialization.ControlSerializationException;
import dev.sluice.network.serialization.ControlSerializer;
import dev.sluice.shuffle.io.LocalDirectory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the shuffle segments of the map outputs in one {@link LocalDirectory}: answers each {@link FetchBlocks}
 * request with a stream in the {@link BlockProtocol} format, or with an error response naming the shuffle, map,
 * reduce ids and this executor's directory when the output is missing or does not have the partition (logged
 * once per connection, see {@link dev.sluice.network.PeerProblems}). A failed request does not affect the next one.
 */
public final class ShuffleBlockServer implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ShuffleBlockServer.class);

    private final LocalDirectory dirs;
    private final boolean zeroCopy;
    private final ControlSerializer serializer = BlockProtocol.newSerializer();

    /** A handler serving the map outputs in {@code dirs}. */
    public ShuffleBlockServer(LocalDirectory dirs) {
        this(dirs, true);
    }

    /**
     * A handler serving the map outputs in {@code dirs}; with {@code zeroCopy}, segments go out as file regions
     * on connections without TLS (see {@link BlockStreamSource}), otherwise always through buffers.
     */
    public ShuffleBlockServer(LocalDirectory dirs, boolean zeroCopy) {
        this.zeroCopy = zeroCopy;
        this.dirs = Objects.requireNonNull(dirs, "dirs");
    }

    /**
     * Starts a transport server serving the map outputs in {@code dirs}; the caller closes it.
     *
     * @throws TransportException if the server cannot bind or set up TLS
     */
    public static TransportServer start(TransportConfig config, LocalDirectory dirs) throws TransportException {
        return TransportServer.start(config, new ShuffleBlockServer(dirs));
    }

    @Override
    public CompletableFuture<Reply> onRequest(RequestContext context, ByteBuf payload) {
        FetchBlocks request;
        try {
            request = serializer.deserialize(ByteBufUtil.getBytes(payload), FetchBlocks.class);
        } catch (ControlSerializationException e) {
            context.problems().report(LOG, "Refused a block request: " + e.getMessage());
            throw e;
        }
        return serve(context, request);
    }

    /**
     * Answers a request that a server with more services than blocks decoded itself (its serializer must list
     * {@link BlockProtocol#CLASSES} first, so fetchers' messages decode the same).
     */
    public CompletableFuture<Reply> serve(RequestContext context, FetchBlocks request) {
        try {
            MapOutputSegments segments = MapOutputSegments.read(dirs, request.shuffleId(), request.mapId());
            int[] reduceIds = request.reduceIds();
            for (int reduceId : reduceIds) {
                if (reduceId < 0 || reduceId >= segments.partitions()) {
                    throw new IOException("the map output has " + segments.partitions() + " partitions, not "
                            + "partition " + reduceId);
                }
            }
            return CompletableFuture.completedFuture(Reply.stream(new BlockStreamSource(segments, reduceIds, zeroCopy)));
        } catch (IOException e) {
            String message = "Cannot serve shuffle " + request.shuffleId() + " map " + request.mapId() + " reduce "
                    + Arrays.toString(request.reduceIds()) + " from executor directory " + dirs.root() + ": "
                    + e.getMessage();
            context.problems().report(LOG, message);
            return CompletableFuture.failedFuture(new IOException(message, e));
        }
    }
}
