package dev.sluice.spi;

import java.io.Serializable;

/**
 * An edge of the lineage from a node to one of its parents. {@link NarrowDependency} edges are
 * pipelined inside one stage; {@link ShuffleDependency} edges cut the lineage into stages.
 */
public abstract sealed class Dependency implements Serializable permits NarrowDependency, ShuffleDependency {
    private static final long serialVersionUID = 1L;

    /** The node this edge points to (not available inside a task for a shuffle edge: the task reads files instead). */
    public abstract Node<?> parent();
}
