package dev.sluice;

import dev.sluice.spi.CallSiteNamer;

import java.security.CodeSource;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the line of user code that called into the API, for plans and error messages. */
final class CallSite {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final CodeSource API = CallSite.class.getProtectionDomain().getCodeSource();
    private static final List<CallSiteNamer> NAMERS = ServiceLoader.load(CallSiteNamer.class, CallSite.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get).toList();

    private CallSite() {
    }

    /**
     * {@code File.java:42} of the first frame outside Sluice's own API classes and the JDK, or the
     * name a {@link CallSiteNamer} gives it.
     */
    static String capture() {
        return WALKER.walk(frames -> frames
                .filter(f -> !isInternal(f.getDeclaringClass()))
                .findFirst()
                .map(f -> named(f.getClassName(), f.getLineNumber()).orElse(f.getFileName() + ":" + f.getLineNumber()))
                .orElse("unknown"));
    }

    private static Optional<String> named(String className, int lineNumber) {
        for (CallSiteNamer namer : NAMERS) {
            Optional<String> name = namer.name(className, lineNumber);
            if (name.isPresent()) {
                return name;
            }
        }
        return Optional.empty();
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
