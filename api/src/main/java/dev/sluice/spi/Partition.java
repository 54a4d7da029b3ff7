package dev.sluice.spi;

import java.io.Serializable;

/** One partition of a {@link Node}: its index, plus whatever a source needs to read it (shipped with each task). */
public interface Partition extends Serializable {
    /** Position of this partition in its node, from 0. */
    int index();

    /** A partition that carries nothing but its index. */
    static Partition of(int index) {
        return new IndexPartition(index);
    }
}
