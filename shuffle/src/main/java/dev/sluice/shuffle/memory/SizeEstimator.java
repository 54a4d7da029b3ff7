package dev.sluice.shuffle.memory;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Estimates the heap an object graph retains, for deciding when spillable collections must spill.
 *
 * <p>The model is a 64-bit HotSpot JVM with compressed oops: 12-byte object headers, 16-byte array
 * headers, 4-byte references and 8-byte alignment. Objects are walked by reflection over their fields
 * (layouts are cached per class); each object is counted once per estimate even if reachable along
 * several paths. Arrays and collections with more than {@value #SAMPLING_THRESHOLD} elements are sized
 * from {@value #SAMPLES} evenly spaced elements and extrapolated.
 *
 * <p>Classes of {@code java.base} cannot be read reflectively on JDK 17+, so the estimator never tries:
 * strings and boxed primitives have exact fast paths, arrays are read directly, and JDK collections,
 * maps, {@link Optional} and {@link Map.Entry} are walked through their public API with an
 * approximation of their internal structure. Other opaque objects count their shallow size. Class
 * objects and enum constants are shared and count nothing. The estimator never throws.
 */
public final class SizeEstimator {

    static final int OBJECT_HEADER = 12;
    static final int ARRAY_HEADER = 16;
    static final int REFERENCE = 4;
    private static final int ALIGNMENT = 8;

    /** Header, value reference, hash, coder and hashIsZero of a {@link String}, aligned. */
    private static final long STRING_SHALLOW = 24;
    /** A {@code HashMap.Node} as used by hash sets: header, hash, key, value and next. */
    private static final long HASH_NODE = 32;
    /** A {@code TreeMap.Entry}: header, key, value, left, right, parent and color. */
    private static final long TREE_NODE = 40;
    /** A {@code LinkedList.Node}: header, item, next and prev. */
    private static final long LINKED_NODE = 24;

    private static final int SAMPLING_THRESHOLD = 400;
    private static final int SAMPLES = 100;

    private static final Map<Class<?>, Long> BOXED_SIZES = Map.of(
            Boolean.class, 16L,
            Byte.class, 16L,
            Character.class, 16L,
            Short.class, 16L,
            Integer.class, 16L,
            Float.class, 16L,
            Long.class, 24L,
            Double.class, 24L);

    private static final ClassValue<ClassLayout> LAYOUTS = new ClassValue<>() {
        @Override
        protected ClassLayout computeValue(Class<?> type) {
            return ClassLayout.of(type);
        }
    };

    private SizeEstimator() {}

    /** Returns the estimated number of heap bytes retained by {@code object} (0 for null). */
    public static long estimate(Object object) {
        if (object == null) {
            return 0;
        }
        if (object instanceof String s) {
            return stringSize(s);
        }
        Long boxed = BOXED_SIZES.get(object.getClass());
        if (boxed != null) {
            return boxed;
        }
        return new GraphWalk().measure(object);
    }

    /** Returns the heap taken by an array of {@code length} references, without the referenced objects. */
    public static long referenceArrayBytes(long length) {
        return align(ARRAY_HEADER + length * REFERENCE);
    }

    static long align(long bytes) {
        return (bytes + ALIGNMENT - 1) & -ALIGNMENT;
    }

    static int primitiveSize(Class<?> type) {
        if (type == long.class || type == double.class) {
            return 8;
        }
        if (type == int.class || type == float.class) {
            return 4;
        }
        if (type == short.class || type == char.class) {
            return 2;
        }
        return 1;
    }

    private static long stringSize(String s) {
        int bytesPerChar = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                bytesPerChar = 2;
                break;
            }
        }
        return STRING_SHALLOW + align(ARRAY_HEADER + (long) s.length() * bytesPerChar);
    }

    /** The capacity a {@code HashMap} with default load factor has when holding {@code size} entries. */
    private static long hashTableCapacity(int size) {
        long needed = (long) Math.ceil(size / 0.75);
        return needed <= 1 ? 1 : Long.highestOneBit(needed - 1) << 1;
    }

    /** One estimate: the set of objects counted so far and the walk over what they reference. */
    private static final class GraphWalk {

        private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

        /** Sizes everything reachable from {@code root} that this walk has not counted yet. */
        long measure(Object root) {
            Deque<Object> pending = new ArrayDeque<>();
            push(root, pending);
            long total = 0;
            Object next;
            while ((next = pending.poll()) != null) {
                total += visit(next, pending);
            }
            return total;
        }

        private void push(Object object, Deque<Object> pending) {
            if (object != null && seen.add(object)) {
                pending.push(object);
            }
        }

        /** Returns the size of {@code object} itself (or an extrapolation) and queues what it references. */
        private long visit(Object object, Deque<Object> pending) {
            if (object instanceof String s) {
                return stringSize(s);
            }
            if (object instanceof Class<?> || object instanceof Enum<?>) {
                return 0;
            }
            Class<?> type = object.getClass();
            Long boxed = BOXED_SIZES.get(type);
            if (boxed != null) {
                return boxed;
            }
            if (type.isArray()) {
                return arraySize(object, pending);
            }
            ClassLayout layout = LAYOUTS.get(type);
            for (Field field : layout.references()) {
                push(read(field, object), pending);
            }
            long size = layout.shallowSize();
            if (layout.opaque()) {
                size += opaqueContents(object, pending);
            }
            return size;
        }

        private long arraySize(Object array, Deque<Object> pending) {
            Class<?> component = array.getClass().getComponentType();
            int length = Array.getLength(array);
            if (component.isPrimitive()) {
                return align(ARRAY_HEADER + (long) length * primitiveSize(component));
            }
            return referenceArrayBytes(length) + elements(Arrays.asList((Object[]) array), length, pending);
        }

        /**
         * Sizes a JDK object whose fields we may not read, through its public API: the approximate
         * internal structure of collections and maps plus their elements. Anything unexpected (a
         * collection modified concurrently, an exotic implementation) keeps the estimate so far.
         */
        private long opaqueContents(Object object, Deque<Object> pending) {
            try {
                if (object instanceof Collection<?> collection) {
                    int size = collection.size();
                    return collectionStructure(collection, size) + elements(collection, size, pending);
                }
                if (object instanceof Map<?, ?> map) {
                    int size = map.size();
                    long table = map instanceof SortedMap<?, ?> ? 0 : referenceArrayBytes(hashTableCapacity(size));
                    // Entries of hash and tree maps are their real nodes, so sizing them counts the nodes.
                    return table + elements(map.entrySet(), size, pending);
                }
                if (object instanceof Optional<?> optional) {
                    push(optional.orElse(null), pending);
                } else if (object instanceof Map.Entry<?, ?> entry) {
                    push(entry.getKey(), pending);
                    push(entry.getValue(), pending);
                }
            } catch (RuntimeException e) {
                // Estimates are advisory: better a low estimate than a failed task.
            }
            return 0;
        }

        private static long collectionStructure(Collection<?> collection, int size) {
            if (collection instanceof List<?> && collection instanceof RandomAccess) {
                return referenceArrayBytes(size);
            }
            if (collection instanceof SortedSet<?>) {
                return size * TREE_NODE;
            }
            if (collection instanceof Set<?>) {
                return referenceArrayBytes(hashTableCapacity(size)) + size * HASH_NODE;
            }
            return size * LINKED_NODE;
        }

        /**
         * Accounts for the elements of a container of {@code size} elements: small containers queue every
         * element on the current walk and return 0; large ones size a sample now and return the
         * extrapolated total.
         */
        private long elements(Iterable<?> items, int size, Deque<Object> pending) {
            if (size <= SAMPLING_THRESHOLD) {
                for (Object item : items) {
                    push(item, pending);
                }
                return 0;
            }
            int stride = size / SAMPLES;
            long sampledBytes = 0;
            int sampled = 0;
            int index = 0;
            for (Object item : items) {
                if (index++ % stride == 0) {
                    sampledBytes += measure(item);
                    if (++sampled == SAMPLES) {
                        break;
                    }
                }
            }
            return sampled == 0 ? 0 : sampledBytes * size / sampled;
        }

        private static Object read(Field field, Object owner) {
            try {
                return field.get(owner);
            } catch (IllegalAccessException e) {
                return null;
            }
        }
    }
}
