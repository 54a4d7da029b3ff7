package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.serial.JavaSerialization;
import dev.sluice.serial.SerializationException;
import dev.sluice.storage.StorageLevel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZeroValueUnitTest {

    @Test
    void immutableValuesAreSharedAsTheyAre() {
        List<Object> immutables = List.of("", "zero", 0L, 0, 0.0, 0.0f, (short) 0, (byte) 0, false, 'c',
                new BigInteger("123456789012345678901234567890"), new BigDecimal("1.50"), StorageLevel.MEMORY_ONLY);
        for (Object value : immutables) {
            ZeroValue<Object> zero = ZeroValue.of(value);
            assertThat(zero.get()).as("%s", value.getClass()).isSameAs(value);
            assertThat(zero.get()).isSameAs(zero.get());
        }
    }

    @Test
    void nullIsAValidZero() {
        ZeroValue<Object> zero = ZeroValue.of(null);

        assertThat(zero.get()).isNull();
        assertThat(zero.get()).isNull();
    }

    @Test
    void mutableValueIsCopiedForEveryUse() {
        List<String> original = new ArrayList<>(List.of("seed"));
        ZeroValue<List<String>> zero = ZeroValue.of(original);

        List<String> first = zero.get();
        List<String> second = zero.get();

        assertThat(first).isEqualTo(List.of("seed")).isNotSameAs(original).isNotSameAs(second);
        first.add("from partition 0");
        original.add("changed after of()");
        assertThat(second).containsExactly("seed");
        assertThat(zero.get()).containsExactly("seed");
    }

    @Test
    void nestedMutableValuesAreCopiedDeeply() {
        Map<String, List<Integer>> original = new HashMap<>();
        original.put("k", new ArrayList<>(List.of(1)));
        ZeroValue<Map<String, List<Integer>>> zero = ZeroValue.of(original);

        zero.get().get("k").add(2);

        assertThat(zero.get().get("k")).containsExactly(1);
    }

    @Test
    void mutableArrayIsCopied() {
        long[] original = {0L, 0L};
        ZeroValue<long[]> zero = ZeroValue.of(original);

        zero.get()[0] = 42;

        assertThat(zero.get()).containsExactly(0L, 0L).isNotSameAs(original);
    }

    @Test
    void aZeroThatCannotBeCopiedFailsAtOnce() {
        Object notSerializable = new Object();
        List<Object> holder = new ArrayList<>(List.of(notSerializable));

        assertThatThrownBy(() -> ZeroValue.of(holder)).isInstanceOf(SerializationException.class);
    }

    @Test
    void survivesJavaSerializationLikeTheClosuresThatCarryIt() {
        ZeroValue<List<Integer>> mutable = ZeroValue.of(new ArrayList<>(List.of(7)));
        ZeroValue<String> immutable = ZeroValue.of("z");
        ClassLoader loader = getClass().getClassLoader();

        ZeroValue<List<Integer>> mutableCopy = JavaSerialization.deserialize(JavaSerialization.serialize(mutable), loader);
        ZeroValue<String> immutableCopy = JavaSerialization.deserialize(JavaSerialization.serialize(immutable), loader);

        assertThat(mutableCopy.get()).containsExactly(7);
        assertThat(mutableCopy.get()).isNotSameAs(mutableCopy.get());
        assertThat(immutableCopy.get()).isEqualTo("z");
    }
}
