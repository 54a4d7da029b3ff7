package dev.sluice.executor.cluster;

import java.util.Optional;
import java.util.function.LongConsumer;

/** Runs an action when the process that started this one dies (a worker for its executors and drivers). */
public final class ParentWatch {
    private ParentWatch() {
    }

    /**
     * Calls {@code action} with the parent's pid once the process {@code pid} (a decimal number; nothing when null
     * or empty) has exited, at once if it is gone already.
     */
    public static void onDeath(String pid, LongConsumer action) {
        if (pid == null || pid.isEmpty()) {
            return;
        }
        long parent = Long.parseLong(pid);
        Optional<ProcessHandle> handle = ProcessHandle.of(parent);
        if (handle.isEmpty()) {
            action.accept(parent);
            return;
        }
        handle.get().onExit().thenRun(() -> action.accept(parent));
    }
}
