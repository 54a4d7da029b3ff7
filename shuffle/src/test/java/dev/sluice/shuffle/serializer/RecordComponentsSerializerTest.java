package dev.sluice.shuffle.serializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordComponentsSerializerTest {

    record Pair<K, V>(K key, V value) {}

    private record Hidden(long id, double weight, boolean flag, char letter) {}

    record Arrays2(int[] numbers, String[] words) {}

    record Empty() {}

    record Positive(int n) {
        Positive {
            if (n <= 0) {
                throw new IllegalArgumentException("n must be positive, was " + n);
            }
        }
    }

    interface Shape {}

    record Circle(double radius) implements Shape {}

    record Square(double side) implements Shape {}

    record Drawing(String title, Shape main, Object extra) {}

    private final KryoSerializer serializer = new KryoSerializer(SerializerSettings.defaults());

    private List<Object> roundTrip(List<Object> objects) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (RecordOutput out = serializer.newOutput(bytes)) {
            objects.forEach(out::write);
        }
        List<Object> back = new ArrayList<>();
        try (RecordInput in = serializer.newInput(new ByteArrayInputStream(bytes.toByteArray()))) {
            while (!in.atEnd()) {
                back.add(in.read());
            }
        }
        return back;
    }

    @Test
    void nestedGenericRecordsWithNullsAndSubtypesRoundTrip() {
        List<Object> records = Arrays.asList(
                new Pair<>(1L, new Pair<>(2L, "two")),
                new Pair<>(null, null),
                new Pair<>("k", List.of(1, 2)),
                new Pair<>(new Pair<>(1, 2), Long.MIN_VALUE),
                new Drawing("d", new Circle(1.5), new Square(2)),
                new Drawing(null, null, null),
                new Drawing("e", new Square(3), 7),
                new Empty());

        assertThat(roundTrip(records)).containsExactlyElementsOf(records);
    }

    @Test
    void privateRecordsWithPrimitiveComponentsRoundTrip() {
        Hidden hidden = new Hidden(Long.MAX_VALUE, -0.5, true, 'ü');

        assertThat(roundTrip(List.of(hidden))).containsExactly(hidden);
        assertThat(serializer.deserialize(serializer.serialize(hidden))).isEqualTo(hidden);
    }

    @Test
    void arrayComponentsRoundTripByContent() {
        Arrays2 record = new Arrays2(new int[] {1, -2, 3}, new String[] {"a", null});

        Arrays2 back = (Arrays2) roundTrip(List.of(record)).get(0);

        assertThat(back.numbers()).containsExactly(1, -2, 3);
        assertThat(back.words()).containsExactly("a", null);
    }

    @Test
    void aCanonicalConstructorThatRejectsTheDataFailsNamingTheRecord() {
        byte[] bytes = serializer.serialize(new Positive(3));
        bytes[bytes.length - 1] = 0; // the int component, zig-zag encoded: 0 now

        assertThatThrownBy(() -> serializer.deserialize(bytes))
                .isInstanceOf(SerializationException.class)
                .hasStackTraceContaining(Positive.class.getName())
                .hasStackTraceContaining("n must be positive, was 0");
    }
}
