package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.Dataset;
import dev.sluice.Pair;
import dev.sluice.function.SerializableComparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** Empty datasets, empty partitions, and the same answers whatever the partition count. */
class EmptyAndPartitioningTest {
    @RegisterExtension
    final E2eContext context = new E2eContext();

    private static void assertEmptyActions(Dataset<Integer> empty) {
        assertThat(empty.count()).isZero();
        assertThat(empty.collect()).isEmpty();
        assertThat(empty.take(0)).isEmpty();
        assertThat(empty.take(5)).isEmpty();
        assertThatThrownBy(empty::first).isInstanceOf(NoSuchElementException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> empty.reduce(Integer::sum))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("reduce()")
                .hasMessageContaining("empty");
        assertThat(empty.fold(0, Integer::sum)).isZero();
        assertThat(empty.fold(7, Math::max)).isEqualTo(7);
        ArrayList<Integer> all = empty.aggregate(new ArrayList<Integer>(), (list, x) -> {
            list.add(x);
            return list;
        }, (a, b) -> {
            a.addAll(b);
            return a;
        });
        assertThat(all).isEmpty();
        assertThat(empty.countByValue()).isEmpty();
        assertThat(empty.top(3, SerializableComparator.<Integer>naturalOrder())).isEmpty();
        assertThat(empty.takeOrdered(3, SerializableComparator.<Integer>naturalOrder())).isEmpty();
        assertThat(empty.distinct().collect()).isEmpty();
        assertThat(empty.sortBy(x -> x).collect()).isEmpty();
        assertThat(empty.zipWithIndex().collect()).isEmpty();
        assertThat(empty.repartition(3).count()).isZero();
        assertThat(empty.mapToPair(x -> Pair.of(x, 1)).reduceByKey(Integer::sum).collect()).isEmpty();
        assertThat(empty.mapToPair(x -> Pair.of(x, 1)).groupByKey().collect()).isEmpty();
        assertThat(empty.mapToPair(x -> Pair.of(x, 1)).sortByKey().collect()).isEmpty();
        assertThat(empty.mapToPair(x -> Pair.of(x, 1)).countByKey()).isEmpty();
        assertThat(empty.mapToPair(x -> Pair.of(x, 1)).lookup(1)).isEmpty();
        assertThat(empty.keyBy(x -> x).join(empty.keyBy(x -> x)).collect()).isEmpty();
        assertThat(empty.keyBy(x -> x).fullOuterJoin(empty.keyBy(x -> x)).collect()).isEmpty();
        assertThat(empty.union(empty).count()).isZero();
    }

    @Test
    void emptyDatasetActions() {
        Dataset<Integer> empty = context.sluice().emptyDataset();
        assertEmptyActions(empty);
        assertThat(context.sluice().<Integer>parallelize(List.of()).collect()).isEmpty();
    }

    @Test
    void datasetWhosePartitionsAreAllEmpty() {
        Dataset<Integer> empty = context.sluice().parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), 8).filter(x -> x > 100);
        assertThat(empty.numPartitions()).isEqualTo(8);
        assertEmptyActions(empty);
        Dataset<Integer> emptyRange = context.sluice().range(10, 10, 4).map(Long::intValue);
        assertThat(emptyRange.numPartitions()).isEqualTo(4);
        assertEmptyActions(emptyRange);
    }

    @Test
    void datasetWithNoPartitionsAtAll(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.txt");
        Files.createFile(empty);
        Dataset<Integer> none = context.sluice().textFile(empty.toString()).map(String::length);
        assertThat(none.numPartitions()).isZero(); // an empty file has no splits
        assertEmptyActions(none);
        assertThat(none.coalesce(3).count()).isZero();
        assertThat(none.union(context.sluice().parallelize(List.of(1, 2), 2)).collect()).containsExactly(1, 2);
        Path out = dir.resolve("out");
        none.saveAsTextFile(out.toString());
        assertThat(E2e.namesIn(out)).containsExactly("_SUCCESS");
    }

    @Test
    void moreSlicesThanElements() {
        Dataset<Integer> few = context.sluice().parallelize(List.of(30, 10, 20), 10);
        assertThat(few.numPartitions()).isEqualTo(10);
        assertThat(few.collect()).containsExactly(30, 10, 20);
        assertThat(few.count()).isEqualTo(3);
        assertThat(few.first()).isEqualTo(30);
        assertThat(few.take(2)).containsExactly(30, 10);
        assertThat(few.take(10)).containsExactly(30, 10, 20);
        assertThat(few.reduce(Integer::sum)).isEqualTo(60);
        assertThat(few.fold(0, Integer::sum)).isEqualTo(60);
        assertThat(few.aggregate(0L, (acc, x) -> acc + x, Long::sum)).isEqualTo(60L);
        assertThat(few.sortBy(x -> x).collect()).containsExactly(10, 20, 30);
        assertThat(few.zipWithIndex().collect()).containsExactly(Pair.of(30, 0L), Pair.of(10, 1L), Pair.of(20, 2L));
        assertThat(few.top(2, SerializableComparator.<Integer>naturalOrder())).containsExactly(30, 20);
        assertThat(few.coalesce(3).collect()).containsExactly(30, 10, 20);
        assertThat(few.repartition(2).collect()).containsExactlyInAnyOrder(30, 10, 20);
        assertThat(few.keyBy(x -> x % 20).reduceByKey(Integer::sum).collectAsMap()).isEqualTo(Map.of(10, 40, 0, 20));
        assertThat(context.sluice().range(0, 5, 9).collect()).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    /**
     * A pipeline whose answers do not depend on the partition count. (Shuffles get explicit, small
     * partition counts: with 1,000 map tasks a 1,000-way shuffle is a million segments.)
     */
    private Map<String, Object> answers(int partitions) {
        Dataset<Long> numbers = context.sluice().range(0, 20_000, partitions);
        Dataset<Long> mapped = numbers.map(x -> x * 7919 % 10_007).filter(x -> x % 3 != 0);
        Map<String, Object> out = new TreeMap<>();
        out.put("partitions", numbers.numPartitions());
        out.put("count", mapped.count());
        out.put("collect", mapped.collect());
        out.put("take", mapped.take(25));
        out.put("first", mapped.first());
        out.put("reduce", mapped.reduce(Long::sum));
        out.put("fold", mapped.fold(0L, Long::sum));
        out.put("aggregate", mapped.aggregate(0L, (acc, x) -> acc + x % 11, Long::sum));
        out.put("takeOrdered", mapped.takeOrdered(5, SerializableComparator.<Long>naturalOrder()));
        out.put("byKey", new TreeMap<>(mapped.mapToPair(x -> Pair.of(x % 13, 1L)).reduceByKey(Long::sum, 7).collectAsMap()));
        out.put("sorted", mapped.sortBy(x -> x, SerializableComparator.<Long>naturalOrder(), true, 5).collect());
        out.put("zipLast", mapped.zipWithIndex().filter(p -> p.value() == 12_000L).collect());
        return out;
    }

    private static Map<String, Object> expectedAnswers(int partitions) {
        List<Long> mapped = LongStream.range(0, 20_000).map(x -> x * 7919 % 10_007).filter(x -> x % 3 != 0).boxed().toList();
        Map<String, Object> out = new TreeMap<>();
        out.put("partitions", partitions);
        out.put("count", (long) mapped.size());
        out.put("collect", mapped);
        out.put("take", mapped.subList(0, 25));
        out.put("first", mapped.get(0));
        long sum = mapped.stream().mapToLong(Long::longValue).sum();
        out.put("reduce", sum);
        out.put("fold", sum);
        out.put("aggregate", mapped.stream().mapToLong(x -> x % 11).sum());
        out.put("takeOrdered", mapped.stream().sorted().limit(5).toList());
        out.put("byKey", new TreeMap<>(mapped.stream().collect(Collectors.groupingBy(x -> x % 13, Collectors.counting()))));
        out.put("sorted", mapped.stream().sorted().toList());
        out.put("zipLast", List.of(Pair.of(mapped.get(12_000), 12_000L)));
        return out;
    }

    @Test
    void onePartitionAndAThousandPartitionsGiveTheSameAnswers() {
        assertThat(answers(1)).isEqualTo(expectedAnswers(1));
        assertThat(answers(1_000)).isEqualTo(expectedAnswers(1_000));
        assertThat(answers(3)).isEqualTo(expectedAnswers(3));
    }

    @Test
    void manyMapPartitionsThroughDefaultShuffles() {
        Dataset<Long> numbers = context.sluice().range(0, 5_000, 150);
        Map<Long, Long> expected = new TreeMap<>(LongStream.range(0, 5_000).boxed()
                .collect(Collectors.groupingBy(x -> x % 17, Collectors.counting())));
        // no partition count given: the shuffles pick their own
        assertThat(new TreeMap<>(numbers.mapToPair(x -> Pair.of(x % 17, 1L)).reduceByKey(Long::sum).collectAsMap()))
                .isEqualTo(expected);
        assertThat(new TreeMap<>(numbers.map(x -> x % 17).countByValue())).isEqualTo(expected);
        assertThat(numbers.map(x -> x % 17).distinct().count()).isEqualTo(17);
    }
}
