package dev.sluice.network.testing;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import dev.sluice.network.RemoteException;
import dev.sluice.network.TransportClient;
import dev.sluice.network.serialization.ControlSerializationException;
import dev.sluice.network.serialization.ControlSerializer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * A peer that holds the shared secret and misbehaves after authenticating, frame after frame, deterministically
 * (a seeded {@link Random}). It sends requests and one-way messages whose payloads are random bytes, valid messages
 * cut short, Kryo envelopes naming unknown registration ids or unregistered classes by name, and well-formed
 * messages the service must refuse (the caller's: a block request for a shuffle that does not exist, a command
 * meant for another endpoint). Every payload is checked against the service's serializer first, so a random one
 * that happens to decode is never sent: each request must get an error reply.
 */
public final class BadPeer {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);
    private static final int WINDOW = 64;

    private final ControlSerializer serializer;
    private final List<Object> validSamples;
    private final List<Object> refused;
    private final Random random;
    private final List<byte[]> namedClasses;

    /**
     * A bad peer of a service whose messages {@code serializer} decodes.
     *
     * @param serializer the service's serializer (its classes, in its order)
     * @param validSamples well-formed messages of the service's protocol, to be sent cut short
     * @param refused well-formed messages the service must answer with an error
     * @param seed the seed of every random choice
     */
    public BadPeer(ControlSerializer serializer, List<Object> validSamples, List<Object> refused, long seed) {
        this.serializer = serializer;
        this.validSamples = List.copyOf(validSamples);
        this.refused = List.copyOf(refused);
        this.random = new Random(seed);
        this.namedClasses = List.of(byName(new Gadget("rm -rf /")), byName(new StringBuilder("x")),
                byName(new String[] {"a", "b"}), byName(new TreeSet<>(List.of("a"))));
    }

    /**
     * What the service answered.
     *
     * @param requests requests sent
     * @param oneWays one-way messages sent
     * @param errorReplies requests answered with an error response
     * @param answered requests answered with a normal response (a bad peer should get none)
     * @param otherFailures requests that failed otherwise (timeout, closed connection), with a sample reason
     * @param sampleErrors a few of the error messages, one per kind of frame
     */
    public record Report(int requests, int oneWays, int errorReplies, int answered, int otherFailures,
                         List<String> sampleErrors) {
    }

    /** Sends {@code frames} bad frames on {@code client} (an authenticated connection) and awaits every reply. */
    public Report flood(TransportClient client, int frames) throws InterruptedException {
        Tally tally = new Tally();
        List<CompletableFuture<byte[]>> window = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            byte[] payload = payload(kind);
            if (random.nextInt(5) == 0) {
                client.send(payload);
                tally.oneWays++;
                continue;
            }
            window.add(client.request(payload, REPLY_TIMEOUT));
            kinds.add(kind);
            tally.requests++;
            if (window.size() == WINDOW) {
                tally.await(window, kinds);
            }
        }
        tally.await(window, kinds);
        return new Report(tally.requests, tally.oneWays, tally.errors, tally.answered, tally.other,
                List.copyOf(tally.samples));
    }

    /** What came back so far. */
    private static final class Tally {
        int requests;
        int oneWays;
        int errors;
        int answered;
        int other;
        final List<String> samples = new ArrayList<>();

        /** Awaits every reply in {@code window}, counts it, and empties the window. */
        void await(List<CompletableFuture<byte[]>> window, List<Kind> kinds) throws InterruptedException {
            for (int w = 0; w < window.size(); w++) {
                Throwable failure = failureOf(window.get(w));
                if (failure == null) {
                    answered++;
                } else if (failure instanceof RemoteException remote) {
                    errors++;
                    sample(kinds.get(w) + ":", remote.remoteMessage());
                } else {
                    other++;
                    sample("OTHER:", failure.toString());
                }
            }
            window.clear();
            kinds.clear();
        }

        private void sample(String prefix, String message) {
            if (samples.stream().noneMatch(s -> s.startsWith(prefix))) {
                samples.add(prefix + " " + message);
            }
        }
    }

    /**
     * Authenticates on a raw socket with {@code secret}, then sends bytes that are no frame at all (a length prefix
     * beyond any limit, and random bytes), and returns whether the server closed that connection.
     */
    public boolean garbageAfterHandshake(InetSocketAddress address, byte[] secret) throws IOException {
        try (RawConnection raw = RawConnection.open(address)) {
            raw.write(raw.handshakeUntilProof(secret));
            RawConnection.RawFrame result = raw.readFrame();
            if (result.type() != RawConnection.AUTH_RESULT || result.body()[0] != 0) {
                throw new IOException("the handshake did not succeed: " + result);
            }
            byte[] garbage = new byte[64 + random.nextInt(64)];
            random.nextBytes(garbage);
            garbage[0] = (byte) (0x05 + random.nextInt(0x7a)); // a length prefix above the 64 MiB frame limit
            raw.write(garbage);
            return raw.awaitClosedByPeer();
        }
    }

    private static Throwable failureOf(CompletableFuture<byte[]> reply) throws InterruptedException {
        try {
            reply.get(REPLY_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            return cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        } catch (java.util.concurrent.TimeoutException e) {
            return e;
        }
    }

    /** A class no service registers, sent by name. */
    record Gadget(String command) {
    }

    /** What a bad frame carries. */
    enum Kind { RANDOM_BYTES, TRUNCATED, UNKNOWN_ID, NAMED_CLASS, REFUSED_MESSAGE }

    private byte[] payload(Kind kind) {
        while (true) {
            byte[] candidate = switch (kind) {
                case RANDOM_BYTES -> randomBytes(random.nextInt(80));
                case TRUNCATED -> truncated();
                case UNKNOWN_ID -> unknownId();
                case NAMED_CLASS -> namedClasses.get(random.nextInt(namedClasses.size()));
                case REFUSED_MESSAGE -> refused.isEmpty() ? unknownId()
                        : serializer.serialize(refused.get(random.nextInt(refused.size())));
            };
            if (kind == Kind.REFUSED_MESSAGE || !decodes(candidate)) {
                return candidate;
            }
        }
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] truncated() {
        byte[] whole = serializer.serialize(validSamples.get(random.nextInt(validSamples.size())));
        return Arrays.copyOf(whole, random.nextInt(whole.length));
    }

    /** Kryo's class id (registration id + 2, a positive varint) of a class this side never registered. */
    private byte[] unknownId() {
        int id = ControlSerializer.FIRST_LISTED_ID + serializer.registeredClasses().size() + 2 + random.nextInt(5000);
        ByteBuffer buffer = ByteBuffer.allocate(5 + 16);
        while ((id & ~0x7f) != 0) {
            buffer.put((byte) ((id & 0x7f) | 0x80));
            id >>>= 7;
        }
        buffer.put((byte) id);
        buffer.put(randomBytes(random.nextInt(16)));
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private boolean decodes(byte[] payload) {
        try {
            serializer.deserialize(payload);
            return true;
        } catch (ControlSerializationException e) {
            return false;
        }
    }

    /** A Kryo envelope naming {@code value}'s class by name, as a Kryo without registration writes it. */
    private static byte[] byName(Object value) {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(false);
        try (Output output = new Output(256, -1)) {
            kryo.writeClassAndObject(output, value);
            return output.toBytes();
        }
    }
}
