package dev.sluice.shuffle.io;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Picks which of an application's local directories a new file goes to. A file's name hashes to a preferred
 * directory, as Spark hashes a file name to one of its {@code spark.local.dir}s, so files spread evenly and a name
 * always means the same place while every directory is healthy. A directory a write failed in (out of space, or an
 * I/O error) is set aside for {@link #SET_ASIDE}: new files whose name prefers it go to the next healthy directory
 * in order, which is where a retried task lands. When every directory is set aside, files go to their preferred
 * directory anyway, so that a disk that got space back is used again at once and a disk that did not fails with
 * its own error. Thread-safe.
 */
final class DirectoryChooser {

    /** How long a directory a write failed in receives no new files (while another directory is healthy). */
    static final Duration SET_ASIDE = Duration.ofSeconds(30);

    private final int count;
    private final LongSupplier nanoClock;
    private final long setAsideNanos;
    /** Per directory, the {@link #nanoClock} time until which it is set aside; 0 if it never was. */
    private final AtomicLongArray setAsideUntil;

    DirectoryChooser(int count) {
        this(count, System::nanoTime, SET_ASIDE);
    }

    /** A chooser over {@code count} directories, reading time from {@code nanoClock} (a {@link System#nanoTime}). */
    DirectoryChooser(int count, LongSupplier nanoClock, Duration setAside) {
        if (count < 1) {
            throw new IllegalArgumentException("At least one directory is needed, not " + count);
        }
        this.count = count;
        this.nanoClock = nanoClock;
        this.setAsideNanos = setAside.toNanos();
        this.setAsideUntil = new AtomicLongArray(count);
    }

    /** The directory a file called {@code name} goes to when every directory is healthy. */
    int preferred(String name) {
        int h = name.hashCode();
        h ^= h >>> 16; // spread the high bits: names often differ only at the end
        return Math.floorMod(h, count);
    }

    /** The directory a new file called {@code name} goes to: its preferred one, or the next one not set aside. */
    int choose(String name) {
        int preferred = preferred(name);
        long now = nanoClock.getAsLong();
        for (int step = 0; step < count; step++) {
            int candidate = (preferred + step) % count;
            if (!setAside(candidate, now)) {
                return candidate;
            }
        }
        return preferred;
    }

    /** Sets directory {@code index} aside for new files: a write in it just failed. */
    void setAside(int index) {
        long until = nanoClock.getAsLong() + setAsideNanos;
        setAsideUntil.accumulateAndGet(index, until, Math::max);
    }

    /** Whether directory {@code index} is set aside now. */
    boolean isSetAside(int index) {
        return setAside(index, nanoClock.getAsLong());
    }

    private boolean setAside(int index, long now) {
        long until = setAsideUntil.get(index);
        return until != 0 && now - until < 0;
    }
}
