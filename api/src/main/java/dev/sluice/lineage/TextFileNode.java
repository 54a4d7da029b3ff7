package dev.sluice.lineage;

import dev.sluice.common.CloseableIterator;
import dev.sluice.io.FileSplit;
import dev.sluice.io.LineReader;
import dev.sluice.spi.Dependency;
import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.spi.TaskContext;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/** A source of the lines of text files, one partition per byte range (split on line boundaries). */
public final class TextFileNode extends Node<String> {
    private static final long serialVersionUID = 1L;
    private final List<Range> ranges;

    public TextFileNode(int id, String path, String callSite, List<FileSplit> splits) {
        super(id, "textFile " + path, callSite);
        this.ranges = new java.util.ArrayList<>(splits.size());
        for (int i = 0; i < splits.size(); i++) {
            FileSplit s = splits.get(i);
            ranges.add(new Range(i, s.file().toString(), s.start(), s.length()));
        }
    }

    @Override
    public int numPartitions() {
        return ranges.size();
    }

    @Override
    public Partition partition(int index) {
        return ranges.get(index);
    }

    @Override
    public List<Dependency> dependencies() {
        return List.of();
    }

    @Override
    protected Iterator<String> compute(Partition partition, TaskContext context) {
        Range r = (Range) partition;
        CloseableIterator<String> lines = LineReader.lines(new FileSplit(Path.of(r.file()), r.start(), r.length()));
        context.onCompletion(lines::close);
        return lines;
    }

    /** A byte range of one file (paths as strings: {@link Path} is not serializable). */
    record Range(int index, String file, long start, long length) implements Partition {
    }
}
