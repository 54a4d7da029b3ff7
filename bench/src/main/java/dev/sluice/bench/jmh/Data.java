package dev.sluice.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded inputs shared by the microbenchmarks, so every run measures the same data. */
final class Data {

    /** The seed of every generator here. */
    static final long SEED = 42L;

    private Data() {}

    /** {@code distinct} different string keys such as {@code key-0000123456}, each a separate object. */
    static String[] stringKeys(int distinct) {
        String[] keys = new String[distinct];
        for (int i = 0; i < distinct; i++) {
            keys[i] = String.format("key-%010d", i * 2_654_435_761L % 10_000_000_000L);
        }
        return keys;
    }

    /** {@code count} records whose keys are drawn uniformly from {@code distinctKeys} string keys. */
    static List<KV<String, Long>> stringLongRecords(int count, int distinctKeys) {
        String[] keys = stringKeys(distinctKeys);
        SplittableRandom random = new SplittableRandom(SEED);
        List<KV<String, Long>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(new KV<>(keys[random.nextInt(distinctKeys)], random.nextLong(1_000_000L)));
        }
        return records;
    }
}
