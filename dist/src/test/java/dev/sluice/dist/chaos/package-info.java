/**
 * The chaos harness: runs the six anchor workloads ({@code dev.sluice.bench.OneApplication}) as one application
 * on a standalone cluster of three one-core workers while one {@link dev.sluice.dist.chaos.Fault} breaks things
 * (executor kills, a frozen executor, a killed worker, a slow and lossy link, a partitioned worker), and reports
 * per workload and fault the time, task re-runs, stage resubmissions, whether the digest is exact, and the
 * processes and files left afterwards ({@link dev.sluice.dist.chaos.ChaosHarness}). {@code ChaosIT} runs it in CI.
 */
package dev.sluice.dist.chaos;
