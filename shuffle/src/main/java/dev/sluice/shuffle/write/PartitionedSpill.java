package dev.sluice.shuffle.write;

import java.nio.file.Path;

/** A spill file of the map writer: the segments of partition 0, 1, … back to back, with their lengths. */
record PartitionedSpill(Path file, long[] partitionLengths) {

    long totalBytes() {
        long total = 0;
        for (long length : partitionLengths) {
            total += length;
        }
        return total;
    }
}
