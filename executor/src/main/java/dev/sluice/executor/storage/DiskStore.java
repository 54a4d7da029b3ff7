package dev.sluice.executor.storage;

import dev.sluice.common.FileTrees;
import dev.sluice.shuffle.io.LocalDirectory;
import dev.sluice.shuffle.serializer.RecordOutput;
import dev.sluice.shuffle.serializer.Serializer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blocks kept on disk: one serialized file per block in the executor's local directories. A file that
 * cannot be written completely is deleted, so no partial block is ever read.
 */
final class DiskStore {
    private final Serializer serializer;
    private final LocalDirectory dirs;
    private final Map<BlockId, Path> files = new ConcurrentHashMap<>();

    DiskStore(Serializer serializer, LocalDirectory dirs) {
        this.serializer = serializer;
        this.dirs = dirs;
    }

    /** Writes the records as block {@code id}, replacing a previous file of it; returns the file. */
    Path write(BlockId id, Iterator<?> records) {
        Path file = dirs.newSpillFile("block-" + id);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             RecordOutput output = serializer.newOutput(out)) {
            while (records.hasNext()) {
                output.write(records.next());
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file); // no partial block file stays behind, whatever failed
            throw dirs.writeFailure(file, "caching block " + id, e, "Cannot write block " + id + " to " + file);
        }
        Path previous = files.put(id, file);
        if (previous != null && !previous.equals(file)) {
            deleteQuietly(previous);
        }
        return file;
    }

    /** The records of block {@code id}, or null if it is not on disk. */
    Iterator<Object> read(BlockId id) {
        Path file = files.get(id);
        return file != null && Files.exists(file) ? read(file) : null;
    }

    /** The records of a block file. */
    Iterator<Object> read(Path file) {
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            return MemoryBlock.recordsOf(serializer.newInput(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read cached block " + file, e);
        }
    }

    boolean contains(BlockId id) {
        return files.containsKey(id);
    }

    /** Deletes every block file of lineage node {@code nodeId}. */
    void removeNode(int nodeId) {
        files.entrySet().removeIf(e -> {
            if (e.getKey().nodeId() != nodeId) {
                return false;
            }
            deleteQuietly(e.getValue());
            return true;
        });
    }

    /** Forgets every block (the local directory, deleted on close, holds the files). */
    void clear() {
        files.clear();
    }

    /** Deletes a block file; a failure is left to the local directory, which is deleted on close. */
    private static void deleteQuietly(Path file) {
        FileTrees.deleteQuietly(file, (path, e) -> { });
    }
}
