package dev.sluice.shuffle.serializer;

/**
 * An object could not be serialized or deserialized: an unregistered class when registration is
 * required, a class that cannot be instantiated or found, or corrupt data.
 */
public class SerializationException extends RuntimeException {

    /** Creates an exception with a message and the underlying cause. */
    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
