package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.common.record.PrimitiveMerge;
import dev.sluice.function.SerializableBinaryOperator;
import org.junit.jupiter.api.Test;

/** {@code reduceByKey} recognises the sums the shuffle may fold unboxed, and nothing else. */
class PrimitiveMergeRecognitionTest {

    @Test
    void sumsOfLongsAndDoublesAreRecognised() {
        SerializableBinaryOperator<Long> longs = Long::sum;
        SerializableBinaryOperator<Double> doubles = Double::sum;
        assertThat(PairDataset.reduction(longs)).isEqualTo(PrimitiveMerge.LONG_SUM);
        assertThat(PairDataset.reduction(doubles)).isEqualTo(PrimitiveMerge.DOUBLE_SUM);
    }

    @Test
    void otherFunctionsAreNot() {
        SerializableBinaryOperator<Long> lambda = (a, b) -> a + b;
        SerializableBinaryOperator<Integer> ints = Integer::sum;
        SerializableBinaryOperator<Long> max = Math::max;
        long offset = 1;
        SerializableBinaryOperator<Long> capturing = (a, b) -> a + b + offset;
        java.util.function.BinaryOperator<Long> notSerializable = Long::sum;
        assertThat(PairDataset.reduction(lambda)).isNull();
        assertThat(PairDataset.reduction(ints)).isNull();
        assertThat(PairDataset.reduction(max)).isNull();
        assertThat(PairDataset.reduction(capturing)).isNull();
        assertThat(PairDataset.reduction(notSerializable)).isNull();
        assertThat(PairDataset.reduction(null)).isNull();
    }
}
