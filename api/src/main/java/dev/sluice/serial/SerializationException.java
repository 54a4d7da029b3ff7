package dev.sluice.serial;

/** Thrown when an object cannot be serialized or deserialized; the message says why. */
public final class SerializationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message and the underlying cause. */
    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
