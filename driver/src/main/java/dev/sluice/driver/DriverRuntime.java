package dev.sluice.driver;

import dev.sluice.driver.scheduler.DagScheduler;
import dev.sluice.executor.metrics.EngineMetrics;
import dev.sluice.plan.ExecutionPlan;
import dev.sluice.planner.PlanDescriber;
import dev.sluice.spi.Dependency;
import dev.sluice.spi.MeterRegistrySource;
import dev.sluice.spi.Node;
import dev.sluice.spi.PartitionFunction;
import dev.sluice.spi.Runtime;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine as a {@code Sluice} context sees it, in every mode: prepares lineage, runs jobs through the
 * {@link DagScheduler}, explains plans, and passes clean-up to the {@link Deployment} that runs the tasks.
 */
public final class DriverRuntime implements Runtime {
    private final MeterRegistrySource registry;
    private final EngineMetrics metrics;
    private final DagScheduler scheduler;
    private final Deployment deployment;
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean bound; // guarded by this

    /**
     * A runtime whose {@code metrics} are registered in the application's registry at once, or in a private one
     * when someone first asks for it.
     */
    public DriverRuntime(MeterRegistrySource registry, EngineMetrics metrics, DagScheduler scheduler,
                         Deployment deployment) {
        this.registry = registry;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.deployment = deployment;
        if (registry.isGiven()) {
            meterRegistry();
        }
    }

    @Override
    public int defaultParallelism() {
        return deployment.defaultParallelism();
    }

    @Override
    public <T, U> List<U> runJob(Node<T> node, int[] partitions, PartitionFunction<T, U> function) {
        ensureOpen();
        for (int p : partitions) {
            if (p < 0 || p >= node.numPartitions()) {
                throw new IllegalArgumentException("Partition " + p + " does not exist in " + node + " ("
                        + node.numPartitions() + " partitions)");
            }
        }
        prepare(node, Collections.newSetFromMap(new IdentityHashMap<>()));
        return scheduler.runJob(node, partitions, function);
    }

    /** Prepares the lineage parents first (sampling for range partitions, offsets for zipWithIndex). */
    private void prepare(Node<?> node, Set<Node<?>> seen) {
        if (!seen.add(node)) {
            return;
        }
        for (Dependency dependency : node.dependencies()) {
            prepare(dependency.parent(), seen);
        }
        node.prepare(this);
    }

    @Override
    public ExecutionPlan explain(Node<?> node) {
        ensureOpen();
        return PlanDescriber.describe(scheduler.plan(node));
    }

    @Override
    public void unpersist(Node<?> node) {
        if (!closed.get()) {
            deployment.unpersist(node.id());
        }
    }

    @Override
    public void removeShuffle(int shuffleId) {
        if (!closed.get()) {
            scheduler.removeShuffle(shuffleId);
            deployment.removeShuffle(shuffleId);
        }
    }

    @Override
    public synchronized MeterRegistry meterRegistry() {
        MeterRegistry meters = registry.get();
        if (!bound) {
            metrics.bindTo(meters);
            bound = true;
        }
        return meters;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The Sluice runtime is closed");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            scheduler.stop("the Sluice context was closed");
            deployment.close();
        }
    }
}
