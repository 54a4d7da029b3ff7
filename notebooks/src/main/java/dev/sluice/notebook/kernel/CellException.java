package dev.sluice.notebook.kernel;

import java.util.List;

/**
 * Why a cell did not run to its end, said for the person who wrote it: the cell line of a compile
 * error with the offending source, or the exception a snippet threw with its stack translated to
 * cell lines. The kernel sends {@link #traceback()} to the notebook.
 */
public final class CellException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The cell does not compile, or is incomplete. */
        COMPILE_ERROR,
        /** A snippet threw an exception. */
        EXCEPTION,
        /** The user interrupted the cell. */
        INTERRUPTED
    }

    private final Kind kind;
    private final List<String> traceback;

    CellException(Kind kind, String message, List<String> traceback) {
        super(message, null, false, false);
        this.kind = kind;
        this.traceback = List.copyOf(traceback);
    }

    /** Whether the cell did not compile, threw, or was interrupted. */
    public Kind kind() {
        return kind;
    }

    /** The lines to show under the cell. */
    public List<String> traceback() {
        return traceback;
    }
}
