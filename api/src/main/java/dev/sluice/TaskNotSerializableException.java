package dev.sluice;

/**
 * A function (or something it captured) cannot be serialized, so its tasks cannot be shipped.
 * Thrown by the action before any task runs; the message gives the path to the offending object.
 */
public class TaskNotSerializableException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public TaskNotSerializableException(String message, Throwable cause) {
        super(message, cause);
    }
}
