package dev.sluice.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Pair;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntPairKeysTest {

    @Test
    void packsExactlyAndHashesLikeThePair() {
        Random random = new Random(3);
        int[] edges = {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE};
        for (int i = 0; i < 10_000; i++) {
            int a = i < 25 ? edges[i / 5] : random.nextInt();
            int b = i < 25 ? edges[i % 5] : random.nextInt();
            Pair<Integer, Integer> pair = Pair.of(a, b);
            assertThat(IntPairKeys.INSTANCE.packs(pair)).isTrue();
            long packed = IntPairKeys.INSTANCE.pack(pair);
            assertThat(IntPairKeys.INSTANCE.unpack(packed)).isEqualTo(pair);
            assertThat(IntPairKeys.INSTANCE.hashCode(packed)).isEqualTo(pair.hashCode());
        }
    }

    @Test
    void onlyPairsOfTwoIntegersArePacked() {
        assertThat(IntPairKeys.INSTANCE.packs(Pair.of(1, null))).isFalse();
        assertThat(IntPairKeys.INSTANCE.packs(Pair.of(null, 1))).isFalse();
        assertThat(IntPairKeys.INSTANCE.packs(Pair.of(1, 2L))).isFalse();
        assertThat(IntPairKeys.INSTANCE.packs(Pair.of("1", 2))).isFalse();
        assertThat(IntPairKeys.INSTANCE.packs(7)).isFalse();
        assertThat(IntPairKeys.INSTANCE.packs(null)).isFalse();
    }
}
