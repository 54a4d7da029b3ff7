package dev.sluice.serial;

import java.lang.invoke.SerializedLambda;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Recognises lambda classes and names lambdas after the code that defines them. */
final class Lambdas {

    private Lambdas() {}

    /** Whether {@code type} is a class the JDK spun for a lambda or method reference. */
    static boolean isLambda(Class<?> type) {
        return type.isSynthetic() && type.getName().contains("$$Lambda");
    }

    /**
     * Describes a serializable lambda by its implementation: {@code lambda in com.acme.Job.main}
     * for a lambda expression, {@code method reference com.acme.Parser::parse} for a method
     * reference.
     */
    static String describe(SerializedLambda lambda) {
        String implClass = lambda.getImplClass().replace('/', '.');
        String method = lambda.getImplMethodName();
        if (!method.startsWith("lambda$")) {
            String name = method.equals("<init>") ? "new" : method;
            return "method reference " + implClass + "::" + name;
        }
        // javac puts a lambda's body in a method named lambda$<enclosing method>$<n>, or, for a
        // serializable lambda, lambda$<enclosing method>$<hash>$<n>.
        // if it is serializable.
        int end = method.indexOf('$', "lambda$".length());
        String enclosing = end < 0 ? "" : method.substring("lambda$".length(), end);
        return switch (enclosing) {
            case "" -> "lambda in " + implClass;
            case "new" -> "lambda in a constructor of " + implClass;
            case "static" -> "lambda in the static initializer of " + implClass;
            default -> "lambda in " + implClass + "." + enclosing;
        };
    }

    /** Names the functional interfaces a lambda class implements. */
    static String interfacesOf(Class<?> lambdaType) {
        return Arrays.stream(lambdaType.getInterfaces())
                .map(Class::getName)
                .collect(Collectors.joining(" & "));
    }
}
