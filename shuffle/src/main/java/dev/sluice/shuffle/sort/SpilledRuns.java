package dev.sluice.shuffle.sort;

import dev.sluice.shuffle.ShuffleMetricsListener;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.serializer.RecordInput;
import dev.sluice.shuffle.serializer.RecordOutput;
import dev.sluice.shuffle.serializer.Serializer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs one spillable collection has written to disk: each a spill file of serialized key/value
 * pairs in the order the collection sorted them. Opens cursors over them for merging and deletes the
 * files on close.
 */
final class SpilledRuns implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpilledRuns.class);
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;
    /**
     * Runs merged at once, at most. Each open run holds a read buffer and a file handle; a collection that spilled
     * more runs than this merges them in passes ({@link #mergeDownTo}), as Hadoop's {@code io.sort.factor} does.
     */
    static final int DEFAULT_MAX_FAN_IN = 64;

    private final String purpose;
    private final LocalDirectory dirs;
    private final Serializer serializer;
    private final ShuffleMetricsListener metrics;
    private final List<Path> files = new ArrayList<>();
    private final List<PairCursor<?, ?>> openCursors = new ArrayList<>();
    private int maxFanIn = DEFAULT_MAX_FAN_IN;
    private int mergePasses;

    SpilledRuns(String purpose, LocalDirectory dirs, Serializer serializer, ShuffleMetricsListener metrics) {
        this.purpose = purpose;
        this.dirs = dirs;
        this.serializer = serializer;
        this.metrics = metrics;
    }

    /** Writes the pairs of {@code sorted}, in its order, as a new run; the cursor ends closed. */
    void write(PairCursor<?, ?> sorted) {
        writeRun(stream -> {
            RecordOutput out = serializer.newOutput(stream);
            int pairs = 0;
            try (sorted) {
                while (sorted.advance()) {
                    out.write(sorted.key());
                    out.write(sorted.value());
                    pairs++;
                }
            }
            out.flush();
            return pairs;
        });
    }

    /** Writes the pairs of {@code sorted}, in sorted order, as a new run: their bytes, as they are. */
    void write(SerializedPairBuffer<?, ?> sorted) {
        writeRun(sorted::writeSortedTo);
    }

    /** How a run's pairs are written to its file. */
    @FunctionalInterface
    private interface RunWriter {
        /** Writes the pairs and returns how many. */
        int writeTo(OutputStream out) throws IOException;
    }

    private void writeRun(RunWriter writer) {
        Path file = dirs.newSpillFile(purpose);
        files.add(file);
        int pairs;
        long bytes;
        try {
            try (OutputStream out = new BufferedOutputStream(
                    Files.newOutputStream(file, StandardOpenOption.CREATE_NEW), WRITE_BUFFER_BYTES)) {
                pairs = writer.writeTo(out);
            }
            bytes = Files.size(file);
        } catch (IOException | UncheckedIOException e) {
            // A partial run is useless: delete it now, not at close, so that its space is free for what comes next.
            files.remove(file);
            dirs.deleteFile(file);
            throw dirs.writeFailure(file, "spilling", e, "Cannot write spill file " + file);
        }
        metrics.spilled(bytes);
        LOG.debug("Spilled {} pairs ({} bytes) to {}", pairs, bytes, file);
    }

    /** Sets how many runs are merged at once (at least 2); tests use a small one to force merge passes. */
    void maxFanIn(int runs) {
        if (runs < 2) {
            throw new IllegalArgumentException("A merge needs at least 2 runs, got " + runs);
        }
        this.maxFanIn = runs;
    }

    /** How many runs were written by merging other runs. */
    int mergePasses() {
        return mergePasses;
    }

    /**
     * Merges runs, oldest first and at most the fan-in at a time, into new runs until no more than {@code spare}
     * fewer than the fan-in are left (the caller merges those with its in-memory cursor(s)). {@code merge} must
     * keep the order the runs are sorted in (and may combine pairs), so that a merged run is a run like any other.
     */
    <K, V> void mergeDownTo(int spare, Function<List<PairCursor<K, V>>, PairCursor<K, V>> merge) {
        int limit = Math.max(1, maxFanIn - spare);
        while (files.size() > limit) {
            int take = Math.min(maxFanIn, files.size() - limit + 1);
            List<Path> merged = new ArrayList<>(files.subList(0, take));
            List<PairCursor<K, V>> cursors = open(merged);
            write(merge.apply(cursors));
            openCursors.removeAll(cursors);
            files.removeAll(merged);
            merged.forEach(dirs::deleteFile);
            mergePasses++;
        }
    }

    /** Returns true if nothing has been spilled. */
    boolean isEmpty() {
        return files.isEmpty();
    }

    /** Opens a cursor at the start of every run; they are closed with this object if not before. */
    <K, V> List<PairCursor<K, V>> openCursors() {
        return open(files);
    }

    private <K, V> List<PairCursor<K, V>> open(List<Path> runs) {
        List<PairCursor<K, V>> cursors = new ArrayList<>(runs.size());
        for (Path file : runs) {
            RecordInput input;
            try {
                input = serializer.newInput(Files.newInputStream(file));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open spill file " + file, e);
            }
            SpillCursor<K, V> cursor = new SpillCursor<>(input);
            openCursors.add(cursor);
            cursors.add(cursor);
        }
        return cursors;
    }

    /** Closes open cursors and deletes the spill files. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (PairCursor<?, ?> cursor : openCursors) {
            try {
                cursor.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        openCursors.clear();
        files.forEach(dirs::deleteFile);
        files.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
