package dev.sluice.network.protocol;

/**
 * The type byte that follows every frame's length prefix. Codes below {@code 0x10} belong to the
 * authentication handshake; the others carry requests, replies and streams once a connection is ready.
 */
public enum FrameType {
    /** Client to server: protocol version and the client's nonce. */
    CLIENT_HELLO(0x01),
    /** Server to client: the server's nonce and its proof of the secret. */
    SERVER_CHALLENGE(0x02),
    /** Client to server: the client's proof of the secret. */
    CLIENT_PROOF(0x03),
    /** Server to client: whether the handshake succeeded. */
    AUTH_RESULT(0x04),
    /** A request expecting a reply: request id and payload. */
    REQUEST(0x10),
    /** A message expecting no reply: payload only. */
    ONE_WAY(0x11),
    /** A successful reply: request id and payload. */
    RESPONSE(0x12),
    /** A failed request or stream: request id and a UTF-8 error message. */
    ERROR_RESPONSE(0x13),
    /** One chunk of a streamed reply: request id and bytes. */
    STREAM_CHUNK(0x14),
    /** The end of a streamed reply: request id. */
    STREAM_END(0x15);

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType type : values()) {
            BY_CODE[type.code & 0xff] = type;
        }
    }

    private final byte code;

    FrameType(int code) {
        this.code = (byte) code;
    }

    /** The byte written on the wire. */
    public byte code() {
        return code;
    }

    /** Whether this type belongs to the authentication handshake. */
    public boolean isHandshake() {
        return (code & 0xff) < 0x10;
    }

    /** The type with this code, or {@code null} if no type has it. */
    public static FrameType fromCode(byte code) {
        return BY_CODE[code & 0xff];
    }

    /** The code as {@code 0x..}, for messages about unknown types. */
    public static String describeCode(byte code) {
        return String.format("0x%02x", code & 0xff);
    }
}
