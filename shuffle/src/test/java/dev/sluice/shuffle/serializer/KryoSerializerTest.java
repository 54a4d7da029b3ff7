package dev.sluice.shuffle.serializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class KryoSerializerTest {

    record Point(int x, String label) {}

    record Shape(String name, List<Point> points, Map<String, Integer> tags) {}

    /** Has no no-arg constructor, so Kryo needs the Objenesis fallback. */
    static final class Money {
        private final long cents;
        private final String currency;

        Money(long cents, String currency) {
            if (currency == null) {
                throw new IllegalArgumentException("currency");
            }
            this.cents = cents;
            this.currency = currency;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Money that && cents == that.cents && currency.equals(that.currency);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(cents) * 31 + currency.hashCode();
        }
    }

    static final class Node {
        Node next;
        String name;
    }

    static final class Unregistered {
        int value = 7;
    }

    private final KryoSerializer serializer = new KryoSerializer(SerializerSettings.defaults());

    @Test
    void streamsRoundTripRecordsNullsCollectionsAndArrays() {
        List<Object> objects = Arrays.asList(
                new Point(1, "a"),
                null,
                new Shape("tri", List.of(new Point(0, null), new Point(2, "b")), Map.of("k", 1, "j", 2)),
                List.of(),
                List.of(1, 2, 3),
                Map.of("x", List.of("y")),
                new ArrayList<>(List.of("p", "q")),
                new HashMap<>(Map.of(1L, "one")),
                new int[] {1, 2, 3},
                new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE},
                new String[] {"s", null},
                Optional.of("present"),
                Optional.empty(),
                new Money(1234, "EUR"),
                "",
                42,
                3.5d);

        assertThat(readAll(write(serializer, objects))).containsExactlyElementsOf(objects);
    }

    @Test
    void everyKindOfStringRoundTripsExactly() {
        StringBuilder longText = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            longText.append((char) ('a' + i % 26)); // longer than the 64 KiB stream buffer
        }
        List<String> strings = Arrays.asList(null, "", "a", "ascii and a question mark?", "café", "naïve ☃",
                "日本語のテキスト", "clef 𝄞 and emoji 😀", "unpaired \uD800 high", "unpaired \uDC00 low?",
                "\uDFFF", "?", "nul \u0000 inside", longText.toString(), longText + "é");

        assertThat(readAll(write(serializer, new ArrayList<Object>(strings)))).containsExactlyElementsOf(strings);
        for (String text : strings) {
            assertThat(serializer.deserialize(serializer.serialize(text))).isEqualTo(text);
        }
    }

    @Test
    void singleObjectsRoundTrip() {
        Point point = new Point(5, "five");

        assertThat(serializer.deserialize(serializer.serialize(point))).isEqualTo(point);
        assertThat(serializer.deserialize(serializer.serialize(null))).isNull();
        assertThat(serializer.deserialize(serializer.serialize(new Money(1, "USD")))).isEqualTo(new Money(1, "USD"));
    }

    @Test
    void concatenatedStreamsReadBackAsOneStream() {
        byte[] first = write(serializer, List.of("a", new Point(1, "b")));
        byte[] second = write(serializer, Arrays.asList(null, List.of(3)));
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);

        assertThat(readAll(joined)).containsExactly("a", new Point(1, "b"), null, List.of(3));
    }

    @Test
    void bytesWrittenCountsBufferedBytes() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        RecordOutput out = serializer.newOutput(sink);

        out.write("hello");

        assertThat(out.bytesWritten()).isPositive();
        assertThat(sink.size()).isZero();
        out.flush();
        assertThat(sink.size()).isEqualTo(out.bytesWritten());
    }

    @Test
    void requiredRegistrationNamesTheClassAndTheConfigKey() {
        KryoSerializer strict = new KryoSerializer(SerializerSettings.defaults().withRegistrationRequired(true));

        assertThatThrownBy(() -> strict.serialize(new Unregistered()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Unregistered.class.getName())
                .hasMessageContaining("sluice.serializer.classes");
        RecordOutput out = strict.newOutput(new ByteArrayOutputStream());
        assertThatThrownBy(() -> out.write(List.of(new Unregistered())))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Unregistered.class.getName())
                .hasMessageContaining("sluice.serializer.classes");
    }

    @Test
    void registeredClassesAndJdkTypesWorkWhenRegistrationIsRequired() {
        KryoSerializer strict = new KryoSerializer(SerializerSettings.defaults()
                .withRegistrationRequired(true)
                .withRegisteredClassNames(List.of(Point.class.getName())));
        List<Object> objects = Arrays.asList(
                new Point(1, "x"), List.of(1, 2), Map.of("a", 1), new String[] {"s"}, new long[] {9}, null,
                Optional.of(3), new ArrayList<>(List.of("z")));

        assertThat(readAll(strict, write(strict, objects))).containsExactlyElementsOf(objects);
    }

    @Test
    void commonJdkTypesRoundTripWithoutReflectiveAccess() {
        List<Object> objects = List.of(
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                LocalDate.of(2024, 2, 29),
                Instant.ofEpochSecond(1_700_000_000L, 5),
                Duration.ofMillis(1500),
                new BigDecimal("12345.6789"),
                BigInteger.TWO.pow(100),
                new TreeMap<>(Map.of("b", 2, "a", 1)),
                new ArrayList<>(new ArrayDeque<>(List.of(1, 2))),
                Collections.singletonList("one"),
                Collections.emptyMap(),
                Arrays.asList("x", "y"));
        KryoSerializer strict = new KryoSerializer(SerializerSettings.defaults().withRegistrationRequired(true));

        assertThat(readAll(write(serializer, objects))).containsExactlyElementsOf(objects);
        assertThat(readAll(strict, write(strict, objects))).containsExactlyElementsOf(objects);
    }

    @Test
    void unknownRegisteredClassIsRejectedByName() {
        SerializerSettings settings = SerializerSettings.defaults().withRegisteredClassNames(List.of("com.example.Nope"));

        assertThatThrownBy(() -> new KryoSerializer(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("com.example.Nope")
                .hasMessageContaining("sluice.serializer.classes");
    }

    @Test
    void referenceTrackingPreservesCycles() {
        KryoSerializer tracking = new KryoSerializer(SerializerSettings.defaults().withReferenceTracking(true));
        Node node = new Node();
        node.name = "loop";
        node.next = node;

        Node copy = (Node) tracking.deserialize(tracking.serialize(node));

        assertThat(copy.name).isEqualTo("loop");
        assertThat(copy.next).isSameAs(copy);
    }

    @Test
    void truncatedStreamFailsWithAnIoError() {
        byte[] bytes = write(serializer, List.of("a fairly long string that spans several bytes"));
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 5);

        RecordInput in = serializer.newInput(new ByteArrayInputStream(truncated));

        assertThat(in.atEnd()).isFalse();
        assertThatThrownBy(in::read).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void ioCutShortByCancellationIsACancellation() {
        InputStream interrupted = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new ClosedByInterruptException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                throw new ClosedByInterruptException();
            }
        };

        assertThatThrownBy(() -> serializer.newInput(interrupted).atEnd()).isInstanceOf(CancellationException.class);
    }

    @Test
    void oneSerializerServesManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        Point point = new Point(seed * 10_000 + i, "p" + i);
                        if (!point.equals(serializer.deserialize(serializer.serialize(point)))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] write(Serializer serializer, List<?> objects) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (RecordOutput out = serializer.newOutput(bytes)) {
            objects.forEach(out::write);
        }
        return bytes.toByteArray();
    }

    private List<Object> readAll(byte[] bytes) {
        return readAll(serializer, bytes);
    }

    private static List<Object> readAll(Serializer serializer, byte[] bytes) {
        List<Object> objects = new ArrayList<>();
        try (RecordInput in = serializer.newInput(new ByteArrayInputStream(bytes))) {
            while (!in.atEnd()) {
                objects.add(in.read());
            }
        }
        return objects;
    }
}
