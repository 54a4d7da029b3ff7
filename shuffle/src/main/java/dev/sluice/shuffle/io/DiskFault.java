package dev.sluice.shuffle.io;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.Locale;

/**
 * What an I/O failure says about the disk a file was being written to: full, broken, or nothing (a closed
 * stream, a missing file, an interrupted task). Java reports the errno only as text ({@code "No space left on
 * device"}), in the message of an {@link IOException} or in the reason of a {@link FileSystemException}.
 */
enum DiskFault {
    /** {@code ENOSPC} or {@code EDQUOT}: the file system (or the user's quota on it) is full. */
    NO_SPACE,
    /** {@code EIO} or {@code EROFS}: the disk failed, or was remounted read-only after errors. */
    BROKEN,
    /** Not a fault of the disk. */
    NONE;

    /** Classifies {@code failure} by the first I/O exception in its cause chain that names a disk fault. */
    static DiskFault of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                String text = describe(io);
                if (text.contains("no space left on device") || text.contains("disk quota exceeded")) {
                    return NO_SPACE;
                }
                if (text.contains("input/output error") || text.contains("read-only file system")) {
                    return BROKEN;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return NONE;
    }

    /** The I/O exception in {@code failure}'s cause chain that carries the fault, for the error's cause. */
    static IOException ioCause(Throwable failure) {
        IOException first = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof IOException io) {
                if (first == null) {
                    first = io;
                }
                String text = describe(io);
                if (text.contains("no space left") || text.contains("quota") || text.contains("input/output error")
                        || text.contains("read-only")) {
                    return io;
                }
            }
        }
        return first != null ? first : new IOException(String.valueOf(failure));
    }

    private static String describe(IOException io) {
        String reason = io instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : "";
        String message = io.getMessage() != null ? io.getMessage() : "";
        return (reason + " " + message).toLowerCase(Locale.ROOT);
    }
}
