package dev.sluice.shuffle.net;

import dev.sluice.network.RemoteException;
import dev.sluice.network.TransportClientFactory;
import dev.sluice.network.serialization.ControlSerializer;
import dev.sluice.shuffle.Cancellation;
import dev.sluice.shuffle.io.FetchFailedException;
import dev.sluice.shuffle.io.FetchedBlock;
import dev.sluice.shuffle.io.ShuffleBlockId;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link NettyShuffleBlockFetcher#fetch} call: sends the planned requests within the {@link FetchLimits},
 * collects the blocks they bring back, retries connection failures, refetches a block whose checksum does not
 * match once, and hands blocks to the reader in arrival order. Closing it abandons what is still in flight and
 * frees blocks not handed out yet.
 */
final class FetchSession implements Iterator<FetchedBlock>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FetchSession.class);
    private static final Object DONE = new Object();

    private final TransportClientFactory clients;
    private final ControlSerializer serializer;
    private final FetchLimits limits;
    private final Object lock = new Object();
    private final Deque<FetchRequest> waiting;
    private final Set<Attempt> inFlight = new HashSet<>();
    private final Set<ShuffleBlockId> refetched = new HashSet<>();
    private final BlockingQueue<Object> ready = new LinkedBlockingQueue<>();
    private final long unannouncedEstimate;
    private long bufferedBytes;
    private int awaitingHeader;
    private int unresolved;
    private boolean stopped;
    private FetchedBlock next;
    private FetchFailedException failure;
    private boolean finished;

    FetchSession(TransportClientFactory clients, ControlSerializer serializer, FetchLimits limits,
                 List<FetchRequest> requests) {
        this.clients = clients;
        this.serializer = serializer;
        this.limits = limits;
        this.waiting = new ArrayDeque<>(requests);
        this.unannouncedEstimate = Math.max(1, limits.maxBytesInFlight() / limits.maxRequestsInFlight());
        this.unresolved = requests.stream().mapToInt(request -> request.message().reduceIds().length).sum();
        if (unresolved == 0) {
            ready.add(DONE);
        }
    }

    /** Sends the first requests. */
    void start() {
        pump();
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (failure != null) {
            throw failure;
        }
        if (finished) {
            return false;
        }
        Object item;
        try {
            item = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw Cancellation.cancelled(e);
        }
        if (item == DONE) {
            finished = true;
            close();
            return false;
        }
        if (item instanceof FetchFailedException fetchFailure) {
            failure = fetchFailure;
            close();
            throw fetchFailure;
        }
        next = (FetchedBlock) item;
        return true;
    }

    @Override
    public FetchedBlock next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        FetchedBlock block = next;
        next = null;
        return block;
    }

    /** Abandons the requests in flight and frees the blocks not handed out; idempotent. */
    @Override
    public void close() {
        List<Attempt> abandoned;
        synchronized (lock) {
            stopped = true;
            waiting.clear();
            abandoned = new ArrayList<>(inFlight);
        }
        abandoned.forEach(Attempt::abandon);
        if (next != null) {
            next.close();
            next = null;
        }
        for (Object item; (item = ready.poll()) != null; ) {
            if (item instanceof FetchedBlock block) {
                block.close();
            }
        }
    }

    /** Sends waiting requests while the limits allow. */
    private void pump() {
        while (true) {
            Attempt attempt;
            synchronized (lock) {
                if (stopped || waiting.isEmpty() || inFlight.size() >= limits.maxRequestsInFlight()
                        || estimatedBytesInFlight() >= limits.maxBytesInFlight()) {
                    return;
                }
                attempt = new Attempt(waiting.poll());
                inFlight.add(attempt);
                awaitingHeader++;
            }
            attempt.send();
        }
    }

    /**
     * Called with the lock held: the bytes held and announced by headers, plus an even share of the byte cap for
     * each request whose first header has not arrived yet (its size is unknown until then).
     */
    private long estimatedBytesInFlight() {
        return bufferedBytes + awaitingHeader * unannouncedEstimate;
    }

    private void release(long bytes) {
        synchronized (lock) {
            bufferedBytes -= bytes;
        }
        pump();
    }

    private void fail(FetchFailedException fetchFailure) {
        List<Attempt> abandoned;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            waiting.clear();
            abandoned = new ArrayList<>(inFlight);
            ready.add(fetchFailure);
        }
        abandoned.forEach(Attempt::abandon);
    }

    /** Called with the lock held: the block arrived intact. */
    private void resolve(ShuffleBlockId id, byte[] bytes) {
        if (bytes.length > 0) {
            ready.add(new ReceivedBlock(id, bytes, this::release));
        }
        if (--unresolved == 0) {
            ready.add(DONE);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** One try of one request: its stream, and which of its blocks arrived. */
    private final class Attempt implements BlockStreamParser.Sink {

        private final FetchRequest request;
        private final BlockStreamParser parser;
        private final Set<Integer> received = new HashSet<>();
        private boolean announced;
        private volatile CompletableFuture<Long> stream;
        private volatile boolean abandoned;

        Attempt(FetchRequest request) {
            this.request = request;
            this.parser = new BlockStreamParser(request.message().reduceIds(), this);
        }

        void send() {
            byte[] payload = serializer.serialize(request.message());
            clients.clientAsync(request.address())
                    .thenCompose(client -> {
                        stream = client.requestStream(payload, parser);
                        if (abandoned) {
                            stream.cancel(false);
                        }
                        return stream;
                    })
                    .whenComplete((bytes, error) -> finished(error));
        }

        void abandon() {
            abandoned = true;
            CompletableFuture<Long> current = stream;
            if (current != null) {
                current.cancel(false);
            }
        }

        @Override
        public void reserve(long bytes) {
            synchronized (lock) {
                bufferedBytes += bytes;
                headerArrived();
            }
        }

        @Override
        public void onBlock(int reduceId, byte[] bytes, int expectedCrc, int actualCrc) {
            ShuffleBlockId id = request.block(reduceId);
            FetchFailedException corrupt = null;
            synchronized (lock) {
                received.add(reduceId);
                if (stopped || expectedCrc != actualCrc) {
                    bufferedBytes -= bytes.length;
                }
                if (stopped) {
                    return;
                }
                if (expectedCrc == actualCrc) {
                    resolve(id, bytes);
                } else if (refetched.add(id)) {
                    LOG.warn("Block {} from {} failed its CRC32C check (expected {}, computed {}); fetching it again",
                            id, request.address(), hex(expectedCrc), hex(actualCrc));
                    waiting.addFirst(request.refetch(reduceId));
                } else {
                    corrupt = new FetchFailedException(id, "CRC32C mismatch for the block from "
                            + request.address() + " after one refetch: expected " + hex(expectedCrc) + ", computed "
                            + hex(actualCrc), null);
                }
            }
            if (corrupt != null) {
                fail(corrupt);
            }
        }

        private void finished(Throwable error) {
            FetchFailedException fetchFailure = null;
            FetchRequest retry = null;
            synchronized (lock) {
                inFlight.remove(this);
                headerArrived();
                bufferedBytes -= parser.partialBytes();
                if (stopped) {
                    return;
                }
                int[] missing = missing();
                if (missing.length > 0) {
                    ShuffleBlockId first = request.block(missing[0]);
                    Throwable cause = error == null ? null : unwrap(error);
                    if (cause == null) {
                        fetchFailure = new FetchFailedException(first, "the server at " + request.address()
                                + " ended the stream without " + missing.length + " of the requested blocks", null);
                    } else if (cause instanceof RemoteException remote) {
                        fetchFailure = new FetchFailedException(first, "the server at " + request.address()
                                + " could not serve it: " + remote.remoteMessage(), remote);
                    } else if (!(cause instanceof IOException) || request.retry() >= limits.maxRetries()) {
                        fetchFailure = new FetchFailedException(first, "cannot fetch from " + request.address()
                                + " after " + request.retry() + " retries: " + cause, cause);
                    } else {
                        retry = request.retryFor(missing);
                        LOG.warn("Fetching {} from {} failed ({}); retry {} of {} in {} ms", request.message(),
                                request.address(), cause.toString(), retry.retry(), limits.maxRetries(),
                                limits.retryDelay(retry.retry()).toMillis());
                    }
                }
            }
            if (fetchFailure != null) {
                fail(fetchFailure);
            } else if (retry != null) {
                scheduleRetry(retry);
            }
            pump();
        }

        private void scheduleRetry(FetchRequest retry) {
            CompletableFuture.delayedExecutor(limits.retryDelay(retry.retry()).toNanos(), TimeUnit.NANOSECONDS)
                    .execute(() -> {
                        synchronized (lock) {
                            if (stopped) {
                                return;
                            }
                            waiting.addFirst(retry);
                        }
                        pump();
                    });
        }

        /** Called with the lock held: stops counting this attempt's estimate once its size is known or moot. */
        private void headerArrived() {
            if (!announced) {
                announced = true;
                awaitingHeader--;
            }
        }

        /** Called with the lock held: the requested reduce ids whose blocks did not arrive. */
        private int[] missing() {
            return Arrays.stream(request.message().reduceIds())
                    .filter(reduceId -> !received.contains(reduceId))
                    .toArray();
        }
    }

    private static String hex(int crc) {
        return String.format("%08x", crc);
    }
}
