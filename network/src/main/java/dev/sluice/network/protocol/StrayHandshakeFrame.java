package dev.sluice.network.protocol;

/**
 * A handshake frame arriving where no handshake runs: a peer that wants to authenticate with a side that has no
 * secret, or a server demanding authentication from a client that has none. Its body has been discarded.
 *
 * @param type the handshake frame type received
 * @param firstBodyByte the first body byte (the status of an {@link FrameType#AUTH_RESULT}), or -1 if empty
 */
public record StrayHandshakeFrame(FrameType type, int firstBodyByte) implements Frame {
}
