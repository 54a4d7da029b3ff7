package dev.sluice.serial;

import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.util.Optional;

/** Tells which static method a serializable method reference such as {@code Long::sum} points at. */
public final class MethodReferences {

    private MethodReferences() {}

    /**
     * {@code owner.name descriptor} (for instance {@code java/lang/Long.sum(JJ)J}) if {@code function} is a
     * serializable reference to a static method that captures nothing, else empty.
     */
    public static Optional<String> staticTarget(Object function) {
        return Replacements.serializedLambda(function)
                .filter(lambda -> lambda.getImplMethodKind() == MethodHandleInfo.REF_invokeStatic
                        && lambda.getCapturedArgCount() == 0
                        && !lambda.getImplMethodName().startsWith("lambda$"))
                .map(MethodReferences::describe);
    }

    private static String describe(SerializedLambda lambda) {
        return lambda.getImplClass() + "." + lambda.getImplMethodName() + lambda.getImplMethodSignature();
    }
}
