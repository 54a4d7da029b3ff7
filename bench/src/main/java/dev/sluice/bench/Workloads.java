package dev.sluice.bench;

import java.util.List;
import java.util.stream.Collectors;

/** Every workload of the benchmark, in the order the runners run them by default. */
public final class Workloads {
    private static final List<Workload> ALL = List.of(new WordCount(), new Aggregate(), new GroupBy(), new Join(),
            new Sort(), new PageRank(), new Latency());

    private Workloads() {
    }

    /** All workloads, in default order. */
    public static List<Workload> all() {
        return ALL;
    }

    /** Their names, in default order. */
    public static List<String> names() {
        return ALL.stream().map(Workload::name).toList();
    }

    /** The workload called {@code name}; fails naming the known ones if there is none. */
    public static Workload named(String name) {
        return ALL.stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown workload '" + name + "' (known: "
                        + ALL.stream().map(Workload::name).collect(Collectors.joining(", ")) + ")"));
    }
}
