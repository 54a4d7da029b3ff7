package dev.sluice.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.RecordSink;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RecordOperatorsTest {

    private static <T, R> List<R> pushed(RecordOperator<T, R> operator, List<T> input) {
        List<R> out = new ArrayList<>();
        RecordSink<T> sink = operator.wrap(0, out::add);
        input.forEach(sink::accept);
        return out;
    }

    private static <T, R> List<R> pulled(RecordOperator<T, R> operator, List<T> input) {
        List<R> out = new ArrayList<>();
        operator.apply(0, input.iterator()).forEachRemaining(out::add);
        return out;
    }

    @Test
    void eachOperatorPushesWhatItPulls() {
        List<Integer> input = List.of(3, 0, -2, 5, 4, 1);
        List<RecordOperator<Integer, ?>> operators = List.of(
                RecordOperators.<Integer, Integer>map(x -> x * x),
                RecordOperators.<Integer>filter(x -> x > 0),
                RecordOperators.<Integer, Integer>flatMap(x -> x <= 0 ? null : List.of(x, x + 1)),
                RecordOperators.<Integer, String>mapMulti((Integer x, Consumer<String> out) -> {
                    for (int i = 0; i < x; i++) {
                        out.accept(x + ":" + i);
                    }
                }),
                RecordOperators.perPartition(p -> RecordOperators.<Integer, Integer>map(x -> x + p)));
        for (RecordOperator<Integer, ?> operator : operators) {
            assertThat(pushed(operator, input)).isEqualTo(pulled(operator, input));
        }
    }

    @Test
    void aPushedMapMultiHandsTheUserFunctionTheNextSinkItself() {
        List<Object> handed = new ArrayList<>();
        RecordSink<String> downstream = s -> { };
        RecordOperators.<Integer, String>mapMulti((Integer x, Consumer<String> out) -> handed.add(out))
                .wrap(0, downstream).accept(1);
        assertThat(handed).containsExactly(downstream);
    }

    @Test
    void perPartitionMakesAFreshOperatorForEachPartition() {
        RecordOperator<Integer, Integer> counting = RecordOperators.perPartition(p -> {
            int[] seen = {p * 100};
            return RecordOperators.map(x -> seen[0]++);
        });
        List<Integer> sink = new ArrayList<>();
        RecordSink<Integer> first = counting.wrap(1, sink::add);
        first.accept(0);
        first.accept(0);
        counting.wrap(2, sink::add).accept(0);
        assertThat(sink).containsExactly(100, 101, 200);
    }
}
