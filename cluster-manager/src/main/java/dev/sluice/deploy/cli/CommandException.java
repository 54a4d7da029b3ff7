package dev.sluice.deploy.cli;

/** A command failed for a reason its message explains in full; printed without a stack trace. */
final class CommandException extends Exception {
    private static final long serialVersionUID = 1L;

    CommandException(String message) {
        super(message);
    }
}
