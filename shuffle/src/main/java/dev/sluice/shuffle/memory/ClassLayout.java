package dev.sluice.shuffle.memory;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link SizeEstimator} needs to know about one class: the shallow size of an instance and the
 * reference fields it can follow. Built once per class by reflection over the declared fields of the
 * class and its superclasses.
 *
 * <p>Fields of classes in modules that are not open to us (all of {@code java.base}) cannot be read; the
 * layout still counts them in the shallow size but marks itself {@linkplain #opaque() opaque}, and the
 * estimator then falls back to the public API of well-known JDK types.
 */
final class ClassLayout {

    private static final Field[] NO_FIELDS = new Field[0];

    private final long shallowSize;
    private final Field[] references;
    private final boolean opaque;

    private ClassLayout(long shallowSize, Field[] references, boolean opaque) {
        this.shallowSize = shallowSize;
        this.references = references;
        this.opaque = opaque;
    }

    static ClassLayout of(Class<?> type) {
        try {
            return inspect(type);
        } catch (RuntimeException | LinkageError e) {
            // A field type that fails to load: we can still count the object itself.
            return new ClassLayout(SizeEstimator.align(SizeEstimator.OBJECT_HEADER), NO_FIELDS, true);
        }
    }

    private static ClassLayout inspect(Class<?> type) {
        long fieldBytes = 0;
        List<Field> readable = new ArrayList<>();
        boolean opaque = false;
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Class<?> fieldType = field.getType();
                if (fieldType.isPrimitive()) {
                    fieldBytes += SizeEstimator.primitiveSize(fieldType);
                    continue;
                }
                fieldBytes += SizeEstimator.REFERENCE;
                if (field.trySetAccessible()) {
                    readable.add(field);
                } else {
                    opaque = true;
                }
            }
        }
        return new ClassLayout(
                SizeEstimator.align(SizeEstimator.OBJECT_HEADER + fieldBytes), readable.toArray(NO_FIELDS), opaque);
    }

    /** The size of one instance, header and fields, without anything it references. */
    long shallowSize() {
        return shallowSize;
    }

    /** The reference fields that can be read (already made accessible). */
    Field[] references() {
        return references;
    }

    /** True if some reference fields could not be made accessible and are therefore not followed. */
    boolean opaque() {
        return opaque;
    }
}
