package dev.sluice.network.auth;

import dev.sluice.network.config.SharedSecret;
import dev.sluice.network.protocol.FrameFormat;
import dev.sluice.network.protocol.FrameType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The fixed formats and the proofs of the mutual challenge-response handshake (version 1).
 *
 * <pre>
 * C → S  CLIENT_HELLO      u8 version (1), client nonce (32 bytes)
 * S → C  SERVER_CHALLENGE  server nonce (32 bytes), HMAC(secret, "sluice-auth-v1 server" | Nc | Ns)
 * C → S  CLIENT_PROOF      HMAC(secret, "sluice-auth-v1 client" | Nc | Ns)
 * S → C  AUTH_RESULT       u8 status (see AuthStatus)
 * </pre>
 *
 * Each frame is {@code [u32 length][u8 type][body]} like every other frame, but a side expecting a handshake frame
 * accepts only these exact sizes and never more than {@link #MAX_FRAME_BYTES}. The direction labels keep a proof
 * made by one side from being replayed as the other's; fresh nonces from both sides keep it from being replayed on
 * another connection. Proofs are compared in constant time, and the secret itself is never sent.
 */
final class HandshakeProtocol {

    /** The handshake version this code speaks. */
    static final int VERSION = 1;
    /** Bytes of each nonce. */
    static final int NONCE_BYTES = 32;
    /** Bytes of an HMAC-SHA256 proof. */
    static final int PROOF_BYTES = 32;
    /** No handshake frame may claim more than this many bytes. */
    static final int MAX_FRAME_BYTES = 1024;

    static final int CLIENT_HELLO_BODY_BYTES = 1 + NONCE_BYTES;
    static final int SERVER_CHALLENGE_BODY_BYTES = NONCE_BYTES + PROOF_BYTES;
    static final int CLIENT_PROOF_BODY_BYTES = PROOF_BYTES;
    static final int AUTH_RESULT_BODY_BYTES = 1;

    private static final byte[] SERVER_LABEL = "sluice-auth-v1 server".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLIENT_LABEL = "sluice-auth-v1 client".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private HandshakeProtocol() {
    }

    static byte[] newNonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    static byte[] serverProof(SharedSecret secret, byte[] clientNonce, byte[] serverNonce) {
        return secret.hmacSha256(SERVER_LABEL, clientNonce, serverNonce);
    }

    static byte[] clientProof(SharedSecret secret, byte[] clientNonce, byte[] serverNonce) {
        return secret.hmacSha256(CLIENT_LABEL, clientNonce, serverNonce);
    }

    /** Constant-time comparison of an expected and a received proof. */
    static boolean proofMatches(byte[] expected, byte[] received) {
        return MessageDigest.isEqual(expected, received);
    }

    /** A whole handshake frame: length prefix, type and the concatenated body parts. */
    static ByteBuf frame(ByteBufAllocator allocator, FrameType type, byte[]... bodyParts) {
        int bodyBytes = 0;
        for (byte[] part : bodyParts) {
            bodyBytes += part.length;
        }
        ByteBuf frame = allocator.buffer(FrameFormat.LENGTH_FIELD_BYTES + FrameFormat.TYPE_BYTES + bodyBytes);
        frame.writeInt(FrameFormat.TYPE_BYTES + bodyBytes);
        frame.writeByte(type.code());
        for (byte[] part : bodyParts) {
            frame.writeBytes(part);
        }
        return frame;
    }

    /** The body size each handshake frame type must have exactly, or -1 for non-handshake types. */
    static int bodyBytes(FrameType type) {
        switch (type) {
            case CLIENT_HELLO:
                return CLIENT_HELLO_BODY_BYTES;
            case SERVER_CHALLENGE:
                return SERVER_CHALLENGE_BODY_BYTES;
            case CLIENT_PROOF:
                return CLIENT_PROOF_BODY_BYTES;
            case AUTH_RESULT:
                return AUTH_RESULT_BODY_BYTES;
            default:
                return -1;
        }
    }

    static byte[] readBytes(ByteBuf body, int count) {
        byte[] bytes = new byte[count];
        body.readBytes(bytes);
        return bytes;
    }
}
