package dev.sluice.shuffle.serializer;

import com.esotericsoftware.kryo.io.KryoBufferUnderflowException;
import dev.sluice.shuffle.Cancellation;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Translates Kryo's exceptions into the exceptions of the {@link Serializer} seam. I/O interrupted by task
 * cancellation becomes a {@link java.util.concurrent.CancellationException}.
 */
final class KryoFailures {

    private KryoFailures() {}

    /** For a failure while writing {@code value} (or flushing, if {@code value} is null). */
    static RuntimeException onWrite(Object value, RuntimeException e) {
        IOException io = cause(e, IOException.class);
        if (io != null) {
            return ioFailure(io);
        }
        String what = value == null ? "record" : "an instance of " + value.getClass().getName();
        return new SerializationException("Cannot serialize " + what + ": " + e.getMessage(), e);
    }

    /** For a failure while reading. */
    static RuntimeException onRead(RuntimeException e) {
        IOException io = cause(e, IOException.class);
        if (io != null) {
            return ioFailure(io);
        }
        if (cause(e, KryoBufferUnderflowException.class) != null) {
            EOFException eof = new EOFException("Stream ended in the middle of a record");
            eof.initCause(e);
            return new UncheckedIOException(eof);
        }
        return new SerializationException("Cannot deserialize a record: " + e.getMessage(), e);
    }

    /** An I/O failure of the underlying stream, unless it only failed because the task was cancelled. */
    private static RuntimeException ioFailure(IOException io) {
        return Cancellation.isInterruption(io) ? Cancellation.cancelled(io) : new UncheckedIOException(io);
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
