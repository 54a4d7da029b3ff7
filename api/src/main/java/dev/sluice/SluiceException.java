package dev.sluice;

/** Base of the exceptions Sluice throws for failed, cancelled or impossible jobs. */
public class SluiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SluiceException(String message) {
        super(message);
    }

    public SluiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
