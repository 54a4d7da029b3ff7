package dev.sluice.deploy.master;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RecoveryStore} of JSON files in one directory ({@code sluice.recovery.mode=FILESYSTEM}): one file per
 * worker, application and driver, written to a temporary file and moved into place atomically, so that a master
 * killed mid-write leaves the previous version. Leftover temporary files are ignored and deleted.
 */
public final class FileSystemRecoveryStore implements RecoveryStore {
    private static final String WORKER = "worker_";
    private static final String APPLICATION = "app_";
    private static final String DRIVER = "driver_";
    private static final String SUFFIX = ".json";

    private final Path directory;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A store in {@code directory}, created if missing. */
    public FileSystemRecoveryStore(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    @Override
    public void putWorker(WorkerRecord worker) {
        write(WORKER + worker.id(), worker);
    }

    @Override
    public void removeWorker(String id) {
        delete(WORKER + id);
    }

    @Override
    public void putApplication(ApplicationRecord application) {
        write(APPLICATION + application.id(), application);
    }

    @Override
    public void removeApplication(String id) {
        delete(APPLICATION + id);
    }

    @Override
    public void putDriver(DriverRecord driver) {
        write(DRIVER + driver.id(), driver);
    }

    @Override
    public void removeDriver(String id) {
        delete(DRIVER + id);
    }

    @Override
    public Recovered read() {
        return new Recovered(readAll(WORKER, WorkerRecord.class), readAll(APPLICATION, ApplicationRecord.class),
                readAll(DRIVER, DriverRecord.class));
    }

    private void write(String name, Object record) {
        Path target = file(name);
        Path temporary = directory.resolve("." + name + ".tmp");
        try {
            json.writeValue(temporary.toFile(), record);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("The recovery directory " + directory + " does not support atomic moves", e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + " to the recovery store", e);
        }
    }

    private void delete(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file(name) + " from the recovery store", e);
        }
    }

    private Path file(String name) {
        if (!name.matches("[\\w.-]+")) {
            throw new IllegalArgumentException("Not a storable id: " + name);
        }
        return directory.resolve(name + SUFFIX);
    }

    private <T> List<T> readAll(String prefix, Class<T> type) {
        List<T> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp")) {
                    Files.deleteIfExists(file); // a write the previous master did not finish
                } else if (name.startsWith(prefix) && name.endsWith(SUFFIX)) {
                    out.add(json.readValue(file.toFile(), type));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the recovery store in " + directory, e);
        }
        return out;
    }

    @Override
    public String toString() {
        return "FILESYSTEM recovery store in " + directory;
    }
}
