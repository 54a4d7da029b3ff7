package dev.sluice.shuffle.serializer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import java.nio.charset.StandardCharsets;

/**
 * Writes a string as its UTF-8 bytes, so that both directions run in the JDK's vectorised encoder and decoder
 * (for an ASCII string they copy its bytes). Kryo's own string serializer moves one character per loop
 * iteration and, reading, builds a {@code char[]} it then compresses into the string.
 *
 * <p>Format: a varint {@code 0} for null, else {@code (length << 1 | utf16) + 1} followed by {@code length}
 * UTF-8 bytes, or by {@code length} UTF-16 code units when the string holds an unpaired surrogate (which UTF-8
 * cannot carry: the encoder would replace it with {@code '?'}).
 */
final class Utf8StringSerializer extends Serializer<String> {

    /** Strings up to this length are checked for ASCII and copied straight into the output's buffer. */
    private static final int SHORT = 32;
    /** The largest varint. */
    private static final int MAX_HEADER_BYTES = 5;

    Utf8StringSerializer() {
        super(true, true); // accepts null; immutable
    }

    @Override
    public void write(Kryo kryo, Output output, String value) {
        if (value == null) {
            output.writeVarInt(0, true);
            return;
        }
        if (value.length() <= SHORT && writeShortAscii(output, value)) {
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (replacedSomething(value, utf8)) {
            output.writeVarInt((value.length() << 1 | 1) + 1, true);
            for (int i = 0; i < value.length(); i++) {
                output.writeChar(value.charAt(i));
            }
            return;
        }
        output.writeVarInt((utf8.length << 1) + 1, true);
        output.writeBytes(utf8);
    }

    /**
     * Writes a short ASCII string straight into the output's buffer, if it is one and fits there without a flush:
     * for words and ids this beats encoding into a new array.
     */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) copies each char's low byte: ASCII exactly
    private static boolean writeShortAscii(Output output, String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        if (output.getBuffer().length - output.position() < length + MAX_HEADER_BYTES) {
            return false;
        }
        output.writeVarInt((length << 1) + 1, true);
        int position = output.position();
        value.getBytes(0, length, output.getBuffer(), position);
        output.setPosition(position + length);
        return true;
    }

    /**
     * Whether the encoder replaced an unpaired surrogate with {@code '?'}: possible only if the bytes hold a
     * {@code '?'} that is not one in the string (a rare case, so the common one costs a scan of the bytes).
     */
    private static boolean replacedSomething(String value, byte[] utf8) {
        for (byte b : utf8) {
            if (b == '?') {
                return !value.equals(new String(utf8, StandardCharsets.UTF_8));
            }
        }
        return false;
    }

    @Override
    public String read(Kryo kryo, Input input, Class<? extends String> type) {
        int header = input.readVarInt(true) - 1;
        if (header < 0) {
            return null;
        }
        int length = header >>> 1;
        if ((header & 1) != 0) {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++) {
                chars[i] = input.readChar();
            }
            return new String(chars);
        }
        int position = input.position();
        if (input.limit() - position >= length) {
            input.setPosition(position + length);
            return new String(input.getBuffer(), position, length, StandardCharsets.UTF_8);
        }
        return new String(input.readBytes(length), StandardCharsets.UTF_8);
    }
}
