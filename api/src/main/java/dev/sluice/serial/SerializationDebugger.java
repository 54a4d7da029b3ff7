package dev.sluice.serial;

import dev.sluice.Sluice;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Explains why an object graph cannot be serialized, by finding the path from the root to the first
 * object that is not {@link Serializable}, for example:
 *
 * <pre>
 * task closure (lambda in com.acme.MyJob.main) -&gt; captured arg 0 (com.acme.Enricher)
 *     -&gt; field 'client' (com.acme.HttpClient): com.acme.HttpClient is not Serializable
 * </pre>
 *
 * <p>The graph is walked depth-first in the order Java serialization writes it. {@code
 * writeReplace} is applied first; a serializable lambda is thereby replaced by a {@link
 * SerializedLambda}, whose captured arguments are followed. Then the walk follows the non-static,
 * non-transient fields of the object's serializable classes, the elements of arrays, and the
 * contents of collections, maps and {@code AtomicReference}s, which are read through their public
 * API since the JDK keeps them in transient fields and does not open java.base to reflection. Each
 * object is visited once, so cycles end the walk. The walk is iterative, so a deep graph cannot
 * overflow the stack; a very long path is shortened in the middle.
 *
 * <p>It is a diagnostic, not a proof: what custom {@code writeObject} and {@code writeExternal}
 * methods write, and fields that cannot be made accessible (JDK internals, packages of named
 * modules not opened to Sluice), are not inspected.
 */
public final class SerializationDebugger {

    private static final int SHOWN_HEAD_STEPS = 8;
    private static final int SHOWN_TAIL_STEPS = 12;

    private SerializationDebugger() {}

    /**
     * Returns the path to the first non-serializable object reachable from {@code root}, which is
     * labelled {@code root} in the path, or empty if there is none.
     */
    public static Optional<String> findNotSerializablePath(Object root) {
        return findNotSerializablePath(root, "root");
    }

    /**
     * Returns the path to the first non-serializable object reachable from {@code root}, or empty
     * if there is none.
     *
     * @param rootLabel what the root is, e.g. {@code "task closure"}; the first step of the path
     */
    public static Optional<String> findNotSerializablePath(Object root, String rootLabel) {
        Deque<Step> pending = new ArrayDeque<>();
        Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        pending.push(new Step(null, rootLabel, root, false));
        while (!pending.isEmpty()) {
            Step step = pending.pop();
            Object value = step.value();
            if (value == null || !visited.add(value)) {
                continue;
            }
            if (!(value instanceof Serializable)) {
                return Optional.of(describePath(step) + ": " + describeProblem(value));
            }
            Object written = step.replaced() ? value : Replacements.resolve(value);
            if (written != value && !(written instanceof SerializedLambda)) {
                pending.push(new Step(step, "writeReplace() result", written, true));
                continue;
            }
            List<Reference> references = SerialReferences.of(written);
            for (int i = references.size() - 1; i >= 0; i--) {
                Reference reference = references.get(i);
                pending.push(new Step(step, reference.label(), reference.value(), false));
            }
        }
        return Optional.empty();
    }

    private static String describeProblem(Object value) {
        Class<?> type = value.getClass();
        if (Lambdas.isLambda(type)) {
            return "a lambda implementing "
                    + Lambdas.interfacesOf(type)
                    + " that is not Serializable (use the dev.sluice.function interfaces)";
        }
        return type.getTypeName() + " is not Serializable";
    }

    private static String describePath(Step last) {
        List<String> steps = new ArrayList<>();
        for (Step step = last; step != null; step = step.parent()) {
            steps.add(step.label() + " (" + describeType(step.value()) + ")");
        }
        Collections.reverse(steps);
        if (steps.size() > SHOWN_HEAD_STEPS + SHOWN_TAIL_STEPS + 1) {
            int omitted = steps.size() - SHOWN_HEAD_STEPS - SHOWN_TAIL_STEPS;
            List<String> shortened = new ArrayList<>(steps.subList(0, SHOWN_HEAD_STEPS));
            shortened.add("... (" + omitted + " more steps)");
            shortened.addAll(steps.subList(steps.size() - SHOWN_TAIL_STEPS, steps.size()));
            steps = shortened;
        }
        return String.join(" -> ", steps);
    }

    private static String describeType(Object value) {
        return Replacements.serializedLambda(value)
                .map(Lambdas::describe)
                .orElseGet(() -> value.getClass().getTypeName());
    }
}
