package dev.sluice.network.message;

/**
 * A peer sent a well-formed message that this endpoint does not take (a worker's command to an executor, say).
 * Thrown by a {@link MessageHandler}, it becomes the error reply to a request, and the peer's problem log
 * ({@link dev.sluice.network.PeerProblems}) gets one line for the connection.
 */
public final class UnexpectedMessageException extends IllegalArgumentException {

    private UnexpectedMessageException(String message) {
        super(message);
    }

    /** "{@code endpoint} does not answer {@code SomeMessage}": for a request the endpoint has no answer to. */
    public static UnexpectedMessageException notAnswered(String endpoint, Object message) {
        return new UnexpectedMessageException(endpoint + " does not answer " + message.getClass().getSimpleName());
    }

    /** "{@code endpoint} does not accept {@code SomeMessage}": for a one-way message the endpoint does not take. */
    public static UnexpectedMessageException notAccepted(String endpoint, Object message) {
        return new UnexpectedMessageException(endpoint + " does not accept " + message.getClass().getSimpleName());
    }
}
