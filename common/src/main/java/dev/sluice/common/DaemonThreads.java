package dev.sluice.common;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Factories of named daemon threads, which never keep a JVM alive. */
public final class DaemonThreads {

    private DaemonThreads() {}

    /** A factory of daemon threads all named {@code name}. */
    public static ThreadFactory named(String name) {
        return task -> daemon(task, name);
    }

    /** A factory of daemon threads named {@code prefix} followed by 1, 2, 3, ... in the order they are made. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> daemon(task, prefix + count.incrementAndGet());
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
