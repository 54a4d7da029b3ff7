package dev.sluice.network.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A plain blocking socket that speaks the wire format byte by byte, written from the format's description rather
 * than with the transport's classes: tests use it to send what a well-behaved client never would (garbage,
 * oversized prefixes, requests before authentication) and to check the format itself.
 */
public final class RawConnection implements AutoCloseable {

    /** Frame type codes, as documented. */
    public static final int CLIENT_HELLO = 0x01;
    public static final int SERVER_CHALLENGE = 0x02;
    public static final int CLIENT_PROOF = 0x03;
    public static final int AUTH_RESULT = 0x04;
    public static final int REQUEST = 0x10;
    public static final int RESPONSE = 0x12;

    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code address}; reads time out after 10 s. */
    public static RawConnection open(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        return new RawConnection(socket);
    }

    /** The local port, which the server sees as the peer's port. */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** Writes raw bytes. */
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** A frame: {@code [u32 length = 1 + body][u8 type][body]}. */
    public static byte[] frame(int type, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).putInt(1 + body.length).put((byte) type).put(body).array();
    }

    /** A request frame: the body is the 64-bit request id and the payload. */
    public static byte[] requestFrame(long requestId, byte[] payload) {
        return frame(REQUEST, ByteBuffer.allocate(8 + payload.length).putLong(requestId).put(payload).array());
    }

    /** Reads one frame. */
    public RawFrame readFrame() throws IOException {
        int length = in.readInt();
        int type = in.readUnsignedByte();
        byte[] body = new byte[length - 1];
        in.readFully(body);
        return new RawFrame(type, body);
    }

    /**
     * Runs the client side of the handshake up to, not including, sending the proof: sends a hello, checks the
     * server's proof of {@code secret}, and returns the CLIENT_PROOF frame to send.
     */
    public byte[] handshakeUntilProof(byte[] secret) throws IOException {
        return handshakeUntilProof(secret, true);
    }

    /**
     * Like {@link #handshakeUntilProof(byte[])}, optionally without checking the server's proof, to play a client
     * that holds the wrong secret and sends its proof anyway.
     */
    public byte[] handshakeUntilProof(byte[] secret, boolean verifyServer) throws IOException {
        byte[] clientNonce = new byte[32];
        new SecureRandom().nextBytes(clientNonce);
        write(frame(CLIENT_HELLO, ByteBuffer.allocate(33).put((byte) 1).put(clientNonce).array()));
        RawFrame challenge = readFrame();
        if (challenge.type() != SERVER_CHALLENGE || challenge.body().length != 64) {
            throw new IOException("expected a 64-byte SERVER_CHALLENGE, got " + challenge);
        }
        byte[] serverNonce = Arrays.copyOfRange(challenge.body(), 0, 32);
        byte[] serverProof = Arrays.copyOfRange(challenge.body(), 32, 64);
        if (verifyServer
                && !MessageDigest.isEqual(serverProof, hmac(secret, "sluice-auth-v1 server", clientNonce, serverNonce))) {
            throw new IOException("the server's proof does not match the secret");
        }
        return frame(CLIENT_PROOF, hmac(secret, "sluice-auth-v1 client", clientNonce, serverNonce));
    }

    /**
     * Reads and discards until the peer closes the connection; returns whether it did (end of stream or reset)
     * within the read timeout.
     */
    public boolean awaitClosedByPeer() throws IOException {
        byte[] sink = new byte[8192];
        try {
            while (in.read(sink) >= 0) {
                // discard whatever the server sent before closing
            }
            return true;
        } catch (EOFException | SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static byte[] hmac(byte[] key, String label, byte[] clientNonce, byte[] serverNonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(label.getBytes(StandardCharsets.US_ASCII));
            mac.update(clientNonce);
            mac.update(serverNonce);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A frame as read off the wire.
     *
     * @param type the type code
     * @param body the bytes after the type
     */
    public record RawFrame(int type, byte[] body) {
        /** The 64-bit request id at the start of the body. */
        public long requestId() {
            return ByteBuffer.wrap(body).getLong();
        }

        /** The body after the request id. */
        public byte[] payloadAfterId() {
            return Arrays.copyOfRange(body, 8, body.length);
        }
    }
}
