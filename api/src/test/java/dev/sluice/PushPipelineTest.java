package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.function.SerializableFunction;
import dev.sluice.storage.StorageLevel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stage's narrow operators pushed as one fused chain of sinks give exactly what they give pulled through
 * iterators: the same records in the same order for every operator and combination, the same action results,
 * the same exceptions, the same record counts. Each job runs twice, on {@link PushPullRuntime}'s pushing and
 * pulling runtimes.
 */
class PushPipelineTest {
    private static final List<Integer> DATA = IntStream.range(-50, 250).boxed().toList();
    /** What {@code foreach} saw, in this JVM (functions are serialized, so a captured list would be a copy). */
    private static final ConcurrentLinkedQueue<Object> SEEN = new ConcurrentLinkedQueue<>();

    private Sluice pushing;
    private Sluice pulling;

    @BeforeEach
    void start() {
        pushing = Sluice.builder().master("test:push").create();
        pulling = Sluice.builder().master("test:pull").create();
        SEEN.clear();
    }

    @AfterEach
    void stop() {
        pushing.close();
        pulling.close();
    }

    private static PushPullRuntime runtime(Sluice sluice) {
        return (PushPullRuntime) sluice.runtime();
    }

    /** {@code job} over DATA in 4 partitions, collected pushed and pulled: equal, and not empty. */
    private <R> List<R> samePushedAsPulled(SerializableFunction<Dataset<Integer>, Dataset<R>> job) {
        List<R> pushed = job.apply(pushing.parallelize(DATA, 4)).collect();
        List<R> pulled = job.apply(pulling.parallelize(DATA, 4)).collect();
        assertThat(pushed).isEqualTo(pulled).isNotEmpty();
        return pushed;
    }

    @Test
    void everyNarrowOperatorGivesThePulledRecordsInOrder() {
        assertThat(samePushedAsPulled(d -> d.map(x -> x * 2))).isEqualTo(DATA.stream().map(x -> x * 2).toList());
        assertThat(samePushedAsPulled(d -> d.filter(x -> x % 3 == 0)))
                .isEqualTo(DATA.stream().filter(x -> x % 3 == 0).toList());
        assertThat(samePushedAsPulled(d -> d.flatMap(x -> x % 4 == 0 ? null : Collections.nCopies(Math.floorMod(x, 4), x))))
                .hasSize(DATA.stream().mapToInt(x -> Math.floorMod(x, 4)).sum());
        assertThat(samePushedAsPulled(d -> d.<String>mapMulti((Integer x, Consumer<String> out) -> {
            for (int i = 0; i < Math.floorMod(x, 3); i++) {
                out.accept(x + "/" + i);
            }
        }))).startsWith("-50/0", "-49/0", "-49/1");
        samePushedAsPulled(d -> d.keyBy(x -> x % 7));
        samePushedAsPulled(d -> d.mapToPair(x -> Pair.of(x % 7, x)).mapValues(v -> v + 1));
        samePushedAsPulled(d -> d.mapToPair(x -> Pair.of(x % 7, x)).flatMapValues(v -> v % 2 == 0 ? List.of(v, -v) : null));
        samePushedAsPulled(d -> d.mapToPair(x -> Pair.of(x % 7, x)).keys());
        samePushedAsPulled(d -> d.mapToPair(x -> Pair.of(x % 7, x)).values());
        samePushedAsPulled(d -> d.sample(false, 0.3, 11));
        samePushedAsPulled(d -> d.sample(true, 1.7, 11));
        samePushedAsPulled(d -> d.map(x -> x > 0 ? null : x)); // null records pass through
    }

    @Test
    void chainsOfOperatorsAndTheNodesThatDoNotFuseGiveThePulledRecords() {
        samePushedAsPulled(d -> d.map(x -> x + 1).filter(x -> x % 3 != 0).<Integer>mapMulti((Integer x, Consumer<Integer> out) -> {
            out.accept(x);
            if (x % 2 == 0) {
                out.accept(-x);
            }
        }).mapToPair(x -> Pair.of(x % 5, x)).mapValues(v -> v * 10).flatMapValues(v -> List.of(v, v + 1)).values()
                .sample(false, 0.5, 3).flatMap(x -> List.of(x, x)));
        // a user's iterator function in the middle: pulled, and its output pushed on
        samePushedAsPulled(d -> d.filter(x -> x % 2 == 0).mapPartitionsWithIndex((p, it) -> {
            List<Integer> out = new ArrayList<>();
            it.forEachRemaining(x -> out.add(x * 100 + p));
            return out.iterator();
        }).map(x -> x - 1));
        samePushedAsPulled(d -> d.map(x -> x * 3).union(d.filter(x -> x < 0)).map(x -> x + 1));
        samePushedAsPulled(d -> d.filter(x -> x % 5 != 0).coalesce(2).map(x -> -x));
        samePushedAsPulled(d -> d.filter(x -> x % 5 != 0).zipWithIndex().mapValues(i -> i * 2));
    }

    @Test
    void everyActionGivesThePulledResult() {
        for (Sluice sluice : List.of(pushing, pulling)) {
            Dataset<Integer> numbers = sluice.parallelize(DATA, 4).map(x -> x * 3).filter(x -> x % 2 != 0);
            List<Integer> expected = DATA.stream().map(x -> x * 3).filter(x -> x % 2 != 0).toList();
            assertThat(numbers.count()).isEqualTo(expected.size());
            assertThat(numbers.collect()).isEqualTo(expected);
            assertThat(numbers.reduce(Integer::sum)).isEqualTo(expected.stream().mapToInt(x -> x).sum());
            assertThat(numbers.fold(1, (a, b) -> a + b)).isEqualTo(expected.stream().mapToInt(x -> x).sum() + 5);
            assertThat(numbers.aggregate(new ArrayList<Integer>(), (list, x) -> {
                list.add(x);
                return list;
            }, (a, b) -> {
                a.addAll(b);
                return a;
            })).isEqualTo(expected);
            assertThat(numbers.takeOrdered(4, Integer::compare)).isEqualTo(expected.stream().sorted().limit(4).toList());
            assertThat(numbers.top(3, Integer::compare)).containsExactly(747, 741, 735);
            assertThat(numbers.take(3)).isEqualTo(expected.subList(0, 3));
            assertThat(numbers.first()).isEqualTo(expected.get(0));
            numbers.foreach(x -> SEEN.add(x)); // not SEEN::add, which would ship a copy of the queue
            assertThat(new ArrayList<>(SEEN)).isEqualTo(expected);
            SEEN.clear();
            assertThat(sluice.parallelize(DATA, 4).filter(x -> x > 1000).fold(0, Integer::sum)).isZero();
            assertThatThrownBy(() -> sluice.parallelize(DATA, 4).filter(x -> x > 1000).reduce(Integer::sum))
                    .isInstanceOf(java.util.NoSuchElementException.class);
        }
    }

    @Test
    void aUserFunctionsExceptionSurfacesUnchangedPushedAndPulled() {
        for (Sluice sluice : List.of(pushing, pulling)) {
            Dataset<Integer> numbers = sluice.parallelize(DATA, 4);
            assertThatThrownBy(() -> numbers.map(x -> {
                if (x == 7) {
                    throw new IllegalStateException("bad record " + x);
                }
                return x;
            }).filter(x -> x > 0).count()).isInstanceOf(IllegalStateException.class).hasMessage("bad record 7");
            assertThatThrownBy(() -> numbers.<Integer>mapMulti((Integer x, Consumer<Integer> out) -> {
                out.accept(x);
                if (x == 9) {
                    throw new AssertionError("invariant broken at " + x);
                }
            }).collect()).isInstanceOf(AssertionError.class).hasMessage("invariant broken at 9");
            assertThatThrownBy(() -> numbers.fold(0, (a, b) -> {
                if (b == 11) {
                    throw new ArithmeticException("fold at " + b);
                }
                return a + b;
            })).isInstanceOf(ArithmeticException.class).hasMessage("fold at 11");
        }
    }

    @Test
    void recordsAreCountedInAtSourcesAndCacheHitsAndOutAtTheTasksEnd() {
        long kept = DATA.stream().filter(x -> x % 3 == 0).count();
        for (Sluice sluice : List.of(pushing, pulling)) {
            PushPullRuntime runtime = runtime(sluice);
            Dataset<Integer> cached = sluice.parallelize(DATA, 4).map(x -> x + 1).persist(StorageLevel.MEMORY_ONLY);
            Dataset<Integer> job = cached.filter(x -> x % 3 == 0);
            assertThat(job.count()).isEqualTo(kept);
            assertThat(runtime.recordsIn).isEqualTo(DATA.size());
            assertThat(runtime.recordsOut).isEqualTo(kept);
            assertThat(job.map(x -> -x).collect()).hasSize((int) kept); // from the cache: counted in again
            assertThat(runtime.recordsIn).isEqualTo(2L * DATA.size());
            assertThat(runtime.recordsOut).isEqualTo(2 * kept);
        }
    }
}
