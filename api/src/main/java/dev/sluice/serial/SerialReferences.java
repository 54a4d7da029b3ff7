package dev.sluice.serial;

import dev.sluice.Sluice;

import java.io.Externalizable;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lists the references that Java serialization follows from a (serializable, already replaced)
 * object, in the order it writes them.
 *
 * <ul>
 *   <li>A {@link SerializedLambda}: its captured arguments.
 *   <li>An object array: its elements.
 *   <li>Collections, maps, map entries and {@link AtomicReference}s: their contents, through their
 *       public API. JDK classes keep their contents in transient fields written by a custom {@code
 *       writeObject}, and java.base is not open to reflection.
 *   <li>Any other object: the non-static, non-transient reference fields of its serializable
 *       classes, superclass first, sorted by name within a class, as {@link ObjectStreamClass}
 *       orders them. Fields that cannot be made accessible (JDK internals, packages of named
 *       modules not opened to Sluice) are skipped. A class's {@code serialPersistentFields} and
 *       what a custom {@code writeObject} writes are not taken into account.
 * </ul>
 *
 * <p>Strings, boxed primitives, enums (written by name), classes and {@link Externalizable} objects
 * (which write themselves) are leaves: references to them are not listed at all, which keeps large
 * collections of plain values cheap to walk.
 */
final class SerialReferences {

    private static final ClassValue<List<Field>> SERIAL_FIELDS =
            new ClassValue<>() {
                @Override
                protected List<Field> computeValue(Class<?> type) {
                    return serialFields(type);
                }
            };

    private SerialReferences() {}

    /** Returns the references followed from {@code object}, the result of any writeReplace. */
    static List<Reference> of(Object object) {
        List<Reference> references = new ArrayList<>();
        if (isLeaf(object)) {
            return references;
        }
        if (object instanceof SerializedLambda lambda) {
            for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
                add(references, "captured arg " + i, lambda.getCapturedArg(i));
            }
            return references;
        }
        if (object instanceof Object[] array) {
            for (int i = 0; i < array.length; i++) {
                add(references, "element [" + i + "]", array[i]);
            }
            return references;
        }
        try {
            addContents(object, references);
        } catch (RuntimeException e) {
            // A collection that cannot be iterated (e.g. modified concurrently): keep what was
            // listed.
        }
        for (Field field : SERIAL_FIELDS.get(object.getClass())) {
            try {
                add(references, "field '" + field.getName() + "'", field.get(object));
            } catch (IllegalAccessException e) {
                throw new AssertionError("Field was made accessible: " + field, e);
            }
        }
        return references;
    }

    private static void addContents(Object object, List<Reference> references) {
        add(references, "comparator", comparatorOf(object));
        if (object instanceof Map<?, ?> map) {
            int index = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                add(references, "key [" + index++ + "]", entry.getKey());
                if (!isLeaf(entry.getValue())) { // checked first to render the key only when needed
                    references.add(
                            new Reference(
                                    "value of key " + render(entry.getKey()), entry.getValue()));
                }
            }
        } else if (object instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                add(references, "element [" + index++ + "]", element);
            }
        } else if (object instanceof Map.Entry<?, ?> entry) {
            add(references, "key", entry.getKey());
            add(references, "value", entry.getValue());
        } else if (object instanceof AtomicReference<?> atomic) {
            add(references, "value", atomic.get());
        }
    }

    /**
     * The comparator of a sorted collection, which serialization writes along with the elements.
     */
    private static Comparator<?> comparatorOf(Object object) {
        if (object instanceof SortedMap<?, ?> map) {
            return map.comparator();
        }
        if (object instanceof SortedSet<?> set) {
            return set.comparator();
        }
        if (object instanceof PriorityQueue<?> queue) {
            return queue.comparator();
        }
        if (object instanceof PriorityBlockingQueue<?> queue) {
            return queue.comparator();
        }
        return null;
    }

    private static void add(List<Reference> references, String label, Object value) {
        if (!isLeaf(value)) {
            references.add(new Reference(label, value));
        }
    }

    /** Whether serialization writes {@code value} without following any reference of it. */
    private static boolean isLeaf(Object value) {
        return value == null
                || value instanceof String
                || value instanceof Enum
                || value instanceof Class
                || value instanceof ObjectStreamClass
                || value instanceof Externalizable
                || value instanceof Boolean
                || value instanceof Character
                || (value instanceof Number
                        && value.getClass().getModule() == Object.class.getModule())
                || (value.getClass().isArray()
                        && value.getClass().getComponentType().isPrimitive());
    }

    /**
     * Renders a map key for a path: strings quoted, anything else by {@code toString}, shortened.
     */
    private static String render(Object key) {
        String text;
        try {
            text = key instanceof String ? "'" + key + "'" : String.valueOf(key);
        } catch (RuntimeException e) {
            text = "of type " + key.getClass().getTypeName();
        }
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private static List<Field> serialFields(Class<?> type) {
        Deque<Class<?>> hierarchy = new ArrayDeque<>();
        Class<?> serializable = type;
        while (serializable != null && Serializable.class.isAssignableFrom(serializable)) {
            hierarchy.push(serializable);
            serializable = serializable.getSuperclass();
        }
        List<Field> fields = new ArrayList<>();
        for (Class<?> c : hierarchy) {
            List<Field> declared = new ArrayList<>(List.of(c.getDeclaredFields()));
            declared.sort(Comparator.comparing(Field::getName));
            for (Field field : declared) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers)
                        && !Modifier.isTransient(modifiers)
                        && !field.getType().isPrimitive()
                        && field.trySetAccessible()) {
                    fields.add(field);
                }
            }
        }
        return List.copyOf(fields);
    }
}
