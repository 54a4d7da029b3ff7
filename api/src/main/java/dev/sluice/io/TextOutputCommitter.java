package dev.sluice.io;

import static java.lang.System.Logger.Level.WARNING;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.sluice.common.FileTrees;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes a dataset's partitions as text files ({@code part-00000}, {@code part-00001}, …, one
 * record per line) so that the output directory appears complete or not at all.
 *
 * <p>The protocol, all within one file system:
 *
 * <ol>
 *   <li>The driver calls {@link #setUp}, which creates a staging directory beside the output
 *       directory: {@code <parent>/.<name>-staging-<jobId>}.
 *   <li>Each task attempt calls {@link #writePartition}: it writes {@code
 *       _attempts/part-NNNNN-attempt-A} in the staging directory and then publishes it as {@code
 *       part-NNNNN}. The first attempt to publish wins; later attempts of the same partition
 *       discard their file. A failed attempt leaves nothing behind.
 *   <li>The driver calls {@link #commitJob}, which adds {@code _SUCCESS} and renames the staging
 *       directory to the output directory, or {@link #abortJob}, which deletes the staging
 *       directory.
 * </ol>
 *
 * <p>An instance is {@link Serializable}, holding only the output path, the job id and the
 * overwrite flag, so that it can be shipped to tasks. {@code commitJob} and {@code abortJob} are
 * meant for the driver's own instance.
 */
public final class TextOutputCommitter implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final String ATTEMPTS_DIR = "_attempts";
    private static final String SUCCESS_FILE = "_SUCCESS";
    private static final int WRITE_BUFFER_SIZE = 128 * 1024;

    /** A job id becomes part of file names: no separators, no control characters. */
    private static final Pattern VALID_JOB_ID = Pattern.compile("[^/\\\\\\p{Cntrl}]+");

    private final String outputDir;
    private final String jobId;
    private final boolean overwrite;

    /** Driver-side outcome; never shipped. */
    private transient boolean committed;

    private transient boolean aborted;

    private TextOutputCommitter(Path outputDir, String jobId, boolean overwrite) {
        this.outputDir = outputDir.toString();
        this.jobId = jobId;
        this.overwrite = overwrite;
    }

    /**
     * Prepares a job that writes {@code outputDir}: creates its parent directories and the staging
     * directory.
     *
     * @param outputDir the directory the job's output will be
     * @param overwrite whether an existing {@code outputDir} is replaced when the job commits
     * @param jobId a name for the job that is unique among the jobs writing {@code outputDir}; it
     *     becomes part of a file name
     * @throws IllegalArgumentException if {@code outputDir} exists and {@code overwrite} is false,
     *     or {@code jobId} is not a valid file name part
     * @throws IllegalStateException if the staging directory already exists
     * @throws UncheckedIOException if the directories cannot be created
     */
    public static TextOutputCommitter setUp(Path outputDir, boolean overwrite, String jobId) {
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(jobId, "jobId");
        if (!VALID_JOB_ID.matcher(jobId).matches()) {
            throw new IllegalArgumentException("Invalid job id for a file name: '" + jobId + "'");
        }
        Path output = outputDir.toAbsolutePath().normalize();
        Path parent = output.getParent();
        if (parent == null) {
            throw new IllegalArgumentException("Output directory cannot be a root: " + outputDir);
        }
        if (!overwrite && Files.exists(output, NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(
                    String.format(
                            "Output directory already exists: %s (pass overwrite to replace it)",
                            outputDir));
        }
        TextOutputCommitter committer = new TextOutputCommitter(output, jobId, overwrite);
        Path staging = committer.stagingDir();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the parent of " + outputDir, e);
        }
        try {
            Files.createDirectory(staging);
            Files.createDirectory(staging.resolve(ATTEMPTS_DIR));
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException(
                    String.format(
                            "Staging directory %s already exists: is job %s running twice?",
                            staging, jobId),
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create staging directory " + staging, e);
        }
        return committer;
    }

    /** Returns the directory the job's output appears in, as an absolute path. */
    public Path outputDir() {
        return Path.of(outputDir);
    }

    /** Returns the staging directory, a hidden sibling of the output directory. */
    public Path stagingDir() {
        return sibling("staging");
    }

    /**
     * Writes one attempt of a partition, {@code String.valueOf(record)} and {@code '\n'} per record
     * in UTF-8, and publishes it unless another attempt of the partition has already done so.
     *
     * <p>Publishing uses a hard link, which, unlike a rename on POSIX systems, never replaces an
     * existing file: of concurrent attempts exactly the first one wins. On a file system without
     * hard links it falls back to a rename that refuses an existing target (a check immediately
     * before the rename). If writing fails, the attempt's file is deleted and the failure rethrown.
     *
     * @param partition the partition index, which names the file ({@code part-00042})
     * @param attempt the attempt number, unique among the attempts of the partition
     * @param records the partition's records
     * @throws UncheckedIOException if the file cannot be written; exceptions thrown by {@code
     *     records} propagate unchanged
     */
    public void writePartition(int partition, int attempt, Iterator<?> records) {
        if (partition < 0 || attempt < 0) {
            throw new IllegalArgumentException(
                    "Invalid partition " + partition + " or attempt " + attempt);
        }
        String partName = String.format(Locale.ROOT, "part-%05d", partition);
        Path staging = stagingDir();
        Path attemptFile = staging.resolve(ATTEMPTS_DIR).resolve(partName + "-attempt-" + attempt);
        try {
            writeLines(attemptFile, records);
            publish(attemptFile, staging.resolve(partName));
        } catch (IOException e) {
            deleteAfterFailure(attemptFile, e);
            // The reason (such as "No space left on device") and the directory belong in the message: it is
            // what the job's failure shows.
            throw new UncheckedIOException("Cannot write " + partName + " (attempt " + attempt + ") of job " + jobId
                    + " in " + staging + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            deleteAfterFailure(attemptFile, e);
            throw e;
        }
    }

    /**
     * Completes the job: deletes the attempts directory, writes an empty {@code _SUCCESS} and moves
     * the staging directory into place with an atomic rename. When overwriting, the old output is
     * first renamed aside and deleted once the new output is in place (so the output directory is
     * briefly absent, never partial). Calling it again after success does nothing.
     *
     * @throws IllegalStateException if the job was aborted, or if the output directory appeared
     *     while the job ran and overwrite is off; the staging directory is kept, so {@link
     *     #abortJob} can still clean up
     * @throws UncheckedIOException if the output cannot be moved into place
     */
    public synchronized void commitJob() {
        if (committed) {
            return;
        }
        if (aborted) {
            throw new IllegalStateException(
                    "Job " + jobId + " was aborted; it cannot be committed");
        }
        Path output = outputDir();
        Path staging = stagingDir();
        Path trash = sibling("trash");
        boolean replaced;
        try {
            FileTrees.deleteRecursively(staging.resolve(ATTEMPTS_DIR));
            Files.write(staging.resolve(SUCCESS_FILE), new byte[0]);
            replaced = overwrite && Files.exists(output, NOFOLLOW_LINKS);
            if (replaced) {
                replace(output, staging, trash);
            } else {
                moveIntoPlace(output, staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot commit job " + jobId + " to " + output, e);
        }
        committed = true;
        if (replaced) {
            deleteOldOutput(trash);
        }
    }

    /**
     * Abandons the job: deletes the staging directory with everything written so far. The output
     * directory, whether it existed before or not, is never touched. Does nothing if the job was
     * committed or already aborted.
     *
     * @throws UncheckedIOException if the staging directory cannot be deleted
     */
    public synchronized void abortJob() {
        if (committed || aborted) {
            return;
        }
        try {
            FileTrees.deleteRecursively(stagingDir());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot delete the staging directory of job " + jobId, e);
        }
        aborted = true;
    }

    @Override
    public String toString() {
        return "TextOutputCommitter[job=" + jobId + ", output=" + outputDir + "]";
    }

    private static void writeLines(Path file, Iterator<?> records) throws IOException {
        try (Utf8LineWriter writer =
                new Utf8LineWriter(
                        Files.newOutputStream(file, CREATE_NEW, WRITE), WRITE_BUFFER_SIZE)) {
            while (records.hasNext()) {
                writer.writeLine(String.valueOf(records.next()));
            }
        }
    }

    /** Makes {@code attemptFile} the committed file unless one exists, then deletes it. */
    private static void publish(Path attemptFile, Path committedFile) throws IOException {
        try {
            Files.createLink(committedFile, attemptFile);
        } catch (FileAlreadyExistsException lost) {
            // Another attempt of this partition was published first.
        } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
            if (!Files.exists(committedFile, NOFOLLOW_LINKS)) {
                Files.move(attemptFile, committedFile);
                return;
            }
        }
        Files.delete(attemptFile);
    }

    private void moveIntoPlace(Path output, Path staging) throws IOException {
        // A directory rename silently replaces an empty target directory, hence the check.
        if (Files.exists(output, NOFOLLOW_LINKS)) {
            throw new IllegalStateException(
                    "Output directory " + output + " appeared while job " + jobId + " was running");
        }
        Files.move(staging, output, ATOMIC_MOVE);
    }

    private static void replace(Path output, Path staging, Path trash) throws IOException {
        FileTrees.deleteRecursively(trash); // left by an earlier failed commit of this job
        Files.move(output, trash, ATOMIC_MOVE);
        try {
            Files.move(staging, output, ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.move(trash, output, ATOMIC_MOVE);
            } catch (IOException | RuntimeException restoreFailure) {
                e.addSuppressed(restoreFailure);
            }
            throw e;
        }
    }

    /** The new output is in place: failing to delete the old one only leaves garbage behind. */
    private void deleteOldOutput(Path trash) {
        try {
            FileTrees.deleteRecursively(trash);
        } catch (IOException e) {
            String message = "Job " + jobId + " committed; its replaced output is left in " + trash;
            System.getLogger(TextOutputCommitter.class.getName()).log(WARNING, message, e);
        }
    }

    /**
     * Returns {@code <parent>/.<name>-<kind>-<jobId>}, a hidden sibling of the output directory.
     */
    private Path sibling(String kind) {
        Path output = outputDir();
        return output.resolveSibling("." + output.getFileName() + "-" + kind + "-" + jobId);
    }

    private static void deleteAfterFailure(Path attemptFile, Throwable failure) {
        try {
            Files.deleteIfExists(attemptFile);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
