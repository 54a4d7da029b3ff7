package dev.sluice.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

class JavaSerializationTest {

    interface SerializableFunction<A, B> extends Function<A, B>, Serializable {}

    record Point(int x, int y) implements Serializable {}

    static final class Unserializable {}

    private final ClassLoader loader = JavaSerializationTest.class.getClassLoader();

    @Test
    void lambdaSurvivesARoundTrip() {
        int offset = 5;
        SerializableFunction<Integer, Integer> addOffset = x -> x + offset;

        Function<Integer, Integer> copy =
                JavaSerialization.deserialize(JavaSerialization.serialize(addOffset), loader);

        assertThat(copy.apply(1)).isEqualTo(6);
    }

    @Test
    void classesArrayAndPrimitiveTypesAreResolved() {
        Object[] values = {
            new Point(1, 2), new Point[] {new Point(3, 4)}, int.class, long[].class, null
        };

        Object[] copy = JavaSerialization.deserialize(JavaSerialization.serialize(values), loader);

        assertThat(copy[0]).isEqualTo(new Point(1, 2));
        assertThat((Point[]) copy[1]).containsExactly(new Point(3, 4));
        assertThat(copy).containsSubsequence(int.class, long[].class);
    }

    @Test
    void classesAreLoadedThroughTheGivenLoader() {
        List<String> requested = new ArrayList<>();
        ClassLoader recording =
                new ClassLoader(loader) {
                    @Override
                    protected Class<?> loadClass(String name, boolean resolve)
                            throws ClassNotFoundException {
                        requested.add(name);
                        return super.loadClass(name, resolve);
                    }
                };

        Point copy =
                JavaSerialization.deserialize(
                        JavaSerialization.serialize(new Point(1, 2)), recording);

        assertThat(copy).isEqualTo(new Point(1, 2));
        assertThat(requested).contains(Point.class.getName());
    }

    @Test
    void missingClassIsNamed() {
        byte[] bytes = JavaSerialization.serialize(new Point(1, 2));
        ClassLoader platform = ClassLoader.getPlatformClassLoader();

        assertThatThrownBy(() -> JavaSerialization.deserialize(bytes, platform))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("class " + Point.class.getName() + " not found")
                .hasCauseInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void nonSerializableObjectIsExplainedWithItsPath() {
        List<Object> values = new ArrayList<>(List.of("a", new Unserializable()));
        String unserializable = Unserializable.class.getName();

        assertThatThrownBy(() -> JavaSerialization.serialize(values))
                .isInstanceOf(SerializationException.class)
                .hasMessage(
                        "Cannot serialize java.util.ArrayList: root (java.util.ArrayList)"
                                + String.format(
                                        " -> element [1] (%s): %s is not Serializable",
                                        unserializable, unserializable));
    }

    @Test
    void corruptBytesAreReported() {
        assertThatThrownBy(() -> JavaSerialization.deserialize(new byte[] {1, 2, 3}, loader))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Cannot deserialize 3 bytes");
    }
}
