package dev.sluice.network;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a handler's exception into the message sent to the peer in place of the exception itself. */
final class ErrorMessages {

    private ErrorMessages() {
    }

    /** The exception's simple class name and message, after unwrapping future wrappers. */
    static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        String message = cause.getMessage();
        String type = cause.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }

    /** The cause of a Netty {@code DecoderException} (which wraps what a decoder threw), or {@code error}. */
    static Throwable unwrapDecoder(Throwable error) {
        return error instanceof io.netty.handler.codec.DecoderException && error.getCause() != null
                ? error.getCause() : error;
    }

    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
