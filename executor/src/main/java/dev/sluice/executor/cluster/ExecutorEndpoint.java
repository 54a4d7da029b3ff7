package dev.sluice.executor.cluster;

import dev.sluice.executor.protocol.ClusterMessages.DiscardResult;
import dev.sluice.executor.protocol.ClusterMessages.FetchCachedBlock;
import dev.sluice.executor.protocol.ClusterMessages.FetchResult;
import dev.sluice.executor.protocol.ClusterMessages.KillTask;
import dev.sluice.executor.protocol.ClusterMessages.LaunchTask;
import dev.sluice.executor.protocol.ClusterMessages.RemoveCachedNode;
import dev.sluice.executor.protocol.ClusterMessages.RemoveShuffle;
import dev.sluice.executor.protocol.ClusterMessages.StopExecutor;
import dev.sluice.executor.storage.BlockId;
import dev.sluice.network.Reply;
import dev.sluice.network.RequestContext;
import dev.sluice.network.StreamSource;
import dev.sluice.network.message.MessageHandler;
import dev.sluice.network.message.UnexpectedMessageException;
import dev.sluice.shuffle.net.FetchBlocks;
import dev.sluice.shuffle.net.ShuffleBlockServer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * What an executor process answers on its one listening port: block fetches from other executors (its
 * shuffle files and cached blocks), and the driver's commands. File work and stopping run on {@code worker}, never on the
 * connection's I/O thread.
 */
final class ExecutorEndpoint implements MessageHandler {
    private final ExecutorProcess executor;
    private final ShuffleBlockServer blockServer;
    private final Executor worker;

    ExecutorEndpoint(ExecutorProcess executor, ShuffleBlockServer blockServer, Executor worker) {
        this.executor = executor;
        this.blockServer = blockServer;
        this.worker = worker;
    }

    @Override
    public CompletableFuture<?> onRequest(RequestContext context, Object message) {
        if (message instanceof FetchBlocks fetch) {
            return blockServer.serve(context, fetch);
        }
        if (message instanceof FetchResult fetch) {
            executor.heardFromDriver();
            byte[] bytes = executor.reporter().takeResult(fetch.taskId());
            if (bytes == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("Executor " + executor.id()
                        + " holds no result of task " + fetch.taskId() + " (fetched already, or discarded)"));
            }
            return CompletableFuture.completedFuture(Reply.stream(StreamSource.of(bytes)));
        }
        if (message instanceof FetchCachedBlock fetch) {
            return CompletableFuture.supplyAsync(() -> cachedBlock(fetch), worker);
        }
        if (message instanceof StopExecutor stop) {
            executor.heardFromDriver();
            return CompletableFuture.runAsync(() -> executor.stop(stop.reason()), worker).thenApply(done -> null);
        }
        throw UnexpectedMessageException.notAnswered("An executor", message);
    }

    private Reply cachedBlock(FetchCachedBlock fetch) {
        byte[] bytes = executor.serializedBlock(new BlockId(fetch.nodeId(), fetch.partition()));
        if (bytes == null) {
            throw new IllegalStateException("Executor " + executor.id() + " no longer holds partition "
                    + fetch.partition() + " of dataset node " + fetch.nodeId());
        }
        return Reply.stream(StreamSource.of(bytes));
    }

    @Override
    public void onMessage(RequestContext context, Object message) {
        if (message instanceof LaunchTask launch) {
            executor.launch(launch);
        } else if (message instanceof KillTask kill) {
            executor.kill(kill.taskId());
        } else if (message instanceof DiscardResult discard) {
            executor.reporter().takeResult(discard.taskId());
        } else if (message instanceof RemoveShuffle remove) {
            worker.execute(() -> executor.removeShuffle(remove.shuffleId()));
        } else if (message instanceof RemoveCachedNode remove) {
            worker.execute(() -> executor.removeCachedNode(remove.nodeId()));
        } else {
            throw UnexpectedMessageException.notAccepted("An executor", message);
        }
        executor.heardFromDriver(); // only the driver sends these commands
    }
}
