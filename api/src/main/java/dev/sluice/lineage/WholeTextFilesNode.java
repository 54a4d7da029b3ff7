package dev.sluice.lineage;

import dev.sluice.Pair;
import dev.sluice.common.Iterators;

import dev.sluice.io.WholeTextFiles;
import dev.sluice.spi.Dependency;
import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.spi.TaskContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A source of (path, content) pairs, one per file, files grouped into balanced partitions. */
public final class WholeTextFilesNode extends Node<Pair<String, String>> {
    private static final long serialVersionUID = 1L;
    private final List<Files> groups;

    public WholeTextFilesNode(int id, String path, String callSite, List<List<Path>> plan) {
        super(id, "wholeTextFiles " + path, callSite);
        this.groups = new ArrayList<>(plan.size());
        for (int i = 0; i < plan.size(); i++) {
            groups.add(new Files(i, plan.get(i).stream().map(Path::toString).toList()));
        }
    }

    @Override
    public int numPartitions() {
        return groups.size();
    }

    @Override
    public Partition partition(int index) {
        return groups.get(index);
    }

    @Override
    public List<Dependency> dependencies() {
        return List.of();
    }

    @Override
    protected Iterator<Pair<String, String>> compute(Partition partition, TaskContext context) {
        return Iterators.map(((Files) partition).paths().iterator(),
                p -> Pair.of(Path.of(p).toUri().toString(), WholeTextFiles.read(Path.of(p))));
    }

    /** The files of one partition. */
    record Files(int index, List<String> paths) implements Partition {
    }
}
