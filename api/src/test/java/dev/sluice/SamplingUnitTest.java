package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SamplingUnitTest {

    private static final int N = 100_000;

    private static List<Integer> input(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static List<Integer> sample(int n, boolean withReplacement, double fraction, long seed) {
        List<Integer> out = new ArrayList<>();
        Sampling.sample(input(n).iterator(), withReplacement, fraction, seed).forEachRemaining(out::add);
        return out;
    }

    @Test
    void sameSeedGivesTheSameSample() {
        assertThat(sample(10_000, false, 0.1, 42)).isEqualTo(sample(10_000, false, 0.1, 42));
        assertThat(sample(10_000, true, 0.7, 42)).isEqualTo(sample(10_000, true, 0.7, 42));
    }

    @Test
    void differentSeedsGiveDifferentSamples() {
        assertThat(sample(10_000, false, 0.1, 1)).isNotEqualTo(sample(10_000, false, 0.1, 2));
        assertThat(sample(10_000, true, 0.7, 1)).isNotEqualTo(sample(10_000, true, 0.7, 2));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.25, 0.5, 0.9})
    void withoutReplacementKeepsAboutTheFractionOnceEachInOrder(double fraction) {
        List<Integer> out = sample(N, false, fraction, 7);

        assertThat(out.size()).isCloseTo((int) (N * fraction), within((int) (N * 0.01)));
        assertThat(out).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void withoutReplacementZeroKeepsNothingAndOneKeepsEverything() {
        assertThat(sample(1_000, false, 0.0, 3)).isEmpty();
        assertThat(sample(1_000, false, 1.0, 3)).isEqualTo(input(1_000));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void withReplacementGivesAboutFractionTimesTheInputWithRepeatsInOrder(double fraction) {
        List<Integer> out = sample(N, true, fraction, 11);

        assertThat(out.size()).isCloseTo((int) (N * fraction), within((int) (N * fraction * 0.02)));
        assertThat(out).isSorted();
        if (fraction >= 1) {
            assertThat(out).hasSizeGreaterThan((int) out.stream().distinct().count());
        }
    }

    @Test
    void withReplacementZeroKeepsNothing() {
        Iterator<Integer> it = Sampling.sample(input(1_000).iterator(), true, 0.0, 5);

        assertThat(it.hasNext()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void withReplacementHasNextDoesNotConsumeCopies() {
        Iterator<Integer> it = Sampling.sample(input(100).iterator(), true, 3.0, 5);
        List<Integer> out = new ArrayList<>();
        while (it.hasNext() && it.hasNext()) {
            out.add(it.next());
        }
        assertThat(out).isEqualTo(sample(100, true, 3.0, 5));
    }

    @ParameterizedTest(name = "mean {0}")
    @ValueSource(doubles = {0.1, 0.5, 1.0, 2.0, 7.5, 29.0, 31.0, 100.0})
    void poissonDrawsHaveTheRequestedMeanAndVariance(double mean) {
        SplittableRandom random = new SplittableRandom(2024);
        double sum = 0;
        double sumOfSquares = 0;
        for (int i = 0; i < N; i++) {
            int k = Sampling.poisson(random, mean);
            assertThat(k).isNotNegative();
            sum += k;
            sumOfSquares += (double) k * k;
        }
        double observedMean = sum / N;
        double observedVariance = sumOfSquares / N - observedMean * observedMean;

        // the standard error of the mean is sqrt(mean / N); allow well over 5 of them
        assertThat(observedMean).isCloseTo(mean, within(Math.max(0.02 * mean, 6 * Math.sqrt(mean / N))));
        assertThat(observedVariance).isCloseTo(mean, within(0.05 * mean + 0.01));
    }

    @Test
    void poissonOfZeroMeanIsZero() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1_000; i++) {
            assertThat(Sampling.poisson(random, 0.0)).isZero();
        }
    }

    @Test
    void poissonIsDeterministicForASeed() {
        SplittableRandom a = new SplittableRandom(99);
        SplittableRandom b = new SplittableRandom(99);
        for (int i = 0; i < 1_000; i++) {
            assertThat(Sampling.poisson(a, 3.0)).isEqualTo(Sampling.poisson(b, 3.0));
        }
    }
}
