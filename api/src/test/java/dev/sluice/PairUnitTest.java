package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PairUnitTest {

    @Test
    void equalPairsHaveEqualHashesNullsIncluded() {
        assertThat(Pair.of(1L, "a")).isEqualTo(Pair.of(1L, "a")).hasSameHashCodeAs(Pair.of(1L, "a"));
        assertThat(Pair.of(null, null)).isEqualTo(Pair.of(null, null)).hasSameHashCodeAs(Pair.of(null, null));
        assertThat(Pair.of(1, 2)).isNotEqualTo(Pair.of(2, 1));
    }

    @Test
    void pairsOfIntsOnAGridHardlyShareHashes() {
        // With 31 * key + value, (s, d) and (s + 1, d - 31) collide: this grid would have about 1 distinct hash in 30.
        Set<Integer> hashes = new HashSet<>();
        int n = 1_000;
        for (int s = 0; s < n; s++) {
            for (int d = 0; d < n; d++) {
                hashes.add(Pair.of(s, d).hashCode());
            }
        }

        assertThat(hashes.size()).isGreaterThan(n * n - n * n / 100);
    }
}
