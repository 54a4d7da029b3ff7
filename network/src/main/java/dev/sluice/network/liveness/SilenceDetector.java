package dev.sluice.network.liveness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Which peers have been silent for longer than a timeout, counting only time this process was itself running.
 *
 * <p>Whoever owns the peers calls {@link #start} when one registers, {@link #heard} for every sign of its life (a
 * heartbeat, a report, any message), {@link #forget} when it is gone, and {@link #silentPeers} every
 * {@code checkPeriod}. A check that comes late means this process was paused (a long GC) or starved (a busy
 * machine): the peers' messages of that time may still wait, unread, in socket buffers, so every peer's silence is
 * shortened by the lateness instead of being declared lost on the spot. A peer is thus lost only after the timeout
 * has passed while this process was running and able to hear it.
 *
 * <p>Thread-safe; {@code heard} is a map lookup and a write, cheap enough for every message.
 *
 * @param <K> the peers' ids
 */
public final class SilenceDetector<K> {
    private final long timeoutNanos;
    private final long periodNanos;
    private final LongSupplier clock;
    private final Map<K, Long> lastHeard = new ConcurrentHashMap<>();
    private long lastCheck; // guarded by this

    /**
     * A detector on {@link System#nanoTime()}.
     *
     * @param timeout how long a peer may stay silent
     * @param checkPeriod how often the owner calls {@link #silentPeers}, to tell a late check
     */
    public SilenceDetector(Duration timeout, Duration checkPeriod) {
        this(timeout, checkPeriod, System::nanoTime);
    }

    /** A detector on the given nanosecond clock (tests drive one by hand). */
    public SilenceDetector(Duration timeout, Duration checkPeriod, LongSupplier clock) {
        if (timeout.isNegative() || timeout.isZero() || checkPeriod.isNegative() || checkPeriod.isZero()) {
            throw new IllegalArgumentException("timeout and checkPeriod must be positive: " + timeout + ", " + checkPeriod);
        }
        this.timeoutNanos = timeout.toNanos();
        this.periodNanos = checkPeriod.toNanos();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lastCheck = clock.getAsLong();
    }

    /** The longest silence allowed. */
    public Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    /** Starts watching {@code peer}, as just heard from. */
    public void start(K peer) {
        lastHeard.put(peer, clock.getAsLong());
    }

    /** Records a sign of life of {@code peer}; ignored if it is not watched (any more). */
    public void heard(K peer) {
        long now = clock.getAsLong();
        lastHeard.computeIfPresent(peer, (id, previous) -> Math.max(previous, now));
    }

    /** Stops watching {@code peer}. */
    public void forget(K peer) {
        lastHeard.remove(peer);
    }

    /** Whether {@code peer} is watched. */
    public boolean watches(K peer) {
        return lastHeard.containsKey(peer);
    }

    /**
     * The peers silent for longer than the timeout, not counting the lateness of this check; they stay watched
     * until {@link #forget forgotten}. Call it every {@code checkPeriod}.
     */
    public synchronized List<K> silentPeers() {
        long now = clock.getAsLong();
        long late = now - lastCheck - periodNanos;
        lastCheck = now;
        if (late > 0) {
            lastHeard.replaceAll((peer, heard) -> Math.min(now, heard + late));
        }
        List<K> silent = new ArrayList<>();
        lastHeard.forEach((peer, heard) -> {
            if (now - heard > timeoutNanos) {
                silent.add(peer);
            }
        });
        return silent;
    }
}
