package dev.sluice.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** Runs an application's {@code main} method in this JVM, as a submitted driver does. */
public final class ApplicationMain {
    private ApplicationMain() {
    }

    /**
     * Loads {@code mainClass} through {@code loader} (also made the thread's context loader) and runs its
     * {@code main(String[])}.
     *
     * @return 0 when it returned, 1 when it threw (the error is printed on stderr)
     * @throws IllegalArgumentException if the class or its main method is missing
     */
    public static int run(String mainClass, String[] args, ClassLoader loader) {
        Method main;
        try {
            Class<?> type = Class.forName(mainClass, false, loader);
            main = type.getMethod("main", String[].class);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("The main class " + mainClass + " is not in the application's jar or "
                    + "class path", e);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("The class " + mainClass + " has no public static void main(String[])", e);
        }
        if (!Modifier.isStatic(main.getModifiers())) {
            throw new IllegalArgumentException("The main method of " + mainClass + " is not static");
        }
        Thread.currentThread().setContextClassLoader(loader);
        try {
            main.invoke(null, (Object) args);
            return 0;
        } catch (InvocationTargetException e) {
            System.err.println("The application " + mainClass + " failed:");
            e.getCause().printStackTrace();
            return 1;
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("The main method of " + mainClass + " is not public", e);
        }
    }
}
