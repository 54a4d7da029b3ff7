package dev.sluice.network.serialization;

/**
 * A control message could not be encoded (its class, or the class of something it holds, is not registered) or
 * decoded (the bytes name a registration id this side does not know, or are malformed).
 */
public final class ControlSerializationException extends RuntimeException {

    /** An exception with a message saying which message and what went wrong. */
    public ControlSerializationException(String message) {
        super(message);
    }

    /** An exception with a message saying which message and what went wrong, and Kryo's exception. */
    public ControlSerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
