package dev.sluice.executor.cluster;

import dev.sluice.executor.protocol.ClusterMessages.ClassFile;
import dev.sluice.executor.protocol.ClusterMessages.GetClass;
import dev.sluice.network.message.MessageClient;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An executor's class loader for the application: classes on the executor's class path first, then classes only
 * the driver has (defined in notebook cells, or compiled by an IDE into a directory the executors do not see),
 * whose class files it asks the driver for, once each.
 */
final class DriverClassLoader extends ClassLoader {
    private static final long ASK_TIMEOUT_SECONDS = 60;

    static {
        registerAsParallelCapable();
    }

    private final MessageClient driver;
    private final Set<String> missing = ConcurrentHashMap.newKeySet();

    DriverClassLoader(ClassLoader parent, MessageClient driver) {
        super("sluice-driver-classes", parent);
        this.driver = driver;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (missing.contains(name)) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try {
            bytes = driver.ask(new GetClass(name), ClassFile.class).get(ASK_TIMEOUT_SECONDS, TimeUnit.SECONDS).bytes();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClassNotFoundException(name + " (interrupted while asking the driver)", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ClassNotFoundException(name + " (the driver could not be asked: " + e + ")", e);
        }
        if (bytes.length == 0) {
            missing.add(name);
            throw new ClassNotFoundException(name + " is on neither this executor's class path nor the driver's");
        }
        return defineClass(name, bytes, 0, bytes.length);
    }
}
