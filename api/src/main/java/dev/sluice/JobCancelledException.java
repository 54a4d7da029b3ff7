package dev.sluice;

/** A job stopped because its caller was interrupted or its {@link Sluice} context was closed. */
public class JobCancelledException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public JobCancelledException(String message) {
        super(message);
    }
}
