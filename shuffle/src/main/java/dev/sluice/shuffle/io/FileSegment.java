package dev.sluice.shuffle.io;

/** A byte range of a data file: where one reduce partition's segment lies. */
record FileSegment(long offset, long length) {

    long end() {
        return offset + length;
    }
}
