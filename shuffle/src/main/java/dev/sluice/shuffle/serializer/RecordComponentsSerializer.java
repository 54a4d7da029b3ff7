package dev.sluice.shuffle.serializer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableSerializer;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;

/**
 * Writes a Java record as its components, in declaration order, and reads it back through its canonical
 * constructor. The accessors and the constructor are method handles looked up once per record class, so
 * a record costs what its components cost; Kryo's own record serializer calls them reflectively, with an
 * argument array, for every record, which made it the largest single cost of serializing pairs.
 *
 * <p>A component whose type is final (a {@code String}, a boxed number, a primitive) is written without
 * its class; any other is written with it, so subclasses and nulls round-trip.
 */
final class RecordComponentsSerializer<T> extends ImmutableSerializer<T> {
    private static final MethodType ACCESSOR = MethodType.methodType(Object.class, Object.class);

    private final String typeName;
    private final String[] names;
    private final Class<?>[] exactTypes;
    private final MethodHandle[] accessors;
    private final MethodHandle constructor;

    private RecordComponentsSerializer(Kryo kryo, Class<T> type, MethodHandles.Lookup lookup)
            throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        typeName = type.getName();
        names = new String[components.length];
        exactTypes = new Class<?>[components.length];
        accessors = new MethodHandle[components.length];
        Class<?>[] parameters = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> componentType = components[i].getType();
            names[i] = components[i].getName();
            parameters[i] = componentType;
            exactTypes[i] = componentType.isPrimitive() || kryo.isFinal(componentType) ? componentType : null;
            accessors[i] = lookup.unreflect(components[i].getAccessor()).asType(ACCESSOR);
        }
        MethodHandle canonical = lookup.findConstructor(type, MethodType.methodType(void.class, parameters));
        constructor = canonical.asType(canonical.type().generic()).asSpreader(Object[].class, components.length);
    }

    /**
     * A serializer for record class {@code type}, or null if its accessors or constructor are not accessible
     * (a record in a module not open to Sluice), in which case Kryo's own record serializer is used.
     */
    static <T> RecordComponentsSerializer<T> forRecord(Kryo kryo, Class<T> type) {
        try {
            return new RecordComponentsSerializer<>(kryo, type, MethodHandles.privateLookupIn(type, MethodHandles.lookup()));
        } catch (ReflectiveOperationException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    @Override
    public void write(Kryo kryo, Output output, T record) {
        for (int i = 0; i < accessors.length; i++) {
            Object value;
            try {
                value = (Object) accessors[i].invokeExact((Object) record);
            } catch (Throwable e) {
                throw failure("read component " + names[i] + " of", e);
            }
            Class<?> exactType = exactTypes[i];
            if (exactType == null) {
                kryo.writeClassAndObject(output, value);
            } else if (exactType.isPrimitive()) {
                kryo.writeObject(output, value);
            } else {
                kryo.writeObjectOrNull(output, value, exactType);
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T read(Kryo kryo, Input input, Class<? extends T> type) {
        Object[] values = new Object[accessors.length];
        for (int i = 0; i < values.length; i++) {
            Class<?> exactType = exactTypes[i];
            if (exactType == null) {
                values[i] = kryo.readClassAndObject(input);
            } else if (exactType.isPrimitive()) {
                values[i] = kryo.readObject(input, exactType);
            } else {
                values[i] = kryo.readObjectOrNull(input, exactType);
            }
        }
        try {
            return (T) constructor.invokeExact(values);
        } catch (Throwable e) {
            throw failure("construct", e);
        }
    }

    private KryoException failure(String what, Throwable cause) {
        if (cause instanceof Error error && !(cause instanceof LinkageError)) {
            throw error;
        }
        return new KryoException("Cannot " + what + " record " + typeName + ": " + cause, cause);
    }
}
