package dev.sluice;

import dev.sluice.serial.JavaSerialization;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Supplier;

/**
 * The zero of a fold or aggregation, handed out as a fresh copy wherever it is used, so that a
 * mutable zero (a list, a set) is never shared between partitions or keys. Immutable JDK values
 * are shared as they are.
 */
final class ZeroValue<T> implements Supplier<T>, Serializable {
    private static final long serialVersionUID = 1L;
    private final T shared;
    private final byte[] serialized;

    private ZeroValue(T shared, byte[] serialized) {
        this.shared = shared;
        this.serialized = serialized;
    }

    static <T> ZeroValue<T> of(T zero) {
        return isImmutable(zero) ? new ZeroValue<>(zero, null) : new ZeroValue<>(null, JavaSerialization.serialize(zero));
    }

    private static boolean isImmutable(Object o) {
        return o == null || o instanceof String || o instanceof Long || o instanceof Integer || o instanceof Double
                || o instanceof Float || o instanceof Short || o instanceof Byte || o instanceof Boolean
                || o instanceof Character || o instanceof BigInteger || o instanceof BigDecimal || o instanceof Enum<?>;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get() {
        if (serialized == null) {
            return shared;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return (T) JavaSerialization.deserialize(serialized, loader != null ? loader : ZeroValue.class.getClassLoader());
    }
}
