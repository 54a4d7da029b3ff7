/**
 * JMH benchmarks of the hot loops: the narrow pipeline, map-side combining, serializers, and the shuffle's write
 * and read paths. May depend on every module.
 */
package dev.sluice.bench.jmh;
