package dev.sluice.serial;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Objects;

/**
 * Java serialization of tasks and closures to and from byte arrays, with failures reported as
 * {@link SerializationException}s that say what went wrong.
 *
 * <p>Deserialization is unrestricted: only use it on bytes from a trusted party, such as the
 * driver.
 */
public final class JavaSerialization {

    private JavaSerialization() {}

    /**
     * Serializes {@code object} (which may be null).
     *
     * @throws SerializationException if the object graph cannot be serialized; when an object in it
     *     is not serializable, the message shows the path to it (see {@link SerializationDebugger})
     */
    public static byte[] serialize(Object object) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (NotSerializableException e) {
            String path =
                    SerializationDebugger.findNotSerializablePath(object)
                            .orElse(e.getMessage() + " is not Serializable");
            throw new SerializationException("Cannot serialize " + typeOf(object) + ": " + path, e);
        } catch (IOException e) {
            throw new SerializationException("Cannot serialize " + typeOf(object) + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    /**
     * Deserializes an object, loading its classes through {@code loader}.
     *
     * @param <T> the type the caller expects; a mismatch fails with a {@code ClassCastException} at
     *     the caller
     * @throws SerializationException if a class cannot be found or the bytes are not a valid
     *     serialized object
     */
    public static <T> T deserialize(byte[] bytes, ClassLoader loader) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(loader, "loader");
        try (ObjectInputStream in =
                new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
            @SuppressWarnings("unchecked")
            T object = (T) in.readObject();
            return object;
        } catch (ClassNotFoundException e) {
            throw new SerializationException(
                    "Cannot deserialize: class " + e.getMessage() + " not found by " + loader, e);
        } catch (IOException e) {
            throw new SerializationException(
                    "Cannot deserialize " + bytes.length + " bytes: " + e, e);
        }
    }

    private static String typeOf(Object object) {
        return object == null ? "null" : object.getClass().getTypeName();
    }
}
