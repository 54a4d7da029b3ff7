package dev.sluice.executor.task;

/**
 * A result task's value that is still serialized, in the message that reported it or on the executor
 * that computed it. The scheduler checks {@link #sizeBytes()} against the driver's result budget before
 * it calls {@link #fetch()}, outside its lock.
 */
public interface DeferredResult {

    /** The serialized size of the value. */
    long sizeBytes();

    /** Fetches (if remote) and deserializes the value. */
    Object fetch() throws Exception;

    /** Releases the value without reading it (the job failed or no longer needs it). */
    void discard();
}
