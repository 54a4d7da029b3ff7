package dev.sluice.executor.task;

import dev.sluice.common.Iterators;
import dev.sluice.common.record.Combiner;
import dev.sluice.common.record.RecordShape;
import dev.sluice.executor.memory.MemoryManager.TaskMemoryPool;
import dev.sluice.executor.storage.BlockId;
import dev.sluice.executor.storage.BlockManager;
import dev.sluice.shuffle.Cancellation;
import dev.sluice.shuffle.collection.KeyPrefix;
import dev.sluice.shuffle.collection.RecordTable;
import dev.sluice.shuffle.io.ShuffleBlockId;
import dev.sluice.shuffle.memory.TaskMemory;
import dev.sluice.shuffle.read.ReduceSide;
import dev.sluice.spi.KeyedTable;
import dev.sluice.spi.NaturalKeyOrder;
import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.spi.RecordSink;
import dev.sluice.spi.ShuffleDependency;
import dev.sluice.spi.TableBuild;
import dev.sluice.spi.TaskContext;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** The services one task attempt offers the nodes it computes; closes what they opened when the task ends. */
final class TaskContextImpl implements TaskContext {
    private final TaskDescription task;
    private final ExecutorServices services;
    private final TaskMemory memory;
    private final TaskMetrics metrics = new TaskMetrics();
    private final List<Runnable> completionActions = new ArrayList<>();
    private volatile boolean killed;

    private final TaskMemoryPool pool;

    TaskContextImpl(TaskDescription task, ExecutorServices services, TaskMemoryPool pool) {
        this.task = task;
        this.services = services;
        this.pool = pool;
        this.memory = new TaskMemory(pool);
        pool.onSpillRequest(memory::requestSpill);
    }

    @Override
    public int stageId() {
        return task.stageId();
    }

    @Override
    public int partitionId() {
        return task.partition();
    }

    @Override
    public int attemptNumber() {
        return task.attempt();
    }

    TaskMemory memory() {
        return memory;
    }

    TaskMetrics metrics() {
        return metrics;
    }

    ExecutorServices services() {
        return services;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Iterator<T> getOrCompute(Node<T> node, Partition partition) {
        BlockManager.Lookup block = services.blocks().getOrCompute(new BlockId(node.id(), partition.index()),
                node.storageLevel(), () -> node.computeUncached(partition, this));
        if (block.records() instanceof AutoCloseable open) {
            closeOnCompletion(open); // a disk block read only in part (take, first) still closes its file
        }
        // A computed block's records were counted at their sources already.
        return (Iterator<T>) (block.hit() ? countIn(block.records()) : block.records());
    }

    @Override
    public Iterator<Object> readShuffle(ShuffleDependency dependency, int partition) {
        List<ShuffleBlockId> blocks = services.mapOutputs().blocksFor(dependency.shuffleId(), partition);
        // sortByKey() without a comparator sorts by primitive key prefixes first.
        KeyPrefix prefix = dependency.keyOrdering().orElse(null) instanceof NaturalKeyOrder natural
                ? KeyPrefix.naturalOrder(natural.ascending()) : null;
        ReduceSide.Spec spec = new ReduceSide.Spec(dependency.shape(), dependency.aggregator().orElse(null),
                dependency.mapSideCombine(), dependency.keyOrdering().orElse(null), prefix);
        return reduceSide().read(services.fetcher(), blocks, spec);
    }

    @Override
    public Iterator<Object> aggregate(Iterator<Object> records, RecordShape<Object, Object, Object> shape,
                                      Combiner<Object, Object> aggregator) {
        return reduceSide().combine(records, shape, aggregator, false);
    }

    private ReduceSide reduceSide() {
        return new ReduceSide(services.dirs(), services.serializer(), memory, metrics, this::closeOnCompletion);
    }

    @Override
    public TableBuild buildTable(Iterator<Object> records, RecordShape<Object, Object, Object> shape) {
        RecordShape<Object, Object, Object> adapter = shape;
        RecordTable<Object, Object> table = new RecordTable<>(memory);
        closeOnCompletion(table);
        long count = 0;
        while (records.hasNext()) {
            Cancellation.checkEvery(count++);
            Object record = records.next();
            if (!table.add(adapter.key(record), adapter.value(record))) {
                Iterator<Object> loaded = table.drain(adapter);
                return new TableBuild.Overflowed(Iterators.concat(loaded, records));
            }
        }
        table.built();
        return new TableBuild.Built(new KeyedTable() {
            @Override
            public List<Object> match(Object key) {
                return table.match(key);
            }

            @Override
            public void forEachUnmatched(BiConsumer<Object, List<Object>> action) {
                table.forEachUnmatched(action);
            }
        });
    }

    @Override
    public long shuffleBytes(ShuffleDependency dependency, int partition) {
        return services.mapOutputs().bytesFor(dependency.shuffleId(), partition);
    }

    @Override
    public <T> Iterator<T> sourceRecords(Iterator<T> records) {
        return countIn(records);
    }

    private <T> Iterator<T> countIn(Iterator<T> records) {
        return new Counted<>(records, true);
    }

    /** Counts what the task produces. */
    <T> Iterator<T> countOut(Iterator<T> records) {
        return new Counted<>(records, false);
    }

    /** Counts what the task produces when its records are pushed into {@code downstream}. */
    <T> RecordSink<T> countOut(Consumer<? super T> downstream) {
        return new CountedSink<>(downstream);
    }

    /** Counts a record into the task's output and notices a kill request every 1024 records. */
    private void countedOut() {
        if ((++metrics.recordsOut & 0x3FF) == 0) {
            checkKilled();
        }
    }

    /** The push form of {@link Counted} for the task's output: counts, then passes the record on. */
    private final class CountedSink<T> implements RecordSink<T> {
        private final Consumer<? super T> downstream;

        CountedSink(Consumer<? super T> downstream) {
            this.downstream = downstream;
        }

        @Override
        public void accept(T record) {
            countedOut();
            downstream.accept(record);
        }
    }

    /** Counts records into the task's metrics and notices a kill request every 1024 records. */
    private final class Counted<T> implements Iterator<T> {
        private final Iterator<T> records;
        private final boolean input;

        Counted(Iterator<T> records, boolean input) {
            this.records = records;
            this.input = input;
        }

        @Override
        public boolean hasNext() {
            return records.hasNext();
        }

        @Override
        public T next() {
            T next = records.next();
            if (!input) {
                countedOut();
            } else if ((++metrics.recordsIn & 0x3FF) == 0) {
                checkKilled();
            }
            return next;
        }
    }

    @Override
    public void onCompletion(Runnable action) {
        synchronized (completionActions) {
            completionActions.add(action);
        }
    }

    private void closeOnCompletion(AutoCloseable closeable) {
        onCompletion(() -> {
            try {
                closeable.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("Cannot close " + closeable, e);
            }
        });
    }

    void kill() {
        killed = true;
    }

    /** Whether {@link #kill()} was called: the task's end is a kill, not a failure of user code. */
    boolean isKilled() {
        return killed;
    }

    void checkKilled() {
        if (killed || Thread.currentThread().isInterrupted()) {
            throw new TaskKilledException(task + " was killed");
        }
    }

    /** Runs the completion actions (last registered first); the first failure is returned, not thrown. */
    Throwable complete() {
        Throwable first = null;
        List<Runnable> actions;
        synchronized (completionActions) {
            actions = new ArrayList<>(completionActions);
            completionActions.clear();
        }
        for (int i = actions.size() - 1; i >= 0; i--) {
            try {
                actions.get(i).run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        pool.releaseAll();
        return first;
    }
}
