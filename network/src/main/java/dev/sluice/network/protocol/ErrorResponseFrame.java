package dev.sluice.network.protocol;

import java.util.Objects;

/**
 * A request (or a stream under way) that failed on the remote side. Only a message crosses the wire, never an
 * exception object.
 *
 * @param requestId the id of the request answered
 * @param message what went wrong, already cut to {@link #MAX_MESSAGE_CHARS} characters
 */
public record ErrorResponseFrame(long requestId, String message) implements Frame {

    /** Error messages longer than this are cut, so that one always fits the smallest frame limit. */
    public static final int MAX_MESSAGE_CHARS = 4_000;

    /** Cuts the message to {@link #MAX_MESSAGE_CHARS}. */
    public ErrorResponseFrame {
        Objects.requireNonNull(message, "message");
        if (message.length() > MAX_MESSAGE_CHARS) {
            message = message.substring(0, MAX_MESSAGE_CHARS - 3) + "...";
        }
    }

    @Override
    public FrameType type() {
        return FrameType.ERROR_RESPONSE;
    }
}
