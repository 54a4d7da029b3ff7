package dev.sluice.io;

import java.nio.file.Path;

/** A resolved input file and its size in bytes when it was resolved. */
record InputFile(Path path, long size) {}
