package dev.sluice.shuffle.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.shuffle.collection.KeyPrefix;
import dev.sluice.shuffle.serializer.KryoSerializer;
import dev.sluice.shuffle.serializer.RecordInput;
import dev.sluice.shuffle.serializer.Serializer;
import dev.sluice.shuffle.serializer.SerializerSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SerializedPairBufferTest {

    private final Serializer serializer = new KryoSerializer(SerializerSettings.defaults());

    @Test
    void sortsPairsOfEverySizeAcrossPagesAndSpillsTheirBytesInOrder() throws IOException {
        SerializedPairBuffer<Long, String> buffer = new SerializedPairBuffer<>(serializer, KeyPrefix.naturalOrder(false));
        List<Map.Entry<Long, String>> added = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            // Mostly short values, some longer than a first page, two longer than the largest page.
            int length = i == 7 || i == 19_000 ? 3 << 20 : i % 1_000 == 0 ? 10_000 : random.nextInt(40);
            long key = random.nextInt(5_000) - 2_500;
            String value = i + ":" + "v".repeat(length);
            buffer.add(key, value);
            added.add(Map.entry(key, value));
        }
        assertThat(buffer.size()).isEqualTo(20_000);
        assertThat(buffer.footprint()).isGreaterThan(2L * (3 << 20));

        buffer.sort(Comparator.reverseOrder());

        List<Map.Entry<Long, String>> expected = new ArrayList<>(added);
        expected.sort(Map.Entry.<Long, String>comparingByKey().reversed()); // stable, as the buffer's sort
        assertThat(read(buffer.sortedCursor())).isEqualTo(expected);
        ByteArrayOutputStream spilled = new ByteArrayOutputStream();
        buffer.writeSortedTo(spilled);
        assertThat(readStream(spilled.toByteArray())).isEqualTo(expected);
    }

    @Test
    void breaksTiesOfEqualPrefixesWithTheComparatorAndKeepsAddedOrderForEqualKeys() {
        SerializedPairBuffer<String, Integer> buffer = new SerializedPairBuffer<>(serializer, KeyPrefix.naturalOrder(true));
        List<Map.Entry<String, Integer>> added = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 5_000; i++) {
            String key = random.nextBoolean() ? "same-prefix-" + random.nextInt(50) : null;
            buffer.add(key, i);
            added.add(new java.util.AbstractMap.SimpleEntry<>(key, i));
        }
        Comparator<String> order = Comparator.nullsFirst(Comparator.naturalOrder());

        buffer.sort(order);

        List<Map.Entry<String, Integer>> expected = new ArrayList<>(added);
        expected.sort(Map.Entry.comparingByKey(order));
        assertThat(read(buffer.sortedCursor())).isEqualTo(expected);
        assertThatThrownBy(() -> buffer.add("late", 0)).isInstanceOf(IllegalStateException.class);

        buffer.clear();
        assertThat(buffer.size()).isZero();
        buffer.add("again", 1);
        List<Map.Entry<String, Integer>> readBack = new ArrayList<>();
        buffer.forEachInAddedOrder((key, value) -> readBack.add(Map.entry(key, value)));
        assertThat(readBack).containsExactly(Map.entry("again", 1));
    }

    private static <K, V> List<Map.Entry<K, V>> read(PairCursor<K, V> cursor) {
        List<Map.Entry<K, V>> pairs = new ArrayList<>();
        while (cursor.advance()) {
            pairs.add(new java.util.AbstractMap.SimpleEntry<>(cursor.key(), cursor.value()));
        }
        return pairs;
    }

    private List<Map.Entry<Object, Object>> readStream(byte[] bytes) {
        List<Map.Entry<Object, Object>> pairs = new ArrayList<>();
        try (RecordInput input = serializer.newInput(new ByteArrayInputStream(bytes))) {
            while (!input.atEnd()) {
                pairs.add(new java.util.AbstractMap.SimpleEntry<>(input.read(), input.read()));
            }
        }
        return pairs;
    }
}
