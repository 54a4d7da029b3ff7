package dev.sluice.network.testing;

import java.util.ArrayDeque;
import java.util.Deque;

/** Closes what a test opened, last opened first, even if some closes fail. */
public final class Closer implements AutoCloseable {

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /** Registers {@code resource} to be closed and returns it. */
    public synchronized <T extends AutoCloseable> T register(T resource) {
        resources.push(resource);
        return resource;
    }

    /** Closes everything registered; the first failure is thrown (wrapped) with the others suppressed. */
    @Override
    public void close() {
        RuntimeException first = null;
        while (true) {
            AutoCloseable resource;
            synchronized (this) {
                resource = resources.poll();
            }
            if (resource == null) {
                break;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("closing " + resource + " failed", e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
