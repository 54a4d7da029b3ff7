package dev.sluice.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.function.SerializableBinaryOperator;
import org.junit.jupiter.api.Test;

class NumericReductionUnitTest {

    @Test
    void sumsOfLongsAndDoublesAreRecognised() {
        SerializableBinaryOperator<Long> longs = Long::sum;
        SerializableBinaryOperator<Double> doubles = Double::sum;
        assertThat(NumericReduction.of(longs)).contains(NumericReduction.LONG_SUM);
        assertThat(NumericReduction.of(doubles)).contains(NumericReduction.DOUBLE_SUM);
    }

    @Test
    void otherFunctionsAreNot() {
        SerializableBinaryOperator<Long> lambda = (a, b) -> a + b;
        SerializableBinaryOperator<Integer> ints = Integer::sum;
        SerializableBinaryOperator<Long> max = Math::max;
        long offset = 1;
        SerializableBinaryOperator<Long> capturing = (a, b) -> a + b + offset;
        java.util.function.BinaryOperator<Long> notSerializable = Long::sum;
        assertThat(NumericReduction.of(lambda)).isEmpty();
        assertThat(NumericReduction.of(ints)).isEmpty();
        assertThat(NumericReduction.of(max)).isEmpty();
        assertThat(NumericReduction.of(capturing)).isEmpty();
        assertThat(NumericReduction.of(notSerializable)).isEmpty();
        assertThat(NumericReduction.of(null)).isEmpty();
    }
}
