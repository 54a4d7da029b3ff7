package dev.sluice.executor.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.common.DaemonThreads;
import dev.sluice.executor.memory.MemoryManager;
import dev.sluice.executor.metrics.EngineMetrics;
import dev.sluice.network.testing.Await;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.memory.SizeEstimator;
import dev.sluice.shuffle.serializer.KryoSerializer;
import dev.sluice.shuffle.serializer.SerializerSettings;
import dev.sluice.storage.StorageLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BlockManagerTest {

    record Person(String name, int age, List<String> tags) {
    }

    @TempDir
    Path temp;

    private LocalDirectory dirs;
    private EngineMetrics metrics;
    private BlockManager blocks;

    private BlockManager blockManager(long storageBytes) {
        dirs = LocalDirectory.create(temp, "blocks-test");
        metrics = new EngineMetrics("driver");
        blocks = new BlockManager(storageBytes, new KryoSerializer(SerializerSettings.defaults()), dirs, metrics);
        return blocks;
    }

    @AfterEach
    void close() {
        if (blocks != null) {
            blocks.close();
        }
        if (dirs != null) {
            dirs.close();
        }
    }

    /** A block's records, and how many times they were computed. */
    private static final class Source implements Supplier<Iterator<?>> {
        final List<?> records;
        final AtomicInteger computed = new AtomicInteger();

        Source(List<?> records) {
            this.records = records;
        }

        @Override
        public Iterator<?> get() {
            computed.incrementAndGet();
            return records.iterator();
        }
    }

    private static Iterator<Object> lookup(BlockManager blocks, BlockId id, StorageLevel level,
                                           Supplier<Iterator<?>> compute) {
        return blocks.getOrCompute(id, level, compute).records();
    }

    private static List<Object> drain(Iterator<Object> it) {
        List<Object> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static List<Long> longs(int from, int count) {
        List<Long> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add((long) from + i);
        }
        return out;
    }

    /**
     * Records of a thousand characters each, whose serialized form is about as large as their estimated heap:
     * serializing them makes no room, so a budget too small for them evicts.
     */
    private static List<String> bulky(int from, int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add((from + i) + "-" + "x".repeat(1000));
        }
        return out;
    }

    private List<Path> spillFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dirs.root())) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static final List<Object> MIXED = Arrays.asList(
            "text", 42L, 7, 3.5, null, true, 'c', List.of(1, 2, 3), Map.of("k", "v"), new int[0].length,
            new Person("Ada", 36, List.of("math", "code")), new Person("", 0, List.of()), "ünïcödé ✓", "");

    // ------------------------------------------------------------------ compute once, then hit

    @Test
    void getOrComputeComputesOnceThenHits() {
        BlockManager blocks = blockManager(1 << 20);
        Source source = new Source(longs(0, 100));
        BlockId id = new BlockId(1, 0);

        BlockManager.Lookup miss = blocks.getOrCompute(id, StorageLevel.MEMORY_ONLY, source);
        assertThat(miss.hit()).isFalse();
        assertThat(drain(miss.records())).isEqualTo(source.records);
        assertThat(metrics.cacheMisses.count()).isEqualTo(1);
        assertThat(metrics.cacheHits.count()).isZero();

        for (int i = 0; i < 3; i++) {
            BlockManager.Lookup hit = blocks.getOrCompute(id, StorageLevel.MEMORY_ONLY, source);
            assertThat(hit.hit()).isTrue();
            assertThat(drain(hit.records())).isEqualTo(source.records);
        }
        assertThat(source.computed).hasValue(1);
        assertThat(metrics.cacheHits.count()).isEqualTo(3);
        assertThat(metrics.cacheMisses.count()).isEqualTo(1);
        assertThat(blocks.contains(id)).isTrue();
        assertThat(blocks.memoryUsed()).isPositive();
    }

    /** A computation that blocks until released, to hold a block's write lock while another task misses it. */
    private static final class Gate implements Supplier<Iterator<?>> {
        final List<?> records;
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger computed = new AtomicInteger();

        Gate(List<?> records) {
            this.records = records;
        }

        @Override
        public Iterator<?> get() {
            computed.incrementAndGet();
            entered.countDown();
            try {
                assertThat(release.await(60, TimeUnit.SECONDS)).as("released").isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return records.iterator();
        }
    }

    /** A task on its own thread, and what it read. */
    private record OtherTask(Thread thread, CompletableFuture<List<Object>> read) {
        List<Object> records() throws Exception {
            return read.get(60, TimeUnit.SECONDS);
        }
    }

    /** Runs {@code lookup} on a new thread, as another task of the executor would. */
    private static OtherTask onAnotherTask(Supplier<Iterator<Object>> lookup) {
        CompletableFuture<List<Object>> read = new CompletableFuture<>();
        Thread task = DaemonThreads.named("other-task").newThread(() -> {
            try {
                read.complete(drain(lookup.get()));
            } catch (Throwable e) {
                read.completeExceptionally(e);
            }
        });
        task.start();
        return new OtherTask(task, read);
    }

    /**
     * Two tasks miss block {@code id} together: the first computes it through {@code first} and holds there until
     * the second waits for it; then the first is let go. Returns both tasks.
     */
    private static OtherTask[] missTogether(BlockManager blocks, BlockId id, Gate first, Supplier<Iterator<?>> second)
            throws InterruptedException {
        OtherTask firstRead = onAnotherTask(() -> lookup(blocks, id, StorageLevel.MEMORY_ONLY, first));
        assertThat(first.entered.await(60, TimeUnit.SECONDS)).isTrue();
        OtherTask secondRead = onAnotherTask(() -> lookup(blocks, id, StorageLevel.MEMORY_ONLY, second));
        Await.until("the second task waits for the first to compute the block",
                () -> secondRead.thread().getState() == Thread.State.WAITING);
        first.release.countDown();
        return new OtherTask[] {firstRead, secondRead};
    }

    @Test
    void twoTasksMissingTheSameBlockComputeItOnce() throws Exception {
        BlockManager blocks = blockManager(1 << 20);
        BlockId id = new BlockId(4, 2);
        Gate first = new Gate(longs(0, 500));
        Source second = new Source(longs(0, 500));
        OtherTask[] reads = missTogether(blocks, id, first, second);

        assertThat(reads[0].records()).isEqualTo(first.records);
        assertThat(reads[1].records()).isEqualTo(first.records);
        assertThat(first.computed).hasValue(1);
        assertThat(second.computed).as("the second task waited and read the stored block").hasValue(0);
        assertThat(metrics.cacheMisses.count()).isEqualTo(1);
        assertThat(metrics.cacheHits.count()).isEqualTo(1);
    }

    @Test
    void aTaskWaitingForABlockThatCouldNotBeKeptComputesItItself() throws Exception {
        BlockManager blocks = blockManager(4 << 10); // far too small for the block: MEMORY_ONLY cannot keep it
        BlockId id = new BlockId(5, 0);
        Gate first = new Gate(bulky(0, 50));
        Source second = new Source(bulky(0, 50));
        OtherTask[] reads = missTogether(blocks, id, first, second);

        assertThat(reads[0].records()).isEqualTo(first.records);
        assertThat(reads[1].records()).isEqualTo(second.records);
        assertThat(second.computed).hasValue(1);
        assertThat(blocks.contains(id)).isFalse();
    }

    @Test
    void aTaskKilledWhileWaitingForABlockStopsWaiting() throws Exception {
        BlockManager blocks = blockManager(1 << 20);
        BlockId id = new BlockId(6, 0);
        Gate first = new Gate(longs(0, 10));
        OtherTask firstRead = onAnotherTask(() -> lookup(blocks, id, StorageLevel.MEMORY_ONLY, first));
        assertThat(first.entered.await(60, TimeUnit.SECONDS)).isTrue();

        Thread.currentThread().interrupt(); // as TaskSlots interrupts a killed task's thread
        try {
            assertThatThrownBy(() -> lookup(blocks, id, StorageLevel.MEMORY_ONLY, new Source(longs(0, 10))))
                    .isInstanceOf(CancellationException.class).hasMessageContaining("block " + id);
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the task runner").isTrue();
        } finally {
            Thread.interrupted();
            first.release.countDown();
        }
        assertThat(firstRead.records()).isEqualTo(first.records);
    }

    @Test
    void blocksAreKeyedByNodeAndPartition() {
        BlockManager blocks = blockManager(1 << 20);
        Source a = new Source(List.of("a"));
        Source b = new Source(List.of("b"));
        Source c = new Source(List.of("c"));

        lookup(blocks, new BlockId(1, 0), StorageLevel.MEMORY_ONLY, a);
        lookup(blocks, new BlockId(1, 1), StorageLevel.MEMORY_ONLY, b);
        lookup(blocks, new BlockId(2, 0), StorageLevel.MEMORY_ONLY, c);

        assertThat(drain(blocks.get(new BlockId(1, 0)))).containsExactly("a");
        assertThat(drain(blocks.get(new BlockId(1, 1)))).containsExactly("b");
        assertThat(drain(blocks.get(new BlockId(2, 0)))).containsExactly("c");
        assertThat(blocks.get(new BlockId(2, 1))).isNull();
        assertThat(blocks.contains(new BlockId(2, 1))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = StorageLevel.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void everyStorageLevelRoundTripsRecordsExactly(StorageLevel level) {
        BlockManager blocks = blockManager(1 << 20);
        Source source = new Source(MIXED);
        BlockId id = new BlockId(3, 2);

        List<Object> first = drain(lookup(blocks, id, level, source));
        List<Object> second = drain(lookup(blocks, id, level, source));
        List<Object> third = drain(blocks.get(id));

        assertThat(first).isEqualTo(MIXED);
        assertThat(second).isEqualTo(MIXED);
        assertThat(third).isEqualTo(MIXED);
        assertThat(source.computed).hasValue(1);
        assertThat(metrics.cacheHits.count()).isEqualTo(1);
        assertThat(blocks.contains(id)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = StorageLevel.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void everyStorageLevelRoundTripsALargeBlockAndAnEmptyOne(StorageLevel level) {
        BlockManager blocks = blockManager(64L << 20);
        Source large = new Source(longs(-5_000, 20_000));
        Source empty = new Source(List.of());

        assertThat(drain(lookup(blocks, new BlockId(1, 0), level, large))).isEqualTo(large.records);
        assertThat(drain(lookup(blocks, new BlockId(1, 0), level, large))).isEqualTo(large.records);
        assertThat(drain(lookup(blocks, new BlockId(1, 1), level, empty))).isEmpty();
        assertThat(drain(lookup(blocks, new BlockId(1, 1), level, empty))).isEmpty();
        assertThat(large.computed).hasValue(1);
        assertThat(empty.computed).hasValue(1);
    }

    @Test
    void diskOnlyBlocksLiveOnDiskNotInMemory() throws IOException {
        BlockManager blocks = blockManager(1 << 20);
        Source source = new Source(longs(0, 1000));

        drain(lookup(blocks, new BlockId(4, 0), StorageLevel.DISK_ONLY, source));

        assertThat(blocks.memoryUsed()).isZero();
        assertThat(spillFiles()).hasSize(1);
        assertThat(drain(blocks.get(new BlockId(4, 0)))).isEqualTo(source.records);
        assertThat(source.computed).hasValue(1);
    }

    @Test
    void serializedBlocksAreCopiesOfTheRecords() {
        BlockManager blocks = blockManager(1 << 20);
        List<Object> records = new ArrayList<>(List.of(new ArrayList<>(List.of("x"))));
        BlockId id = new BlockId(5, 0);
        drain(lookup(blocks, id, StorageLevel.MEMORY_ONLY_SER, new Source(records)));

        @SuppressWarnings("unchecked")
        List<String> inner = (List<String>) records.get(0);
        inner.add("changed after caching");

        assertThat(drain(blocks.get(id))).containsExactly(List.of("x"));
    }

    // ------------------------------------------------------------------ eviction

    /** A budget for which one block of {@code records} fits but two do not. */
    private static long budgetForOneOf(List<?> records) {
        long one = SizeEstimator.estimate(new ArrayList<>(records));
        return one + one / 2;
    }

    @Test
    void anEvictedMemoryOnlyBlockIsDroppedAndRecomputedWhenNeededAgain() {
        List<String> aRecords = bulky(0, 50);
        List<String> bRecords = bulky(1000, 50);
        BlockManager blocks = blockManager(budgetForOneOf(aRecords));
        Source a = new Source(aRecords);
        Source b = new Source(bRecords);
        BlockId aId = new BlockId(1, 0);
        BlockId bId = new BlockId(1, 1);

        assertThat(drain(lookup(blocks, aId, StorageLevel.MEMORY_ONLY, a))).isEqualTo(aRecords);
        assertThat(blocks.contains(aId)).isTrue();
        assertThat(drain(lookup(blocks, bId, StorageLevel.MEMORY_ONLY, b))).isEqualTo(bRecords);

        assertThat(metrics.cacheEvictions.count()).isEqualTo(1);
        assertThat(blocks.contains(aId) ^ blocks.contains(bId)).as("exactly one of the blocks stays").isTrue();
        assertThat(blocks.memoryUsed()).isLessThanOrEqualTo(budgetForOneOf(aRecords));
        BlockId dropped = blocks.contains(aId) ? bId : aId;
        Source droppedSource = dropped == aId ? a : b;
        assertThat(blocks.get(dropped)).isNull();

        assertThat(drain(lookup(blocks, dropped, StorageLevel.MEMORY_ONLY, droppedSource)))
                .isEqualTo(droppedSource.records);
        assertThat(droppedSource.computed).hasValue(2);
        assertThat(a.computed.get() + b.computed.get()).isEqualTo(3);
    }

    @Test
    void anEvictedMemoryAndDiskBlockIsReadBackFromDiskExactly() throws IOException {
        List<Object> aRecords = new ArrayList<>();
        List<Object> bRecords = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            aRecords.add(new Person("a" + i + "x".repeat(1000), i, List.of("t" + i)));
            bRecords.add(i % 7 == 0 ? null : "b-" + i + "y".repeat(1000));
        }
        long aSize = SizeEstimator.estimate(new ArrayList<>(aRecords));
        long bSize = SizeEstimator.estimate(new ArrayList<>(bRecords));
        long budget = Math.max(aSize, bSize) + Math.min(aSize, bSize) / 2; // either fits, not both
        BlockManager blocks = blockManager(budget);
        Source a = new Source(aRecords);
        Source b = new Source(bRecords);
        BlockId aId = new BlockId(2, 0);
        BlockId bId = new BlockId(2, 1);

        drain(lookup(blocks, aId, StorageLevel.MEMORY_AND_DISK, a));
        drain(lookup(blocks, bId, StorageLevel.MEMORY_AND_DISK, b));

        assertThat(metrics.cacheEvictions.count()).isEqualTo(1);
        assertThat(spillFiles()).as("the evicted block went to disk").hasSize(1);
        assertThat(blocks.contains(aId)).isTrue();
        assertThat(blocks.contains(bId)).isTrue();
        for (int round = 0; round < 2; round++) {
            assertThat(drain(lookup(blocks, aId, StorageLevel.MEMORY_AND_DISK, a))).isEqualTo(aRecords);
            assertThat(drain(lookup(blocks, bId, StorageLevel.MEMORY_AND_DISK, b))).isEqualTo(bRecords);
        }
        assertThat(a.computed).hasValue(1);
        assertThat(b.computed).hasValue(1);
    }

    @Test
    void underUnifiedMemoryCachedBlocksUseFreeExecutionMemoryAndExecutionEvictsThemDownToTheFloor() throws IOException {
        dirs = LocalDirectory.create(temp, "unified-test");
        metrics = new EngineMetrics("driver");
        long managed = 2 << 20;
        MemoryManager memory = new MemoryManager(managed, managed / 4);
        blocks = BlockManager.unified(memory, new KryoSerializer(SerializerSettings.defaults()), dirs, metrics);
        List<Source> sources = new ArrayList<>();
        for (int partition = 0; partition < 12; partition++) {
            Source source = new Source(bulky(partition * 100, 100)); // about 110 KiB each, 1.3 MiB in all
            sources.add(source);
            drain(lookup(blocks, new BlockId(3, partition), StorageLevel.MEMORY_AND_DISK, source));
        }
        assertThat(blocks.memoryUsed()).as("storage borrowed beyond its floor").isGreaterThan(managed / 2);
        assertThat(metrics.cacheEvictions.count()).isZero();

        long granted = memory.forTask(1).acquire(managed);

        assertThat(blocks.memoryUsed()).as("evicted down to the floor, not below")
                .isLessThanOrEqualTo(managed / 4).isGreaterThan(managed / 4 - 200_000);
        assertThat(granted + blocks.memoryUsed()).isLessThanOrEqualTo(managed);
        assertThat(metrics.cacheEvictions.count()).isPositive();
        assertThat(spillFiles()).as("evicted MEMORY_AND_DISK blocks went to disk").isNotEmpty();
        for (int partition = 0; partition < 12; partition++) {
            Source source = sources.get(partition);
            assertThat(drain(lookup(blocks, new BlockId(3, partition), StorageLevel.MEMORY_AND_DISK, source)))
                    .isEqualTo(source.records);
            assertThat(source.computed).hasValue(1);
        }
        assertThat(memory.storageCapacity()).isEqualTo(managed - granted);
    }

    @Test
    void manyMemoryAndDiskBlocksUnderATinyBudgetAllStayReadable() {
        List<List<String>> contents = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            contents.add(bulky(p * 1000, 20));
        }
        BlockManager blocks = blockManager(budgetForOneOf(contents.get(0)) * 2);
        List<Source> sources = contents.stream().map(Source::new).toList();

        for (int p = 0; p < 20; p++) {
            assertThat(drain(lookup(blocks, new BlockId(9, p), StorageLevel.MEMORY_AND_DISK, sources.get(p))))
                    .isEqualTo(contents.get(p));
        }
        for (int round = 0; round < 2; round++) {
            for (int p = 0; p < 20; p++) {
                assertThat(drain(lookup(blocks, new BlockId(9, p), StorageLevel.MEMORY_AND_DISK, sources.get(p))))
                        .as("partition %d", p).isEqualTo(contents.get(p));
            }
        }
        assertThat(sources).allSatisfy(s -> assertThat(s.computed).hasValue(1));
        assertThat(metrics.cacheEvictions.count()).isPositive();
        assertThat(blocks.memoryUsed()).isLessThanOrEqualTo(budgetForOneOf(contents.get(0)) * 2);
    }

    // ------------------------------------------------------------------ serialized instead of evicted

    @Test
    void aBlockThatDoesNotFitTheFreeBudgetAsObjectsIsKeptSerializedBesideTheOthers() {
        List<Long> aRecords = longs(0, 500);
        List<Long> bRecords = longs(1000, 500);
        BlockManager blocks = blockManager(budgetForOneOf(aRecords));
        Source a = new Source(aRecords);
        Source b = new Source(bRecords);

        assertThat(drain(lookup(blocks, new BlockId(1, 0), StorageLevel.MEMORY_ONLY, a))).isEqualTo(aRecords);
        assertThat(drain(lookup(blocks, new BlockId(1, 1), StorageLevel.MEMORY_ONLY, b))).isEqualTo(bRecords);

        assertThat(blocks.contains(new BlockId(1, 0))).isTrue();
        assertThat(blocks.contains(new BlockId(1, 1))).isTrue();
        for (int round = 0; round < 2; round++) {
            assertThat(drain(lookup(blocks, new BlockId(1, 0), StorageLevel.MEMORY_ONLY, a))).isEqualTo(aRecords);
            assertThat(drain(lookup(blocks, new BlockId(1, 1), StorageLevel.MEMORY_ONLY, b))).isEqualTo(bRecords);
        }
        assertThat(a.computed).hasValue(1);
        assertThat(b.computed).hasValue(1);
        assertThat(metrics.cacheEvictions.count()).isZero();
        assertThat(metrics.cacheSerialized.count()).as("the first block stays objects").isZero();
        assertThat(blocks.memoryUsed()).isLessThanOrEqualTo(budgetForOneOf(aRecords));
    }

    @Test
    void colderObjectBlocksAreSerializedToMakeRoomBeforeAnythingIsEvicted() {
        List<Long> aRecords = longs(0, 500);
        List<Long> bRecords = longs(1000, 500);
        long budget = SizeEstimator.estimate(new ArrayList<>(aRecords)) + 64; // a as objects leaves no room for b
        BlockManager blocks = blockManager(budget);
        Source a = new Source(aRecords);
        Source b = new Source(bRecords);

        drain(lookup(blocks, new BlockId(1, 0), StorageLevel.MEMORY_ONLY, a));
        long asObjects = blocks.memoryUsed();
        drain(lookup(blocks, new BlockId(1, 1), StorageLevel.MEMORY_ONLY, b));

        assertThat(metrics.cacheSerialized.count()).isEqualTo(1);
        assertThat(metrics.cacheEvictions.count()).isZero();
        assertThat(blocks.memoryUsed()).isLessThan(asObjects).isLessThanOrEqualTo(budget);
        assertThat(drain(lookup(blocks, new BlockId(1, 0), StorageLevel.MEMORY_ONLY, a))).isEqualTo(aRecords);
        assertThat(drain(lookup(blocks, new BlockId(1, 1), StorageLevel.MEMORY_ONLY, b))).isEqualTo(bRecords);
        assertThat(a.computed).hasValue(1);
        assertThat(b.computed).hasValue(1);
    }

    @Test
    void aMemoryOnlyBlockTooLargeAsObjectsIsKeptSerializedWhenThatFits() {
        List<Long> records = longs(0, 5_000); // well past the unroll check interval
        long asObjects = SizeEstimator.estimate(new ArrayList<>(records));
        BlockManager blocks = blockManager(asObjects / 2);
        Source source = new Source(records);
        BlockId id = new BlockId(1, 0);

        assertThat(drain(lookup(blocks, id, StorageLevel.MEMORY_ONLY, source))).isEqualTo(records);

        assertThat(blocks.contains(id)).isTrue();
        assertThat(drain(lookup(blocks, id, StorageLevel.MEMORY_ONLY, source))).isEqualTo(records);
        assertThat(source.computed).hasValue(1);
        assertThat(blocks.serializedBlock(id)).as("the block is already bytes").hasSizeLessThan((int) (asObjects / 2));
    }

    // ------------------------------------------------------------------ blocks larger than the budget

    @Test
    void aMemoryOnlyBlockLargerThanTheWholeBudgetIsNotCachedButReturnedInFull() {
        for (int size : new int[] {500, 5_000}) { // below and above the unroll check interval
            BlockManager blocks = blockManager(1_000);
            Source source = new Source(bulky(0, size));
            BlockId id = new BlockId(1, 0);

            assertThat(drain(lookup(blocks, id, StorageLevel.MEMORY_ONLY, source))).isEqualTo(source.records);

            assertThat(blocks.contains(id)).as("%d records", size).isFalse();
            assertThat(blocks.memoryUsed()).isZero();
            assertThat(drain(lookup(blocks, id, StorageLevel.MEMORY_ONLY, source))).isEqualTo(source.records);
            assertThat(source.computed).hasValue(2);
            close();
        }
        blocks = null;
    }

    @Test
    void aBlockLargerThanTheWholeBudgetDoesNotPushOutCachedBlocks() {
        List<Long> small = longs(0, 10);
        BlockManager blocks = blockManager(SizeEstimator.estimate(new ArrayList<>(small)) * 4);
        Source smallSource = new Source(small);
        drain(lookup(blocks, new BlockId(1, 0), StorageLevel.MEMORY_ONLY, smallSource));

        for (StorageLevel level : List.of(StorageLevel.MEMORY_ONLY, StorageLevel.MEMORY_ONLY_SER)) {
            // objects: fewer records than the unroll check interval; either way far more than the budget serialized
            Source huge = new Source(bulky(0, level == StorageLevel.MEMORY_ONLY ? 300 : 5_000));
            assertThat(drain(lookup(blocks, new BlockId(2, level.ordinal()), level, huge))).isEqualTo(huge.records);
            assertThat(blocks.contains(new BlockId(2, level.ordinal()))).as("%s", level).isFalse();
        }

        assertThat(metrics.cacheEvictions.count()).isZero();
        assertThat(blocks.contains(new BlockId(1, 0))).isTrue();
        drain(lookup(blocks, new BlockId(1, 0), StorageLevel.MEMORY_ONLY, smallSource));
        assertThat(smallSource.computed).hasValue(1);
    }

    @Test
    void aSerializedBlockLargerThanTheWholeBudgetIsNotCachedButReturnedInFull() {
        BlockManager blocks = blockManager(1_000);
        Source source = new Source(longs(0, 5_000));
        BlockId id = new BlockId(1, 0);

        assertThat(drain(lookup(blocks, id, StorageLevel.MEMORY_ONLY_SER, source))).isEqualTo(source.records);

        assertThat(blocks.contains(id)).isFalse();
        assertThat(drain(lookup(blocks, id, StorageLevel.MEMORY_ONLY_SER, source))).isEqualTo(source.records);
        assertThat(source.computed).hasValue(2);
    }

    @Test
    void aMemoryAndDiskBlockLargerThanTheWholeBudgetGoesStraightToDisk() throws IOException {
        for (int size : new int[] {500, 5_000}) {
            BlockManager blocks = blockManager(1_000);
            Source source = new Source(longs(0, size));
            BlockId id = new BlockId(1, 0);

            assertThat(drain(lookup(blocks, id, StorageLevel.MEMORY_AND_DISK, source))).isEqualTo(source.records);

            assertThat(blocks.memoryUsed()).isZero();
            assertThat(spillFiles()).hasSize(1);
            assertThat(drain(lookup(blocks, id, StorageLevel.MEMORY_AND_DISK, source))).isEqualTo(source.records);
            assertThat(source.computed).as("%d records", size).hasValue(1);
            close();
        }
        blocks = null;
    }

    @Test
    void aLargeBlockIsReturnedLazilyWithoutComputingEverythingFirst() {
        // Once the unrolled part outgrows the budget, the rest of the records stream through.
        BlockManager blocks = blockManager(1_000);
        AtomicInteger produced = new AtomicInteger();
        Iterator<Long> endless = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Long next() {
                return (long) produced.incrementAndGet();
            }
        };

        Iterator<Object> records = lookup(blocks, new BlockId(1, 0), StorageLevel.MEMORY_ONLY, () -> endless);

        for (long i = 1; i <= 10_000; i++) {
            assertThat(records.next()).isEqualTo(i);
        }
        assertThat(produced.get()).isEqualTo(10_000);
    }

    // ------------------------------------------------------------------ removal

    @Test
    void removeNodeDropsItsMemoryAndDiskBlocksOnly() throws IOException {
        BlockManager blocks = blockManager(budgetForOneOf(longs(0, 300)) * 3);
        Source memory = new Source(longs(0, 300));
        Source disk = new Source(longs(1000, 300));
        Source spilled = new Source(longs(2000, 300));
        Source other = new Source(longs(3000, 10));
        drain(lookup(blocks, new BlockId(1, 0), StorageLevel.MEMORY_ONLY, memory));
        drain(lookup(blocks, new BlockId(1, 1), StorageLevel.DISK_ONLY, disk));
        drain(lookup(blocks, new BlockId(1, 2), StorageLevel.MEMORY_AND_DISK, spilled));
        drain(lookup(blocks, new BlockId(2, 0), StorageLevel.MEMORY_ONLY, other));
        drain(lookup(blocks, new BlockId(2, 1), StorageLevel.DISK_ONLY, other));
        assertThat(spillFiles()).hasSize(2);

        blocks.removeNode(1);

        for (int p = 0; p < 3; p++) {
            assertThat(blocks.contains(new BlockId(1, p))).as("partition %d", p).isFalse();
            assertThat(blocks.get(new BlockId(1, p))).isNull();
        }
        assertThat(spillFiles()).as("node 1's disk block is deleted").hasSize(1);
        assertThat(drain(blocks.get(new BlockId(2, 0)))).isEqualTo(other.records);
        assertThat(drain(blocks.get(new BlockId(2, 1)))).isEqualTo(other.records);

        drain(lookup(blocks, new BlockId(1, 0), StorageLevel.MEMORY_ONLY, memory));
        drain(lookup(blocks, new BlockId(1, 1), StorageLevel.DISK_ONLY, disk));
        assertThat(memory.computed).hasValue(2);
        assertThat(disk.computed).hasValue(2);
        assertThat(metrics.cacheEvictions.count()).as("removal is not eviction").isZero();
    }

    @Test
    void removeNodeDropsABlockThatWasEvictedToDisk() throws IOException {
        List<String> aRecords = bulky(0, 50);
        BlockManager blocks = blockManager(budgetForOneOf(aRecords));
        drain(lookup(blocks, new BlockId(1, 0), StorageLevel.MEMORY_AND_DISK, new Source(aRecords)));
        drain(lookup(blocks, new BlockId(1, 1), StorageLevel.MEMORY_AND_DISK, new Source(bulky(600, 50))));
        assertThat(spillFiles()).hasSize(1);

        blocks.removeNode(1);

        assertThat(spillFiles()).isEmpty();
        assertThat(blocks.contains(new BlockId(1, 0))).isFalse();
        assertThat(blocks.contains(new BlockId(1, 1))).isFalse();
        assertThat(blocks.memoryUsed()).isZero();
    }
}
