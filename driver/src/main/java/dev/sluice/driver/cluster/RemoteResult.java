package dev.sluice.driver.cluster;

import dev.sluice.executor.protocol.ClusterMessages.DiscardResult;
import dev.sluice.executor.protocol.ClusterMessages.FetchResult;
import dev.sluice.executor.task.DeferredResult;
import dev.sluice.network.message.MessageClient;
import dev.sluice.network.serialization.ControlSerializer;
import dev.sluice.shuffle.serializer.Serializer;

import java.io.IOException;
import java.io.InputStream;

/**
 * A result task's value as an executor reported it: its serialized bytes when small, else a reference to the
 * bytes the executor keeps, streamed on {@link #fetch()}.
 */
final class RemoteResult implements DeferredResult {
    private final long taskId;
    private final byte[] inline;
    private final long sizeBytes;
    private final MessageClient executor;
    private final ControlSerializer control;
    private final Serializer data;

    RemoteResult(long taskId, byte[] inline, long sizeBytes, MessageClient executor, ControlSerializer control,
                 Serializer data) {
        this.taskId = taskId;
        this.inline = inline;
        this.sizeBytes = sizeBytes;
        this.executor = executor;
        this.control = control;
        this.data = data;
    }

    @Override
    public long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public Object fetch() throws IOException {
        if (inline != null) {
            return data.deserialize(inline);
        }
        byte[] bytes;
        try (InputStream in = executor.transport().openStream(control.serialize(new FetchResult(taskId)))) {
            bytes = in.readNBytes((int) sizeBytes);
            if (bytes.length != sizeBytes || in.read() != -1) {
                throw new IOException("the executor sent " + bytes.length + "+ bytes for a result of " + sizeBytes);
            }
        }
        return data.deserialize(bytes);
    }

    @Override
    public void discard() {
        if (inline == null && executor != null) {
            executor.tell(new DiscardResult(taskId));
        }
    }
}
