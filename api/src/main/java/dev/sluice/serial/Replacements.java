package dev.sluice.serial;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies {@code writeReplace} methods the way {@link java.io.ObjectOutputStream} does. A
 * serializable lambda, notably, is written as the {@link SerializedLambda} its {@code writeReplace}
 * returns.
 */
final class Replacements {

    /** The accessible {@code writeReplace} method that serialization uses for a class, if any. */
    private static final ClassValue<Optional<Method>> WRITE_REPLACE =
            new ClassValue<>() {
                @Override
                protected Optional<Method> computeValue(Class<?> type) {
                    return Optional.ofNullable(findWriteReplace(type));
                }
            };

    /** Guards against a replacement chain that never settles. */
    private static final int MAX_REPLACEMENTS = 32;

    private Replacements() {}

    /**
     * Returns what serialization writes in place of {@code object}: the result of applying {@code
     * writeReplace} until the class no longer changes. Returns {@code object} itself if it has no
     * accessible {@code writeReplace} or the method fails; the result may be null.
     */
    static Object resolve(Object object) {
        Object current = object;
        for (int i = 0; i < MAX_REPLACEMENTS && current instanceof Serializable; i++) {
            Class<?> type = current.getClass();
            Optional<Method> writeReplace = WRITE_REPLACE.get(type);
            if (writeReplace.isEmpty()) {
                return current;
            }
            Object replacement;
            try {
                replacement = writeReplace.get().invoke(current);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                return current;
            }
            if (replacement == null || replacement.getClass() == type) {
                return replacement;
            }
            current = replacement;
        }
        return current;
    }

    /** Returns the serialized form of a serializable lambda, if {@code object} is one. */
    static Optional<SerializedLambda> serializedLambda(Object object) {
        if (object == null || !Lambdas.isLambda(object.getClass())) {
            return Optional.empty();
        }
        return resolve(object) instanceof SerializedLambda lambda
                ? Optional.of(lambda)
                : Optional.empty();
    }

    /**
     * Finds {@code writeReplace()} as {@code ObjectStreamClass} does: declared by the class or
     * inherited from a superclass, in which case it must not be private, nor package-private in
     * another package. Returns null if there is none or it cannot be made accessible.
     */
    private static Method findWriteReplace(Class<?> type) {
        for (Class<?> declaring = type; declaring != null; declaring = declaring.getSuperclass()) {
            Method method;
            try {
                method = declaring.getDeclaredMethod("writeReplace");
            } catch (NoSuchMethodException e) {
                continue;
            }
            int modifiers = method.getModifiers();
            boolean usable =
                    method.getReturnType() == Object.class
                            && !Modifier.isStatic(modifiers)
                            && !Modifier.isAbstract(modifiers)
                            && (Modifier.isPublic(modifiers)
                                    || Modifier.isProtected(modifiers)
                                    || (Modifier.isPrivate(modifiers)
                                            ? declaring == type
                                            : samePackage(declaring, type)));
            return usable && method.trySetAccessible() ? method : null;
        }
        return null;
    }

    private static boolean samePackage(Class<?> a, Class<?> b) {
        return a.getClassLoader() == b.getClassLoader()
                && Objects.equals(a.getPackageName(), b.getPackageName());
    }
}
