package dev.sluice.shuffle.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A write into a local directory ({@code sluice.local.dir}) failed because the file system has no space left
 * (or the quota is used up). The message names the directory, the operation and the file; the file has been
 * deleted. It is an {@link UncheckedIOException}, so code that handles failed writes handles it too.
 */
public final class LocalDiskFullException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    private final String directory;
    private final String operation;

    /**
     * @param directory the configured local directory that is full
     * @param operation what was being done, such as "writing shuffle output", "spilling" or "caching a block"
     * @param file the file that could not be written
     * @param cause the I/O exception that reported the lack of space
     */
    public LocalDiskFullException(Path directory, String operation, Path file, IOException cause) {
        super("Local directory " + directory + " has no space left on device: " + operation + " failed writing "
                + file + " (" + cause.getMessage() + "). Free space there, or list more directories in "
                + "sluice.local.dir", cause);
        this.directory = directory.toString();
        this.operation = operation;
    }

    /** The configured local directory that is full. */
    public Path directory() {
        return Path.of(directory);
    }

    /** What was being done when the space ran out. */
    public String operation() {
        return operation;
    }
}
