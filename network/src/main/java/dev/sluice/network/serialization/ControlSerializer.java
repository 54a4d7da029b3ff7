package dev.sluice.network.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.serializers.OptionalSerializers;
import com.esotericsoftware.kryo.serializers.TimeSerializers;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import com.esotericsoftware.kryo.util.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Kryo serialization of control-plane messages (register executor, launch task, heartbeat...) that never
 * instantiates a class the peer merely names: registration is required, and only the classes listed at
 * construction (plus a fixed set of JDK value and collection types) are registered, with ids given by their
 * position in the list, and a class named by its name is refused before the name is read. Both sides must
 * therefore list the same classes in the same order.
 *
 * <p>No length written in a message is trusted: a byte array, an array, a collection or a string that claims more
 * elements than the message has bytes left is refused before anything of that size is allocated.
 *
 * <p>Records are supported (Kryo's record serializer, through the canonical constructor) and are the intended
 * shape of messages; enums, and any class a message holds, must be listed too. {@code byte[]} fields (task
 * closures, user records) pass through as opaque bytes, never deserialized here.
 *
 * <p>Base types, registered before the listed classes: Kryo's primitives, their wrappers and {@code String};
 * {@code byte[]}, {@code ArrayList}, {@code HashMap}, {@code LinkedHashMap}, {@code HashSet},
 * {@code LinkedHashSet}, {@code Optional}, {@code UUID}, {@code Duration}, {@code Instant}, and the JDK's
 * immutable collections ({@code List.of}, {@code Set.of}, {@code Map.of}).
 *
 * <p>Thread-safe: Kryo instances, which are not, come from a pool.
 */
public final class ControlSerializer {

    /** The registration id of the first listed class; lower ids belong to the base types. */
    public static final int FIRST_LISTED_ID = 100;

    private static final int FIRST_BASE_ID = 20;
    private static final int MAX_DEPTH = 64;
    private static final int POOL_SIZE = 32;

    private final List<Class<?>> listedClasses;
    private final Pool<Kryo> pool;

    /**
     * A serializer that knows exactly {@code messageClasses} (and the base types).
     *
     * @param messageClasses the classes to register, in an order both peers share
     * @throws IllegalArgumentException if a class is listed twice or is a base type
     */
    public ControlSerializer(List<Class<?>> messageClasses) {
        Objects.requireNonNull(messageClasses, "messageClasses");
        listedClasses = List.copyOf(messageClasses);
        Set<Class<?>> seen = new HashSet<>();
        for (Class<?> type : listedClasses) {
            if (!seen.add(type)) {
                throw new IllegalArgumentException(type.getName() + " is listed twice");
            }
        }
        Kryo base = newBaseKryo();
        for (Class<?> type : listedClasses) {
            if (base.getClassResolver().getRegistration(type) != null) {
                throw new IllegalArgumentException(type.getName() + " is a base type, registered already");
            }
        }
        pool = new Pool<>(true, false, POOL_SIZE) {
            @Override
            protected Kryo create() {
                return newKryo();
            }
        };
    }

    /** The listed classes, in registration order. */
    public List<Class<?>> registeredClasses() {
        return listedClasses;
    }

    /**
     * Encodes a message (its class is written as a registration id).
     *
     * @throws ControlSerializationException if the message, or anything it holds, is of an unregistered class
     */
    public byte[] serialize(Object message) {
        Kryo kryo = pool.obtain();
        try (Output output = new Output(256, -1)) {
            kryo.writeClassAndObject(output, message);
            byte[] bytes = output.toBytes();
            pool.free(kryo);
            return bytes;
        } catch (KryoException | IllegalArgumentException e) {
            throw new ControlSerializationException("Cannot encode a control message of "
                    + (message == null ? "null" : message.getClass().getName()) + ": " + e.getMessage()
                    + " (only the classes given to ControlSerializer, and the base types, can be sent)", e);
        }
    }

    /**
     * Decodes a message.
     *
     * @throws ControlSerializationException if the bytes name a registration id this side does not have, are
     *     malformed, or have bytes left over after the message
     */
    public Object deserialize(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        Kryo kryo = pool.obtain();
        Object message;
        try (Input input = new SizeCheckedSerializers.BoundedInput(bytes)) {
            message = kryo.readClassAndObject(input);
            if (input.position() != bytes.length) {
                throw new ControlSerializationException("Cannot decode a control message of " + bytes.length
                        + " bytes: " + (bytes.length - input.position()) + " bytes are left after the message");
            }
        } catch (ControlSerializationException e) {
            throw e;
        } catch (KryoException | IllegalArgumentException e) {
            throw new ControlSerializationException("Cannot decode a control message of " + bytes.length + " bytes: "
                    + e.getMessage() + " (both sides must register the same classes in the same order)", e);
        } catch (RuntimeException e) {
            // A value the bytes describe that its own constructor refuses (an Instant out of range, a record's
            // check): the peer's bytes are wrong, and this side must say so, not fail with the constructor's error.
            throw new ControlSerializationException("Cannot decode a control message of " + bytes.length + " bytes: "
                    + e, e);
        }
        pool.free(kryo);
        return message;
    }

    /**
     * Decodes a message that must be a {@code type} (or null).
     *
     * @throws ControlSerializationException as {@link #deserialize(byte[])}, or if the message is of another type
     */
    public <T> T deserialize(byte[] bytes, Class<T> type) {
        Object message = deserialize(bytes);
        if (message != null && !type.isInstance(message)) {
            throw new ControlSerializationException("Expected a control message of " + type.getName()
                    + " but got a " + message.getClass().getName());
        }
        return type.cast(message);
    }

    private Kryo newKryo() {
        Kryo kryo = newBaseKryo();
        for (int i = 0; i < listedClasses.size(); i++) {
            Class<?> type = listedClasses.get(i);
            if (type.isArray()) {
                kryo.register(type, new SizeCheckedSerializers.CountChecked<>(kryo.getDefaultSerializer(type)),
                        FIRST_LISTED_ID + i);
            } else {
                kryo.register(type, FIRST_LISTED_ID + i);
            }
        }
        return kryo;
    }

    private static Kryo newBaseKryo() {
        Kryo kryo = new Kryo(new RegisteredIdsOnly(), new MapReferenceResolver());
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        kryo.setMaxDepth(MAX_DEPTH);
        int id = FIRST_BASE_ID;
        kryo.register(byte[].class, new SizeCheckedSerializers.ByteArrays(), id++);
        for (Class<?> type : List.of(ArrayList.class, HashSet.class, LinkedHashSet.class)) {
            kryo.register(type, new SizeCheckedSerializers.Collections(), id++);
        }
        for (Class<?> type : List.of(HashMap.class, LinkedHashMap.class)) {
            kryo.register(type, new SizeCheckedSerializers.Maps(), id++);
        }
        kryo.register(Optional.class, new OptionalSerializers.OptionalSerializer(), id++);
        kryo.register(UUID.class, new DefaultSerializers.UUIDSerializer(), id++);
        kryo.register(Duration.class, new TimeSerializers.DurationSerializer(), id++);
        kryo.register(Instant.class, new TimeSerializers.InstantSerializer(), id++);
        int firstImmutable = kryo.getNextRegistrationId();
        ImmutableCollectionsSerializers.registerSerializers(kryo);
        for (int immutable = firstImmutable; immutable < kryo.getNextRegistrationId(); immutable++) {
            Registration registration = kryo.getRegistration(immutable);
            registration.setSerializer(new SizeCheckedSerializers.CountChecked<>(registration.getSerializer()));
        }
        if (kryo.getNextRegistrationId() > FIRST_LISTED_ID) {
            throw new IllegalStateException("base registrations overflow into the ids of listed classes");
        }
        return kryo;
    }
}
