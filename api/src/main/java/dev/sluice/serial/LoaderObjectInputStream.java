package dev.sluice.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.Map;

/**
 * An {@link ObjectInputStream} that loads classes through a given class loader, such as the loader
 * of a job's jars on an executor, rather than the latest user-defined loader on the call stack.
 */
final class LoaderObjectInputStream extends ObjectInputStream {

    /** Primitive types, which no class loader can load by name. */
    private static final Map<String, Class<?>> PRIMITIVES =
            Map.of(
                    "boolean", boolean.class,
                    "byte", byte.class,
                    "char", char.class,
                    "short", short.class,
                    "int", int.class,
                    "long", long.class,
                    "float", float.class,
                    "double", double.class,
                    "void", void.class);

    private final ClassLoader loader;

    LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
        super(in);
        this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws ClassNotFoundException {
        String name = desc.getName();
        try {
            // Class.forName, unlike ClassLoader.loadClass, also resolves array types
            // ("[Lcom.acme.X;").
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            Class<?> primitive = PRIMITIVES.get(name);
            if (primitive == null) {
                throw e;
            }
            return primitive;
        }
    }
}
