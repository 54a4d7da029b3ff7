package dev.sluice;

import java.security.CodeSource;

/** Finds the line of user code that called into the API, for plans and error messages. */
final class CallSite {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final CodeSource API = CallSite.class.getProtectionDomain().getCodeSource();

    private CallSite() {
    }

    /** {@code File.java:42} of the first frame outside Sluice's own API classes and the JDK. */
    static String capture() {
        return WALKER.walk(frames -> frames
                .filter(f -> !isInternal(f.getDeclaringClass()))
                .findFirst()
                .map(f -> f.getFileName() + ":" + f.getLineNumber())
                .orElse("unknown"));
    }

    private static boolean isInternal(Class<?> c) {
        String name = c.getName();
        if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
            return true;
        }
        return name.startsWith("dev.sluice.") && sameCodeSource(c);
    }

    private static boolean sameCodeSource(Class<?> c) {
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        return cs == API || (cs != null && API != null && cs.getLocation() != null && cs.getLocation().equals(API.getLocation()));
    }
}
