/**
 * The whole-job benchmarks: the anchor workloads (word count, aggregate, group-by, join, sort, PageRank)
 * and the latency workload, with their digests, run by {@link dev.sluice.bench.Main} on anchor data or on the
 * seeded {@link dev.sluice.bench.TinyData}, and as one application on a cluster ({@link dev.sluice.bench.OneApplication},
 * used by the chaos harness). See {@code bench/README.md}. May depend on every module.
 */
package dev.sluice.bench;
