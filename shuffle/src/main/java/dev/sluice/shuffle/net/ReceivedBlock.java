package dev.sluice.shuffle.net;

import dev.sluice.shuffle.io.FetchedBlock;
import dev.sluice.shuffle.io.ShuffleBlockId;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/** A block fetched over the network and held in memory until the reader closes it, which frees its bytes. */
final class ReceivedBlock implements FetchedBlock {

    private final ShuffleBlockId id;
    private final long size;
    private final LongConsumer onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile byte[] bytes;

    ReceivedBlock(ShuffleBlockId id, byte[] bytes, LongConsumer onClose) {
        this.id = id;
        this.bytes = bytes;
        this.size = bytes.length;
        this.onClose = onClose;
    }

    @Override
    public ShuffleBlockId id() {
        return id;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public InputStream open() {
        byte[] content = bytes;
        if (content == null) {
            throw new IllegalStateException("Block " + id + " is closed");
        }
        return new ByteArrayInputStream(content);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            bytes = null;
            onClose.accept(size);
        }
    }
}
