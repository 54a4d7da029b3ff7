package dev.sluice.network.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ControlSerializerTest {

    enum TaskState { RUNNING, FINISHED }

    record ExecutorId(String host, int port) {
    }

    record LaunchTask(long taskId, ExecutorId executor, byte[] closure, List<String> locations,
                      Map<String, Long> metrics, Optional<String> note, TaskState state) {
    }

    record Heartbeat(String executorId) {
    }

    record Unlisted(int value) {
    }

    record HoldsUnlisted(Unlisted inner) {
    }

    private final ControlSerializer serializer = new ControlSerializer(List.of(ExecutorId.class, LaunchTask.class,
            TaskState.class, Heartbeat.class, HoldsUnlisted.class));

    @Test
    void recordsRoundTripWithCollectionsEnumsAndOpaqueBytes() {
        byte[] closure = {(byte) 0xAC, (byte) 0xED, 0, 5, 's', 'r'};
        Map<String, Long> metrics = new HashMap<>(Map.of("records", 10L));
        LaunchTask task = new LaunchTask(7, new ExecutorId("127.0.0.1", 4040), closure,
                List.of("host-a", "host-b"), metrics, Optional.of("retry"), TaskState.RUNNING);

        LaunchTask decoded = serializer.deserialize(serializer.serialize(task), LaunchTask.class);

        assertThat(decoded.taskId()).isEqualTo(7);
        assertThat(decoded.executor()).isEqualTo(new ExecutorId("127.0.0.1", 4040));
        assertThat(decoded.closure()).isEqualTo(closure);
        assertThat(decoded.locations()).containsExactly("host-a", "host-b");
        assertThat(decoded.metrics()).isEqualTo(metrics);
        assertThat(decoded.note()).contains("retry");
        assertThat(decoded.state()).isEqualTo(TaskState.RUNNING);
    }

    @Test
    void nullFieldsAndMutableCollectionsRoundTrip() {
        LaunchTask task = new LaunchTask(1, null, null, new ArrayList<>(List.of("x")), null, Optional.empty(), null);

        LaunchTask decoded = serializer.deserialize(serializer.serialize(task), LaunchTask.class);

        assertThat(decoded.executor()).isNull();
        assertThat(decoded.closure()).isNull();
        assertThat(decoded.locations()).containsExactly("x");
        assertThat(decoded.note()).isEmpty();
    }

    @Test
    void anUnregisteredClassIsRefusedOnWrite() {
        assertThatThrownBy(() -> serializer.serialize(new Unlisted(1)))
                .isInstanceOf(ControlSerializationException.class)
                .hasMessageContaining("Cannot encode a control message of " + Unlisted.class.getName())
                .hasMessageContaining("not registered");
        assertThatThrownBy(() -> serializer.serialize(new HoldsUnlisted(new Unlisted(1))))
                .isInstanceOf(ControlSerializationException.class)
                .hasMessageContaining(Unlisted.class.getName());
        assertThatThrownBy(() -> serializer.serialize(new StringBuilder("x")))
                .isInstanceOf(ControlSerializationException.class)
                .hasMessageContaining("StringBuilder");
    }

    @Test
    void anUnknownRegistrationIdIsRefusedOnRead() {
        ControlSerializer sender = new ControlSerializer(List.of(ExecutorId.class, Unlisted.class));
        ControlSerializer receiver = new ControlSerializer(List.of(ExecutorId.class));
        byte[] bytes = sender.serialize(new Unlisted(3));

        assertThatThrownBy(() -> receiver.deserialize(bytes))
                .isInstanceOf(ControlSerializationException.class)
                .hasMessageContaining("unregistered class ID: " + (ControlSerializer.FIRST_LISTED_ID + 1))
                .hasMessageContaining("same classes in the same order");
        // the serializer is still usable afterwards
        assertThat(receiver.deserialize(receiver.serialize(new ExecutorId("h", 1)))).isEqualTo(new ExecutorId("h", 1));
    }

    @Test
    void arraysStringsAndImmutableCollectionsCannotClaimMoreElementsThanTheMessageHasBytes() {
        ControlSerializer withArrays = new ControlSerializer(List.of(long[].class, String[].class));
        byte[] hugeLongs = {(byte) (ControlSerializer.FIRST_LISTED_ID + 2), (byte) 0x80, (byte) 0x80, (byte) 0x80,
            (byte) 0x80, 0x04, 1, 2};
        byte[] hugeStrings = {(byte) (ControlSerializer.FIRST_LISTED_ID + 3), (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            0x03};
        byte[] hugeString = {3, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 'a'};
        byte[] list = serializer.serialize(List.of("a", "b", "c"));
        byte[] hugeList = new byte[list.length + 4];
        hugeList[0] = list[0];
        hugeList[1] = (byte) 0xFF;
        hugeList[2] = (byte) 0xFF;
        hugeList[3] = (byte) 0xFF;
        hugeList[4] = (byte) 0xFF;
        hugeList[5] = 0x03;
        System.arraycopy(list, 2, hugeList, 6, list.length - 2);

        assertThatThrownBy(() -> withArrays.deserialize(hugeLongs)).isInstanceOf(ControlSerializationException.class)
                .hasMessageContaining("a long[] claims 1073741823 or more elements but the message has only 7 bytes left");
        assertThatThrownBy(() -> withArrays.deserialize(hugeStrings)).isInstanceOf(ControlSerializationException.class)
                .hasMessageContaining("a String[] claims");
        assertThatThrownBy(() -> serializer.deserialize(hugeString)).isInstanceOf(ControlSerializationException.class)
                .hasMessageContaining("a string claims");
        assertThatThrownBy(() -> serializer.deserialize(hugeList)).isInstanceOf(ControlSerializationException.class)
                .hasMessageContaining("claims");
        assertThat(withArrays.deserialize(withArrays.serialize(new long[] {1, 2}))).isEqualTo(new long[] {1, 2});
        assertThat(withArrays.deserialize(withArrays.serialize(new String[] {"x", null})))
                .isEqualTo(new String[] {"x", null});
        assertThat(serializer.deserialize(list)).isEqualTo(List.of("a", "b", "c"));
        assertThat(serializer.deserialize(serializer.serialize("ünïcødé"))).isEqualTo("ünïcødé");
    }

    @Test
    void aValueItsOwnConstructorRefusesIsAControlSerializationException() {
        byte[] instant = serializer.serialize(java.time.Instant.EPOCH);
        com.esotericsoftware.kryo.io.Output output = new com.esotericsoftware.kryo.io.Output(32);
        output.writeByte(instant[0]);
        output.writeVarLong(Long.MAX_VALUE, true); // seconds far beyond Instant.MAX
        output.writeInt(0, true);
        byte[] outOfRange = output.toBytes();

        assertThatThrownBy(() -> serializer.deserialize(outOfRange))
                .isInstanceOf(ControlSerializationException.class)
                .hasMessageContaining("Cannot decode a control message of " + outOfRange.length + " bytes")
                .hasMessageContaining("DateTimeException");
    }

    @Test
    void aClassNamedByNameIsRefusedWithoutLookingItUp() {
        com.esotericsoftware.kryo.Kryo lenient = new com.esotericsoftware.kryo.Kryo();
        lenient.setRegistrationRequired(false);
        com.esotericsoftware.kryo.io.Output output = new com.esotericsoftware.kryo.io.Output(64, -1);
        lenient.writeClassAndObject(output, new Unlisted(5));
        byte[] named = output.toBytes();
        assertThat(new String(named, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("ControlSerializerTest$Unliste");

        assertThatThrownBy(() -> serializer.deserialize(named))
                .isInstanceOf(ControlSerializationException.class)
                .hasMessageContaining("names a class by name")
                .hasMessageContaining("only the registered classes, by id, are accepted");
        assertThat(serializer.deserialize(serializer.serialize(new Heartbeat("e")))).isEqualTo(new Heartbeat("e"));
    }

    @Test
    void truncatedAndTrailingBytesAreRefused() {
        byte[] bytes = serializer.serialize(new Heartbeat("executor-1"));

        assertThatThrownBy(() -> serializer.deserialize(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(ControlSerializationException.class);
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 2);
        assertThatThrownBy(() -> serializer.deserialize(padded))
                .isInstanceOf(ControlSerializationException.class)
                .hasMessageContaining("2 bytes are left after the message");
    }

    @Test
    void aByteArrayClaimingMoreBytesThanTheMessageHasIsRefusedWithoutAllocatingThem() {
        byte[] honest = serializer.serialize(new byte[] {1, 2, 3});
        // layout: class id (one varint byte), length + 1 (one varint byte), the bytes
        ByteArrayOutputStream forged = new ByteArrayOutputStream();
        forged.write(honest[0]);
        writeVarInt(forged, Integer.MAX_VALUE - 8);
        forged.write(1);

        assertThatThrownBy(() -> serializer.deserialize(forged.toByteArray()))
                .isInstanceOf(ControlSerializationException.class)
                .hasMessageContaining("claims " + (Integer.MAX_VALUE - 9) + " bytes");
    }

    @Test
    void aReplyOfTheWrongTypeIsRefused() {
        byte[] bytes = serializer.serialize(new Heartbeat("e"));

        assertThatThrownBy(() -> serializer.deserialize(bytes, ExecutorId.class))
                .isInstanceOf(ControlSerializationException.class)
                .hasMessageContaining("Expected a control message of " + ExecutorId.class.getName());
    }

    @Test
    void listingAClassTwiceOrABaseTypeIsRefused() {
        assertThatThrownBy(() -> new ControlSerializer(List.of(Heartbeat.class, Heartbeat.class)))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> new ControlSerializer(List.of(String.class)))
                .hasMessageContaining("java.lang.String is a base type");
        assertThat(serializer.registeredClasses()).hasSize(5).first().isEqualTo(ExecutorId.class);
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                Heartbeat heartbeat = new Heartbeat("executor-" + i);
                results.add(CompletableFuture.supplyAsync(
                        () -> serializer.deserialize(serializer.serialize(heartbeat)).equals(heartbeat), threads));
            }
            for (CompletableFuture<Boolean> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static void writeVarInt(ByteArrayOutputStream out, int value) {
        int remaining = value;
        while ((remaining & ~0x7F) != 0) {
            out.write((remaining & 0x7F) | 0x80);
            remaining >>>= 7;
        }
        out.write(remaining);
    }
}
