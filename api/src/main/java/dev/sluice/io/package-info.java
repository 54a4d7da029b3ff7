/**
 * Local text input and output: splitting files into line-aligned splits, reading lines (plain or gzip), whole-file
 * reads, and the output committer that publishes a job's part files atomically. Used by lineage nodes on the
 * executors. Depends on the configuration package only.
 */
package dev.sluice.io;
