package dev.sluice.network.auth;

/** The outcome a server reports in its {@code AUTH_RESULT} frame, one byte on the wire. */
public enum AuthStatus {
    /** Both sides proved the secret; the connection is ready. */
    OK(0),
    /** The client's proof was wrong: it does not hold the server's secret. */
    REJECTED(1),
    /** The client sent something other than a handshake frame to a server that requires authentication. */
    AUTHENTICATION_REQUIRED(2),
    /** The client sent a malformed or out-of-order handshake frame, or an unsupported protocol version. */
    PROTOCOL_ERROR(3),
    /** The client does not speak TLS, which the server requires; sent in plaintext, before the hello is read. */
    TLS_REQUIRED(4);

    private final byte code;

    AuthStatus(int code) {
        this.code = (byte) code;
    }

    /** The byte written on the wire. */
    public byte code() {
        return code;
    }

    /** The status with this code, or {@code null}. */
    public static AuthStatus fromCode(int code) {
        for (AuthStatus status : values()) {
            if ((status.code & 0xff) == code) {
                return status;
            }
        }
        return null;
    }
}
