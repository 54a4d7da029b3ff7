package dev.sluice.shuffle.io;

import java.util.Objects;

/**
 * A shuffle block could not be read: its file is missing, truncated or unreadable, or its executor is
 * gone. The scheduler reacts by recomputing the map output that produced the block.
 */
public class FetchFailedException extends RuntimeException {

    private final ShuffleBlockId block;

    /**
     * Creates an exception for {@code block}.
     *
     * @param message what failed and where (file path or remote address)
     */
    public FetchFailedException(ShuffleBlockId block, String message, Throwable cause) {
        super("Failed to fetch " + Objects.requireNonNull(block, "block") + ": " + message, cause);
        this.block = block;
    }

    /** Returns the block that could not be read. */
    public ShuffleBlockId block() {
        return block;
    }
}
