package dev.sluice.network;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A streamed reply read as an {@link InputStream}. Chunks are queued as they arrive (retained, not copied); once
 * the queue holds {@code highWatermarkBytes} the connection stops reading until the reader has drained it to half
 * of that, so a slow reader holds a bounded amount of memory. {@link #read} blocks for data; a failed stream makes
 * it throw the failure. Close it to release what is queued and abandon the rest of the stream.
 *
 * <p>Obtained from {@link TransportClient#openStream}.
 */
public final class StreamInputStream extends InputStream implements StreamListener {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private final long highWatermarkBytes;
    private long queuedBytes;
    private CompletableFuture<Void> resumeSignal;
    private CompletableFuture<Long> transfer;
    private boolean ended;
    private Throwable failure;
    private boolean closed;

    StreamInputStream(long highWatermarkBytes) {
        if (highWatermarkBytes < 1) {
            throw new IllegalArgumentException("highWatermarkBytes must be positive, got " + highWatermarkBytes);
        }
        this.highWatermarkBytes = highWatermarkBytes;
    }

    /** Connects the stream to the transfer feeding it: its completion marks the end or the failure. */
    void attach(CompletableFuture<Long> transferFuture) {
        lock.lock();
        try {
            transfer = transferFuture;
        } finally {
            lock.unlock();
        }
        transferFuture.whenComplete((bytes, error) -> {
            CompletableFuture<Void> toResume;
            lock.lock();
            try {
                if (error != null) {
                    failure = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    releaseQueue();
                } else {
                    ended = true;
                }
                // nothing more arrives for this stream, so the connection need not stay paused for it
                toResume = resumeSignal;
                resumeSignal = null;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (toResume != null) {
                toResume.complete(null);
            }
        });
    }

    @Override
    public CompletionStage<?> onChunk(ByteBuf chunk) {
        lock.lock();
        try {
            if (closed || failure != null) {
                return null;
            }
            if (chunk.isReadable()) {
                queue.add(chunk.retain());
                queuedBytes += chunk.readableBytes();
                changed.signalAll();
            }
            if (queuedBytes >= highWatermarkBytes) {
                if (resumeSignal == null) {
                    resumeSignal = new CompletableFuture<>();
                }
                return resumeSignal;
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        CompletableFuture<Void> toResume = null;
        int read;
        lock.lock();
        try {
            awaitData();
            if (queue.isEmpty()) {
                return -1;
            }
            ByteBuf head = queue.peek();
            read = Math.min(length, head.readableBytes());
            head.readBytes(target, offset, read);
            if (!head.isReadable()) {
                queue.poll().release();
            }
            queuedBytes -= read;
            if (resumeSignal != null && queuedBytes <= highWatermarkBytes / 2) {
                toResume = resumeSignal;
                resumeSignal = null;
            }
        } finally {
            lock.unlock();
        }
        if (toResume != null) {
            toResume.complete(null);
        }
        return read;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return (int) Math.min(Integer.MAX_VALUE, queuedBytes);
        } finally {
            lock.unlock();
        }
    }

    /** Releases the queued chunks and abandons the rest of the stream; later chunks are dropped. */
    @Override
    public void close() {
        CompletableFuture<Void> toResume;
        CompletableFuture<Long> toCancel;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            releaseQueue();
            toResume = resumeSignal;
            resumeSignal = null;
            toCancel = transfer;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (toCancel != null) {
            toCancel.cancel(false);
        }
        if (toResume != null) {
            toResume.complete(null);
        }
    }

    private void awaitData() throws IOException {
        boolean interrupted = false;
        try {
            while (queue.isEmpty() && !ended && failure == null && !closed) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                    throw new InterruptedIOException("interrupted while waiting for stream data");
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (closed) {
            throw new IOException("stream is closed");
        }
        if (failure != null) {
            releaseQueue();
            throw new IOException(failure.getMessage(), failure);
        }
    }

    private void releaseQueue() {
        ByteBuf chunk;
        while ((chunk = queue.poll()) != null) {
            chunk.release();
        }
        queuedBytes = 0;
    }
}
