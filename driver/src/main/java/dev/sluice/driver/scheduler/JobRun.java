package dev.sluice.driver.scheduler;

import dev.sluice.planner.StagePlan;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** One submitted job: its plan, its result stage's run, and the results collected so far. */
final class JobRun<U> {
    final int id;
    final StagePlan plan;
    final StageRun resultRun;
    final int[] partitions;
    final Object[] results;
    final CompletableFuture<List<U>> future = new CompletableFuture<>();
    /** Serialized bytes of the remote results accepted so far; guarded by the scheduler's lock. */
    long resultBytes;
    /** Tasks told to stop when the job was aborted; guarded by the scheduler's lock. */
    final Set<Long> stoppedTasks = new HashSet<>();

    JobRun(int id, StagePlan plan, byte[] resultBinary, int[] partitions) {
        this.id = id;
        this.plan = plan;
        this.resultRun = new StageRun(plan.result(), resultBinary, id);
        this.partitions = partitions.clone();
        this.results = new Object[partitions.length];
        for (int p : partitions) {
            resultRun.pending.add(p);
        }
    }

    /** Stores the result of partition {@code partition}; returns true when it was the last one. */
    boolean complete(int partition, Object value) {
        for (int i = 0; i < partitions.length; i++) {
            if (partitions[i] == partition) {
                results[i] = value;
            }
        }
        resultRun.pending.remove(partition);
        return resultRun.pending.isEmpty();
    }

    @SuppressWarnings("unchecked")
    List<U> results() {
        return (List<U>) Arrays.asList(results);
    }

    boolean isDone() {
        return future.isDone();
    }

    @Override
    public String toString() {
        return "job " + id;
    }
}
