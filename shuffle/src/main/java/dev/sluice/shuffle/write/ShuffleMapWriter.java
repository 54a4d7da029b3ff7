package dev.sluice.shuffle.write;

import dev.sluice.common.record.Combiner;
import dev.sluice.common.record.RecordShape;
import dev.sluice.shuffle.Cancellation;
import dev.sluice.shuffle.ShuffleMetricsListener;
import dev.sluice.shuffle.collection.CombineMap;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.io.MapOutputCommitter;
import dev.sluice.shuffle.io.MapStatus;
import dev.sluice.shuffle.memory.MemoryConsumer;
import dev.sluice.shuffle.memory.MemoryReservation;
import dev.sluice.shuffle.memory.RecordSizeSampler;
import dev.sluice.shuffle.memory.TaskMemory;
import dev.sluice.shuffle.serializer.Serializer;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Writes the shuffle output of one map task: each record goes to the reduce partition its key belongs
 * to, and the task ends with one committed data file and one index file (see
 * {@link dev.sluice.shuffle.io}).
 *
 * <p>Without a combiner, records are serialized as they arrive into per-partition memory buffers
 * accounted against the task's memory; when memory is refused, the buffers are spilled to a file and
 * writing continues. With a combiner, records are first folded by key in a hash map; when memory is
 * refused, the map's partial combiners are serialized into the buffers and the map starts over (the
 * reduce side merges combiners anyway). If the first {@value #COMBINE_CHECK_RECORDS} records fold
 * into almost as many keys, combining stops and the rest go out one combiner per record, as Hive's
 * {@code hive.map.aggr.hash.min.reduction} and Trino's adaptive partial aggregation do. Either way
 * each record is written as key, then value or combiner.
 *
 * <p>Spill files are deleted and memory released whatever happens. The writer polls for interruption
 * every {@value Cancellation#CHECK_INTERVAL} records and throws
 * {@link java.util.concurrent.CancellationException} if the task was cancelled. One instance serves one
 * task; {@link #write} may be called more than once, sequentially. Records come from an iterator or are pushed
 * by a producer ({@link #write(ShuffleWriteSpec, RecordShape, Consumer)}); both take the same path.
 */
public final class ShuffleMapWriter {
    /** The records after which the map side checks whether combining pays. */
    static final long COMBINE_CHECK_RECORDS = 100_000;
    /**
     * Combining goes on only if, by the check, it has folded away at least one record in this many. Keys that
     * do not repeat within the first {@value #COMBINE_CHECK_RECORDS} records (as in {@code distinct} over
     * nearly distinct records) make the map a pure cost; uniform keys from a million values still repeat
     * 5 times in 100 by then, and keep combining.
     */
    static final long MIN_COMBINED_PER_RECORDS = 100;

    private final LocalDirectory dirs;
    private final Serializer serializer;
    private final TaskMemory memory;
    private final ShuffleMetricsListener metrics;

    /** Creates a writer for one task. */
    public ShuffleMapWriter(
            LocalDirectory dirs, Serializer serializer, TaskMemory memory, ShuffleMetricsListener metrics) {
        this.dirs = Objects.requireNonNull(dirs, "dirs");
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Writes all {@code records} and commits the map output.
     *
     * @return the status of the committed output; if an earlier attempt of the same map task already
     *     committed, that attempt's status (first committer wins)
     * @throws java.io.UncheckedIOException if the files cannot be written
     * @throws java.util.concurrent.CancellationException if the thread is interrupted
     */
    public <R, K, V, C> MapStatus write(
            ShuffleWriteSpec<K, V, C> spec, Iterator<R> records, RecordShape<R, K, V> shape) {
        Objects.requireNonNull(records, "records");
        return write(spec, shape, sink -> {
            while (records.hasNext()) {
                sink.accept(records.next());
            }
        });
    }

    /**
     * Writes every record {@code producer} pushes into the sink it is given, then commits the map output: the push
     * form of {@link #write(ShuffleWriteSpec, Iterator, RecordShape)}, for a task that pushes its stage's records
     * through a chain of operators. The sink is valid only while {@code producer} runs, on its thread; an exception
     * from {@code producer} abandons the output as a failing iterator does.
     *
     * @return the status of the committed output, as {@link #write(ShuffleWriteSpec, Iterator, RecordShape)}
     * @throws java.io.UncheckedIOException if the files cannot be written
     * @throws java.util.concurrent.CancellationException if the thread is interrupted
     */
    public <R, K, V, C> MapStatus write(
            ShuffleWriteSpec<K, V, C> spec, RecordShape<R, K, V> shape, Consumer<? super Consumer<R>> producer) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(producer, "producer");
        RecordPartitioner<R, K, V, C> sink = new RecordPartitioner<>(spec, shape);
        MemoryReservation reservation = memory.reserve(sink);
        sink.reservation = reservation;
        try (PartitionedOutput output = new PartitionedOutput(spec.numPartitions(), serializer, dirs, metrics)) {
            sink.output = output;
            producer.accept(sink);
            sink.finish();
            Path tempData = MapOutputCommitter.newTempDataFile(dirs, spec.shuffleId(), spec.mapId());
            long[] lengths = output.writeDataFile(tempData);
            MapStatus status = MapOutputCommitter.commit(dirs, spec.shuffleId(), spec.mapId(), tempData, lengths);
            metrics.shuffleWritten(sum(lengths), output.recordsWritten());
            return status;
        } catch (UncheckedIOException e) {
            throw Cancellation.isInterruption(e) ? Cancellation.cancelled(e) : e;
        } finally {
            sink.output = null;
            reservation.close();
        }
    }

    /**
     * Takes the records one at a time. Without a combiner, writes every record's key and value, spilling the buffers
     * when memory is refused. With one, folds values by key in a {@link CombineMap}, draining it into the buffers
     * when memory is refused; if combining does not pay by {@value #COMBINE_CHECK_RECORDS} records, drains the map
     * and writes the rest one combiner per record.
     *
     * <p>It is also the writer as a consumer of its task's memory: when another consumer needs the memory, it drains
     * its combine map (if any) into the partition buffers and spills those.
     */
    private static final class RecordPartitioner<R, K, V, C> implements Consumer<R>, MemoryConsumer {
        private final ShuffleWriteSpec<K, V, C> spec;
        private final RecordShape<R, K, V> shape;
        /** Set once the reservation is made (it needs this consumer). */
        MemoryReservation reservation;
        /** Set while the output is open; null before and after. */
        PartitionedOutput output;
        /** Null when not combining: no combiner, or combining stopped paying. */
        private CombineMap<K, C> map;
        private final RecordSizeSampler sampler = new RecordSizeSampler();
        /** What of a value is written when not combining: the value, or a combiner made of it. */
        private Function<? super V, ?> written = Function.identity();
        private long count;

        RecordPartitioner(ShuffleWriteSpec<K, V, C> spec, RecordShape<R, K, V> shape) {
            this.spec = spec;
            this.shape = shape;
            if (spec.combiner() != null) {
                map = new CombineMap<>();
                map.packKeysWith(shape.keyPacking());
            }
        }

        @Override
        public void accept(R record) {
            Cancellation.checkEvery(count++);
            if (map == null) {
                append(record);
            } else {
                combine(record);
            }
        }

        private void append(R record) {
            K key = shape.key(record);
            output.append(spec.partitionOf(key), key, written.apply(shape.value(record)));
            if (!reservation.cover(output.bufferedBytes())) {
                output.spill();
                reservation.releaseAll();
            }
        }

        private void combine(R record) {
            K key = shape.key(record);
            sampler.observe(key, map.addValue(key, shape.value(record), spec.combiner()));
            if (count == COMBINE_CHECK_RECORDS && map.size() > count - count / MIN_COMBINED_PER_RECORDS) {
                // Keys hardly repeat: the map only costs time and garbage, and the reduce side merges anyway.
                drain(map, spec, output);
                map = null;
                written = spec.combiner().createCombiner();
                return;
            }
            long usage = map.footprint() + sampler.estimate(map.size()) + output.bufferedBytes();
            if (!reservation.cover(usage)) {
                drain(map, spec, output);
                if (!reservation.cover(output.bufferedBytes())) {
                    output.spill();
                    reservation.releaseAll();
                }
            }
        }

        /** Drains what the map still holds into the output. */
        void finish() {
            if (map != null) {
                drain(map, spec, output);
            }
        }

        @Override
        public long spill() {
            long held = reservation.granted();
            if (output == null || held == 0) {
                return 0;
            }
            if (map != null) {
                drain(map, spec, output);
            }
            output.spill();
            reservation.releaseAll();
            return held;
        }
    }

    /** Serializes the map's (partial) combiners into the output and empties the map. */
    private static <K, C> void drain(CombineMap<K, C> map, ShuffleWriteSpec<K, ?, C> spec, PartitionedOutput output) {
        map.forEach((key, combined) -> output.append(spec.partitionOf(key), key, combined));
        map.clear();
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long value : values) {
            total += value;
        }
        return total;
    }
}
