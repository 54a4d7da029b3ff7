package dev.sluice.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

class SerializationDebuggerTest {

    private static final String TEST = SerializationDebuggerTest.class.getName();
    private static final String CLIENT = TEST + "$HttpClient";
    private static final String ENRICHER = TEST + "$Enricher";
    private static final String HOLDER = TEST + "$Holder";
    private static final String NODE = TEST + "$Node";

    interface SerializableFunction<A, B> extends Function<A, B>, Serializable {}

    /** Not serializable. */
    static final class HttpClient {}

    static final class Enricher implements Serializable {
        final String name = "geo";
        final HttpClient client;

        Enricher(HttpClient client) {
            this.client = client;
        }

        String enrich(String value) {
            return value + name;
        }
    }

    record Holder(Object value) implements Serializable {}

    static final class Node implements Serializable {
        Node next;
        Object payload;
    }

    @Test
    void pathGoesThroughTheLambdasCapturedArgumentsAndFields() {
        Enricher enricher = new Enricher(new HttpClient());
        SerializableFunction<String, String> closure = s -> enricher.enrich(s);

        assertThat(findPath(closure, "task closure"))
                .contains(
                        report(
                                CLIENT,
                                "task closure (lambda in "
                                        + TEST
                                        + ".pathGoesThroughTheLambdasCapturedArgumentsAndFields)",
                                "captured arg 0 (" + ENRICHER + ")",
                                "field 'client' (" + CLIENT + ")"));
    }

    @Test
    void methodReferenceIsNamedAfterTheMethod() {
        SerializableFunction<String, String> closure = new Enricher(new HttpClient())::enrich;

        assertThat(findPath(closure, "root"))
                .contains(
                        report(
                                CLIENT,
                                "root (method reference " + ENRICHER + "::enrich)",
                                "captured arg 0 (" + ENRICHER + ")",
                                "field 'client' (" + CLIENT + ")"));
    }

    @Test
    void pathGoesIntoListsMapsAndArrays() {
        Holder inList =
                new Holder(new ArrayList<>(List.of("fine", new Enricher(new HttpClient()))));
        assertThat(findPath(inList, "root"))
                .contains(
                        report(
                                CLIENT,
                                "root (" + HOLDER + ")",
                                "field 'value' (java.util.ArrayList)",
                                "element [1] (" + ENRICHER + ")",
                                "field 'client' (" + CLIENT + ")"));

        Map<String, Object> map = new HashMap<>();
        map.put("client", new HttpClient());
        assertThat(findPath(new Holder(map), "root"))
                .contains(
                        report(
                                CLIENT,
                                "root (" + HOLDER + ")",
                                "field 'value' (java.util.HashMap)",
                                "value of key 'client' (" + CLIENT + ")"));

        Map<Object, String> badKey = new HashMap<>(Map.of(new HttpClient(), "x"));
        assertThat(findPath(badKey, "root"))
                .get()
                .asString()
                .contains("-> key [0] (" + CLIENT + ")");

        Object[] array = {"a", 1, new HttpClient()};
        assertThat(findPath(array, "root"))
                .contains(
                        report(
                                CLIENT,
                                "root (java.lang.Object[])",
                                "element [2] (" + CLIENT + ")"));
    }

    @Test
    void serializableGraphHasNoPath() {
        Node first = new Node();
        first.next = new Node();
        first.payload = new ArrayList<>(List.of("a", 1, Thread.State.NEW, new int[] {1}));
        Map<String, Object> map = new TreeMap<>(Map.of("k", new Holder(Optional.class)));
        SerializableFunction<String, Object> closure = s -> List.of(first, map, s);

        assertThat(SerializationDebugger.findNotSerializablePath(closure)).isEmpty();
        assertThat(SerializationDebugger.findNotSerializablePath(null)).isEmpty();
        assertSerializable(closure);
    }

    @Test
    void cyclesAreWalkedOnce() {
        Node a = new Node();
        Node b = new Node();
        a.next = b;
        b.next = a;
        a.payload = List.of(a, b);
        assertThat(SerializationDebugger.findNotSerializablePath(a)).isEmpty();

        b.payload = new HttpClient();
        assertThat(findPath(a, "root"))
                .contains(
                        report(
                                CLIENT,
                                "root (" + NODE + ")",
                                "field 'next' (" + NODE + ")",
                                "field 'payload' (" + CLIENT + ")"));
    }

    @Test
    void nonSerializableLambdaIsExplained() {
        Function<String, String> plain = String::trim;
        assertThat(findPath(new Holder(plain), "root"))
                .get()
                .asString()
                .startsWith("root (" + HOLDER + ") -> field 'value' (" + TEST + "$$Lambda")
                .endsWith(
                        ": a lambda implementing java.util.function.Function that is not"
                                + " Serializable (use the dev.sluice.function interfaces)");
    }

    @Test
    void transientStaticEnumAndNonSerializableSuperclassStateIsSkipped() {
        assertThat(SerializationDebugger.findNotSerializablePath(new Skipped())).isEmpty();
        assertThat(SerializationDebugger.findNotSerializablePath(Mode.ON)).isEmpty();
        assertSerializable(new Skipped());
    }

    @Test
    void optionalIsNotSerializable() {
        assertThat(findPath(new Holder(Optional.of("x")), "root"))
                .get()
                .asString()
                .endsWith(
                        "-> field 'value' (java.util.Optional): java.util.Optional is not"
                                + " Serializable");
    }

    @Test
    void comparatorOfASortedMapIsWritten() {
        TreeMap<String, String> sorted = new TreeMap<>((x, y) -> y.compareTo(x));
        sorted.put("a", "b");
        assertThat(findPath(sorted, "root"))
                .get()
                .asString()
                .startsWith("root (java.util.TreeMap) -> comparator (" + TEST + "$$Lambda");
    }

    @Test
    void writeReplaceResultIsFollowed() {
        assertThat(findPath(new ReplacedByClient(), "root"))
                .contains(
                        report(
                                CLIENT,
                                "root (" + TEST + "$ReplacedByClient)",
                                "writeReplace() result (" + CLIENT + ")"));
        assertThat(SerializationDebugger.findNotSerializablePath(new ReplacedBySelf())).isEmpty();
    }

    @Test
    void veryLongPathIsShortenedInTheMiddle() {
        Node head = new Node();
        Node tail = head;
        for (int i = 0; i < 500; i++) {
            tail.next = new Node();
            tail = tail.next;
        }
        tail.payload = new HttpClient();

        String path = findPath(head, "root").orElseThrow();
        assertThat(path)
                .contains("... (482 more steps) -> ")
                .endsWith(CLIENT + " is not Serializable");
        assertThat(path.split(" -> ")).hasSize(21);
    }

    @Test
    void rootItselfCanBeTheProblem() {
        assertThat(findPath(new HttpClient(), "broadcast value"))
                .contains(report(CLIENT, "broadcast value (" + CLIENT + ")"));
    }

    /** The expected path: the steps, then {@code type} named as not serializable. */
    private static String report(String type, String... steps) {
        return String.join(" -> ", steps) + ": " + type + " is not Serializable";
    }

    /** Finds the path, checking first that Java serialization indeed rejects the object. */
    private static Optional<String> findPath(Object root, String label) {
        assertThatThrownBy(
                        () -> new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(root))
                .isInstanceOf(NotSerializableException.class);
        return SerializationDebugger.findNotSerializablePath(root, label);
    }

    private static void assertSerializable(Object object) {
        assertThat(JavaSerialization.serialize(object)).isNotEmpty();
    }

    enum Mode {
        ON;

        @SuppressWarnings({"ImmutableEnumChecker", "unused"})
        private final HttpClient client = new HttpClient();
    }

    static class NotSerializableBase {
        final HttpClient baseClient = new HttpClient();
    }

    static final class Skipped extends NotSerializableBase implements Serializable {
        static final HttpClient SHARED = new HttpClient();
        final transient HttpClient client = new HttpClient();
    }

    static final class ReplacedByClient implements Serializable {
        private Object writeReplace() {
            return new HttpClient();
        }
    }

    static final class ReplacedBySelf implements Serializable {
        private Object writeReplace() {
            return new ReplacedBySelf();
        }
    }
}
