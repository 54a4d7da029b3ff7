package dev.sluice.shuffle.collection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.common.record.Combiner;
import dev.sluice.common.record.KeyPacking;
import dev.sluice.common.record.PrimitiveMerge;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CombineMapTest {

    /** A key whose hash code collides with every other key of the same bucket. */
    record Colliding(int id) {
        @Override
        public int hashCode() {
            return id % 4;
        }
    }

    private static final Combiner<Long, Long> SUM = new Combiner<>(v -> v, Long::sum, Long::sum);

    @Test
    void sumsMatchAReferenceMapIncludingNullAndCollidingKeys() {
        CombineMap<Object, Long> map = new CombineMap<>();
        Map<Object, Long> expected = new HashMap<>();
        Random random = new Random(42);
        for (int i = 0; i < 50_000; i++) {
            int draw = random.nextInt(2_100);
            Object key = draw < 2_000 ? (Object) draw : draw < 2_090 ? new Colliding(draw) : null;
            long value = random.nextInt(100);
            map.addValue(key, value, SUM);
            expected.merge(key, value, Long::sum);
        }

        assertThat(contents(map)).isEqualTo(expected);
        assertThat(map.size()).isEqualTo(expected.size());
    }

    @Test
    void addCombinerMergesPartials() {
        CombineMap<String, Long> map = new CombineMap<>();

        map.addCombiner("a", 2L, Long::sum);
        map.addCombiner(null, 5L, Long::sum);
        map.addCombiner("a", 3L, Long::sum);
        map.addCombiner(null, 1L, Long::sum);

        assertThat(contents(map)).containsOnly(Map.entry("a", 5L), entry(null, 6L));
    }

    @Test
    void nullCombinersAreKeptAndMergedNotRecreated() {
        // "Last value wins", where values (and so combiners) may be null.
        Combiner<String, String> last = new Combiner<>(v -> v, (c, v) -> v == null ? c + "+null" : v, (a, b) -> b);
        CombineMap<String, String> map = new CombineMap<>();

        map.addValue("k", null, last);
        map.addValue("k", null, last);
        map.addValue(null, null, last);
        map.addValue(null, null, last);

        assertThat(contents(map)).containsOnly(Map.entry("k", "null+null"), entry(null, "null+null"));
    }

    @Test
    void clearEmptiesAndShrinks() {
        CombineMap<Integer, Long> map = new CombineMap<>();
        long small = map.footprint();
        for (int i = 0; i < 10_000; i++) {
            map.addValue(i, 1L, SUM);
        }
        assertThat(map.footprint()).isGreaterThan(small);

        map.clear();

        assertThat(map.isEmpty()).isTrue();
        assertThat(map.footprint()).isEqualTo(small);
        map.addValue(1, 1L, SUM);
        assertThat(contents(map)).containsOnly(Map.entry(1, 1L));
    }

    @Test
    void collidingKeysStayDistinct() {
        CombineMap<Colliding, Long> map = new CombineMap<>();
        for (int i = 0; i < 1_000; i++) {
            map.addValue(new Colliding(i), 1L, SUM);
            map.addValue(new Colliding(i), 1L, SUM);
        }

        assertThat(map.size()).isEqualTo(1_000);
        map.forEach((key, sum) -> assertThat(sum).as("sum of %s", key).isEqualTo(2L));
    }

    @Test
    void longCombinersKeepTheirValuesWhenAnotherTypeArrives() {
        // Starts with Long combiners (kept unboxed), then a combiner of another type and a null one
        // force the object representation; nothing stored before the switch may be lost.
        Combiner<Object, Object> lastWins = new Combiner<>(v -> v, (c, v) -> v, (a, b) -> b);
        CombineMap<String, Object> map = new CombineMap<>();
        Map<String, Object> expected = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            map.addValue("k" + i, (long) i, lastWins);
            expected.put("k" + i, (long) i);
        }
        map.addValue("k7", "seven", lastWins);
        expected.put("k7", "seven");
        map.addValue("k8", null, lastWins);
        expected.put("k8", null);
        for (int i = 500; i < 1_000; i++) {
            map.addValue("k" + i, (long) -i, lastWins);
            expected.put("k" + i, (long) -i);
        }

        assertThat(contents(map)).isEqualTo(expected);
    }

    @Test
    void longKeysThenOtherKeysStillFindEveryKey() {
        // Long keys are compared unboxed until a key of another type arrives; keys inserted before
        // the switch must still be found (by equals and hash) after it, across table growth.
        CombineMap<Object, Long> map = new CombineMap<>();
        Map<Object, Long> expected = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Object key = i < 10_000 ? (Object) (long) (random.nextInt(3_000) - 1_500)
                    : random.nextBoolean() ? (Object) (long) random.nextInt(3_000) : "s" + random.nextInt(500);
            map.addValue(key, 1L, SUM);
            expected.merge(key, 1L, Long::sum);
        }

        assertThat(contents(map)).isEqualTo(expected);
    }

    @Test
    void everyLongValueIsAKeyIncludingTheFreeSlotMarkerAndZero() {
        List<Long> edges = List.of(0L, -1L, 1L, Long.MIN_VALUE, Long.MAX_VALUE, 0x8000_0000_7FFF_FFFFL,
                0x8000_0000_7FFF_FFFEL, (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE);
        CombineMap<Long, Long> map = new CombineMap<>();
        Map<Object, Long> expected = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 200; i++) { // enough keys to grow the table across the marker's arrival
                long key = round == 1 && i == 100 ? 0x8000_0000_7FFF_FFFFL : i * 7919L - 500;
                map.addValue(key, 1L, SUM);
                expected.merge(key, 1L, Long::sum);
            }
            for (long key : edges) {
                map.addValue(key, 2L, SUM);
                expected.merge(key, 2L, Long::sum);
            }
        }

        assertThat(contents(map)).isEqualTo(expected);
        assertThat(map.size()).isEqualTo(expected.size());
    }

    @Test
    void integerKeysAtTheEdgesOfTheirRangeStayDistinct() {
        CombineMap<Integer, Long> map = new CombineMap<>();
        Map<Object, Long> expected = new HashMap<>();
        for (int key : new int[] {0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x7FFF_FFFF, -0x8000_0000, 0}) {
            map.addValue(key, 1L, SUM);
            expected.merge(key, 1L, Long::sum);
        }

        assertThat(contents(map)).isEqualTo(expected);
        assertThat(contents(map).keySet()).allSatisfy(key -> assertThat(key).isInstanceOf(Integer.class));
    }

    @Test
    void clearReturnsToLongsAfterObjects() {
        Combiner<Object, Object> lastWins = new Combiner<>(v -> v, (c, v) -> v, (a, b) -> b);
        CombineMap<String, Object> map = new CombineMap<>();
        map.addValue("a", "text", lastWins);
        map.clear();
        map.addValue("a", 1L, lastWins);
        map.addValue("b", 2L, lastWins);

        assertThat(contents(map)).containsOnly(entry("a", 1L), entry("b", 2L));
    }

    @Test
    void integerKeysThenLongAndOtherKeysStillFindEveryKey() {
        // Integer keys are compared unboxed too; a Long key of the same value is a different key
        CombineMap<Object, Long> map = new CombineMap<>();
        Map<Object, Long> expected = new HashMap<>();
        Random random = new Random(11);
        for (int i = 0; i < 30_000; i++) {
            int n = random.nextInt(4_000) - 2_000;
            Object key = i < 10_000 ? (Object) n : i < 20_000 ? (Object) (long) n : (Object) ("s" + n);
            map.addValue(key, 1L, SUM);
            expected.merge(key, 1L, Long::sum);
        }

        assertThat(contents(map)).isEqualTo(expected);
        assertThat(map.size()).isEqualTo(expected.size());
    }

    @Test
    void doubleCombinersAreExactAndSurviveOtherTypes() {
        Combiner<Double, Double> sum = new Combiner<>(v -> v, Double::sum, Double::sum);
        CombineMap<Integer, Double> map = new CombineMap<>();
        Map<Integer, Double> expected = new HashMap<>();
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            int key = random.nextInt(2_500);
            double value = random.nextDouble() * (random.nextBoolean() ? -1 : 1);
            map.addValue(key, value, sum);
            expected.merge(key, value, Double::sum);
        }
        map.addValue(-1, Double.NaN, sum);
        expected.put(-1, Double.NaN);
        map.addValue(-2, -0.0, sum);
        expected.put(-2, -0.0);
        assertThat(contents(map)).isEqualTo(expected);

        // a Long combiner after Double ones moves everything to objects without changing a value
        Combiner<Object, Object> lastWins = new Combiner<>(v -> v, (c, v) -> v, (a, b) -> b);
        CombineMap<String, Object> mixed = new CombineMap<>();
        mixed.addValue("d", 2.5, lastWins);
        mixed.addValue("l", 7L, lastWins);
        mixed.addValue("d2", 0.25, lastWins);
        assertThat(contents(mixed)).containsOnly(entry("d", 2.5), entry("l", 7L), entry("d2", 0.25));
    }

    @Test
    void aPrimitiveMergeFoldsUnboxedAndAgreesWithTheBoxedFunctions() {
        Combiner<Double, Double> boxed = new Combiner<>(v -> v, Double::sum, Double::sum);
        Combiner<Double, Double> primitive = new Combiner<>(v -> v, Double::sum, Double::sum,
                PrimitiveMerge.DOUBLE_SUM);
        CombineMap<Object, Double> viaBoxed = new CombineMap<>();
        CombineMap<Object, Double> viaPrimitive = new CombineMap<>();
        Random random = new Random(5);
        for (int i = 0; i < 30_000; i++) {
            int draw = random.nextInt(3_000);
            // integral keys, then other keys (the table boxes its keys), and a null key
            Object key = i < 20_000 ? (Object) draw : draw < 2_990 ? "k" + draw : null;
            double value = random.nextDouble() - 0.5;
            assertThat(viaPrimitive.addValue(key, value, primitive)).isEqualTo(key == null ? viaBoxed.addValue(key, value, boxed) : null);
            if (key != null) {
                viaBoxed.addValue(key, value, boxed);
            }
            if (i % 7 == 0) {
                viaBoxed.addCombiner(key, 0.125, boxed);
                viaPrimitive.addCombiner(key, 0.125, primitive);
            }
        }
        assertThat(contents(viaPrimitive)).isEqualTo(contents(viaBoxed));
    }

    @Test
    void aPrimitiveMergeStepsAsideForValuesOfAnotherType() {
        Combiner<Object, Object> longSum = new Combiner<>(v -> v, (c, v) -> v == null ? c : (Long) c + (Long) v,
                (a, b) -> (Long) a + (Long) b, PrimitiveMerge.LONG_SUM);
        CombineMap<String, Object> map = new CombineMap<>();
        assertThat(map.addValue("a", 1L, longSum)).isNull();
        assertThat(map.addValue("a", 2L, longSum)).isNull();
        // a null value goes through the boxed function, which keeps the unboxed combiner as it is
        assertThat(map.addValue("a", null, longSum)).isEqualTo(3L);
        assertThat(map.addCombiner("b", 10L, longSum)).isNull();
        assertThat(contents(map)).containsOnly(entry("a", 3L), entry("b", 10L));

        Combiner<Object, Object> lastWins = new Combiner<>(v -> v, (c, v) -> v, (a, b) -> b, PrimitiveMerge.LONG_SUM);
        CombineMap<String, Object> mixed = new CombineMap<>();
        mixed.addValue("x", 5L, lastWins);
        assertThat(mixed.addValue("y", "text", lastWins)).isEqualTo("text"); // the combiners move to objects
        // boxed from now on: merged by the function (last wins), no longer by the primitive sum
        assertThat(mixed.addValue("x", 6L, lastWins)).isEqualTo(6L);
        assertThat(contents(mixed)).containsOnly(entry("x", 6L), entry("y", "text"));
    }

    /** A key type of the test's own, packed as the engine packs its int pairs. */
    record IntPair(int a, int b) {
    }

    private static final KeyPacking INT_PAIRS = new KeyPacking() {
        @Override
        public boolean packs(Object key) {
            return key instanceof IntPair;
        }

        @Override
        public long pack(Object key) {
            IntPair pair = (IntPair) key;
            return (long) pair.a() << 32 | pair.b() & 0xFFFF_FFFFL;
        }

        @Override
        public Object unpack(long packed) {
            return new IntPair((int) (packed >>> 32), (int) packed);
        }

        @Override
        public int hashCode(long packed) {
            return new IntPair((int) (packed >>> 32), (int) packed).hashCode();
        }
    };

    @Test
    void packedKeysFindEveryKeyAcrossGrowthSentinelAndOtherKeys() {
        Random random = new Random(17);
        for (boolean otherKeysArrive : new boolean[] {false, true}) {
            CombineMap<Object, Long> map = new CombineMap<>();
            map.packKeysWith(INT_PAIRS);
            Map<Object, Long> expected = new HashMap<>();
            for (int i = 0; i < 40_000; i++) {
                Object key = new IntPair(random.nextInt(300) - 150, random.nextInt(300) - 150);
                if (i == 1_000) {
                    key = new IntPair(Integer.MIN_VALUE, Integer.MAX_VALUE); // packs to the free-slot sentinel
                } else if (otherKeysArrive && i > 30_000 && i % 3 == 0) {
                    key = "k" + random.nextInt(50);
                }
                map.addValue(key, 1L, SUM);
                expected.merge(key, 1L, Long::sum);
            }
            assertThat(contents(map)).isEqualTo(expected);

            map.clear(); // the packing stays for the next keys
            map.addValue(new IntPair(1, 2), 5L, SUM);
            map.addValue(new IntPair(1, 2), 5L, SUM);
            assertThat(contents(map)).containsOnly(entry(new IntPair(1, 2), 10L));
        }
    }

    /** The map's entries, checking that its cursor passes the same entries in the same order as forEach. */
    private static <K, C> Map<K, C> contents(CombineMap<K, C> map) {
        Map<K, C> contents = new HashMap<>();
        List<Map.Entry<K, C>> visited = new ArrayList<>();
        map.forEach((key, combiner) -> {
            assertThat(contents.put(key, combiner)).isNull();
            visited.add(entry(key, combiner));
        });
        List<Map.Entry<K, C>> cursored = new ArrayList<>();
        CombineMap<K, C>.Cursor cursor = map.cursor();
        while (cursor.advance()) {
            cursored.add(entry(cursor.key(), cursor.combiner()));
        }
        assertThat(cursor.advance()).as("an exhausted cursor stays exhausted").isFalse();
        assertThat(cursored).isEqualTo(visited);
        return contents;
    }

    private static <K, V> Map.Entry<K, V> entry(K key, V value) {
        return new AbstractMap.SimpleEntry<>(key, value);
    }
}
