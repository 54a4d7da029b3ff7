package dev.sluice.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Recognises gzip-compressed input files (by the {@code .gz} suffix, as Hadoop does). */
final class Gzip {

    private static final int INPUT_BUFFER_SIZE = 64 * 1024;

    private Gzip() {}

    static boolean isCompressed(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().endsWith(".gz");
    }

    /** Opens {@code file} for reading, decompressing it if it is a gzip file. */
    static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (!isCompressed(file)) {
            return in;
        }
        try {
            return new GZIPInputStream(in, INPUT_BUFFER_SIZE);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
