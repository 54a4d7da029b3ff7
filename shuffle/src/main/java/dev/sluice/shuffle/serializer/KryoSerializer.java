package dev.sluice.shuffle.serializer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * The {@link Serializer} implementation, backed by Kryo.
 *
 * <p>Each thread gets its own Kryo instance, configured from the {@link SerializerSettings}: registration
 * requirement, reference tracking, class loader, instantiation of classes without a no-arg constructor,
 * the JDK's immutable collections and a fixed list of common JDK types, then the user classes, always in
 * the same order so registration ids agree across nodes. Java records are supported.
 *
 * <p>Kryo forgets all per-object state after each top-level object, which is what makes the streams of
 * this serializer concatenable (see {@link Serializer}). The price is that an unregistered class has its
 * name written with every record; registering classes under
 * {@value SerializerSettings#REGISTERED_CLASSES_KEY} makes the output compact.
 */
public final class KryoSerializer implements Serializer {

    /** Buffer size of stream outputs and inputs. */
    static final int BUFFER_SIZE = 64 * 1024;

    /**
     * Registered in this order on every node, before user classes, each with Kryo's default serializer
     * for it; append only, never reorder (registration ids must agree between nodes).
     */
    private static final List<Class<?>> COMMON_CLASSES = List.of(
            Object[].class, String[].class, byte[].class, char[].class, short[].class, int[].class,
            long[].class, float[].class, double[].class, boolean[].class,
            ArrayList.class, LinkedList.class, ArrayDeque.class, HashMap.class, LinkedHashMap.class,
            TreeMap.class, HashSet.class, LinkedHashSet.class, TreeSet.class,
            Arrays.asList().getClass(), Collections.emptyList().getClass(), Collections.emptySet().getClass(),
            Collections.emptyMap().getClass(), Collections.singletonList(0).getClass(),
            Collections.singleton(0).getClass(), Collections.singletonMap(0, 0).getClass(),
            Optional.class, OptionalInt.class, OptionalLong.class, OptionalDouble.class,
            BigInteger.class, BigDecimal.class,
            LocalDate.class, LocalDateTime.class, Instant.class, Duration.class);

    private final SerializerSettings settings;
    private final List<Class<?>> userClasses;
    private final ThreadLocal<Kryo> kryos = ThreadLocal.withInitial(this::newKryo);

    /**
     * Creates a serializer.
     *
     * @throws IllegalArgumentException if a registered class name cannot be loaded
     */
    public KryoSerializer(SerializerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.userClasses = loadUserClasses(settings);
    }

    @Override
    public RecordOutput newOutput(OutputStream out) {
        return new KryoRecordOutput(this, new Output(Objects.requireNonNull(out, "out"), BUFFER_SIZE));
    }

    @Override
    public RecordInput newInput(InputStream in) {
        return new KryoRecordInput(this, new Input(Objects.requireNonNull(in, "in"), BUFFER_SIZE));
    }

    @Override
    public BytesInput newBytesInput() {
        return new KryoBytesInput(this);
    }

    @Override
    public byte[] serialize(Object object) {
        Output output = new Output(256, -1);
        try {
            kryo().writeClassAndObject(output, object);
        } catch (RuntimeException e) {
            throw KryoFailures.onWrite(object, e);
        }
        return output.toBytes();
    }

    @Override
    public Object deserialize(byte[] bytes) {
        try {
            return kryo().readClassAndObject(new Input(bytes));
        } catch (RuntimeException e) {
            throw new SerializationException("Cannot deserialize " + bytes.length + " bytes", e);
        }
    }

    /** The calling thread's Kryo instance. Kryo keeps no state between top-level objects, so streams share it. */
    Kryo kryo() {
        return kryos.get();
    }

    private Kryo newKryo() {
        Kryo kryo = new RegistrationHintingKryo();
        kryo.setRegistrationRequired(settings.registrationRequired());
        kryo.setReferences(settings.referenceTracking());
        kryo.setClassLoader(settings.classLoader());
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        // The Kryo constructor already adds the immutable collection serializers as defaults;
        // registering them as well makes List.of() and friends work when registration is required.
        ImmutableCollectionsSerializers.registerSerializers(kryo);
        kryo.register(String.class, new Utf8StringSerializer()); // keeps String's default registration id
        COMMON_CLASSES.forEach(kryo::register);
        kryo.register(UUID.class, new DefaultSerializers.UUIDSerializer()); // not among Kryo's defaults
        userClasses.forEach(kryo::register);
        return kryo;
    }

    private static List<Class<?>> loadUserClasses(SerializerSettings settings) {
        List<Class<?>> classes = new ArrayList<>();
        for (String name : settings.registeredClassNames()) {
            try {
                classes.add(Class.forName(name, false, settings.classLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalArgumentException("Class " + name + " listed in "
                        + SerializerSettings.REGISTERED_CLASSES_KEY + " cannot be loaded", e);
            }
        }
        return List.copyOf(classes);
    }

    /**
     * Kryo with an error message for unregistered classes that tells Sluice users what to do, Java
     * serialization for the collection wrappers of {@link java.util.Collections}, and records written
     * through method handles ({@link RecordComponentsSerializer}).
     */
    private static final class RegistrationHintingKryo extends Kryo {

        /**
         * The wrappers of {@link java.util.Collections} ({@code unmodifiableList}, {@code
         * synchronizedMap}, {@code checkedSet}, {@code nCopies}, ...) keep their contents in fields
         * Kryo cannot set (java.base is not open to it): Kryo's collection serializers write them
         * but fail to read them back. They are Serializable, so Java serialization handles them.
         */
        @Override
        @SuppressWarnings("rawtypes")
        public com.esotericsoftware.kryo.Serializer getDefaultSerializer(Class type) {
            if (isCollectionsWrapper(type)) {
                return new com.esotericsoftware.kryo.serializers.JavaSerializer();
            }
            if (type.isRecord()) {
                com.esotericsoftware.kryo.Serializer<?> records = RecordComponentsSerializer.forRecord(this, type);
                if (records != null) {
                    return records;
                }
            }
            return super.getDefaultSerializer(type);
        }

        private static boolean isCollectionsWrapper(Class<?> type) {
            if (type.getEnclosingClass() != java.util.Collections.class || !java.io.Serializable.class.isAssignableFrom(type)) {
                return false;
            }
            String name = type.getSimpleName();
            return name.startsWith("Unmodifiable") || name.startsWith("Synchronized") || name.startsWith("Checked")
                    || name.equals("CopiesList") || name.equals("SetFromMap");
        }

        @Override
        protected String unregisteredClassMessage(@SuppressWarnings("rawtypes") Class type) {
            return "Class " + type.getName() + " is not registered with the serializer. Register it by adding "
                    + type.getName() + " to the configuration key " + SerializerSettings.REGISTERED_CLASSES_KEY
                    + " (or stop requiring registration)";
        }
    }
}
