package dev.sluice.shuffle.serializer;

import java.util.List;
import java.util.Objects;

/**
 * How a {@link Serializer} is configured.
 *
 * @param registrationRequired if true, only registered classes may be serialized (compact and safe);
 *     if false, unregistered classes are written with their class name
 * @param referenceTracking if true, shared references and cycles inside one record are preserved (slower)
 * @param registeredClassNames fully qualified names of user classes to register, in a fixed order that
 *     must be the same on every node (the value of {@value #REGISTERED_CLASSES_KEY})
 * @param classLoader loads registered classes and the classes named in serialized data
 */
public record SerializerSettings(
        boolean registrationRequired,
        boolean referenceTracking,
        List<String> registeredClassNames,
        ClassLoader classLoader) {

    /** The configuration key users list classes to register under. */
    public static final String REGISTERED_CLASSES_KEY = "sluice.serializer.classes";

    /** Copies the class names and checks that nothing is null. */
    public SerializerSettings {
        registeredClassNames = List.copyOf(registeredClassNames);
        Objects.requireNonNull(classLoader, "classLoader");
    }

    /**
     * Returns settings without registration requirement or reference tracking, no user classes, and the
     * current thread's context class loader (or, if it has none, the loader of this class).
     */
    public static SerializerSettings defaults() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return new SerializerSettings(
                false, false, List.of(), loader != null ? loader : SerializerSettings.class.getClassLoader());
    }

    /** Returns a copy with registration required or not. */
    public SerializerSettings withRegistrationRequired(boolean required) {
        return new SerializerSettings(required, referenceTracking, registeredClassNames, classLoader);
    }

    /** Returns a copy with reference tracking on or off. */
    public SerializerSettings withReferenceTracking(boolean tracking) {
        return new SerializerSettings(registrationRequired, tracking, registeredClassNames, classLoader);
    }

    /** Returns a copy registering the given classes, by name, in this order. */
    public SerializerSettings withRegisteredClassNames(List<String> classNames) {
        return new SerializerSettings(registrationRequired, referenceTracking, classNames, classLoader);
    }
}
