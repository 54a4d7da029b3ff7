package dev.sluice.network.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SilenceDetectorTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final SilenceDetector<String> detector =
            new SilenceDetector<>(Duration.ofSeconds(10), Duration.ofSeconds(1), clock::get);

    /** Advances the clock by {@code seconds}, one on-time check per second. */
    private void runFor(int seconds) {
        for (int i = 0; i < seconds; i++) {
            clock.addAndGet(SECOND);
            detector.silentPeers();
        }
    }

    @Test
    void aPeerIsSilentOnlyOnceTheTimeoutHasPassedWithoutASign() {
        detector.start("a");
        runFor(10);
        assertThat(detector.silentPeers()).isEmpty();
        clock.addAndGet(SECOND);
        assertThat(detector.silentPeers()).containsExactly("a");
    }

    @Test
    void everySignOfLifeRestartsTheSilence() {
        detector.start("a");
        detector.start("b");
        runFor(8);
        detector.heard("a");
        runFor(3);
        assertThat(detector.silentPeers()).containsExactly("b");
        runFor(8);
        assertThat(detector.silentPeers()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aLateCheckDoesNotCountTheTimeThisProcessWasPaused() {
        detector.start("a");
        runFor(5);
        // this process stalls for 30 s (a GC pause, a starved machine): the peer's heartbeats wait unread
        clock.addAndGet(30 * SECOND);
        assertThat(detector.silentPeers()).isEmpty();
        // once running again, the peer is lost if it still says nothing for the rest of the timeout
        runFor(4);
        assertThat(detector.silentPeers()).isEmpty();
        runFor(2);
        assertThat(detector.silentPeers()).containsExactly("a");
    }

    @Test
    void aPeerHeardRightAfterAPauseIsAlive() {
        detector.start("a");
        clock.addAndGet(60 * SECOND);
        detector.heard("a"); // the buffered heartbeat is read before the late check runs
        assertThat(detector.silentPeers()).isEmpty();
        runFor(10);
        assertThat(detector.silentPeers()).isEmpty();
    }

    @Test
    void forgottenPeersAreNeitherReportedNorRevivedByLateMessages() {
        detector.start("a");
        detector.forget("a");
        detector.heard("a");
        runFor(20);
        assertThat(detector.silentPeers()).isEmpty();
        assertThat(detector.watches("a")).isFalse();
    }

    @Test
    void aSilentPeerStaysReportedUntilForgotten() {
        detector.start("a");
        runFor(11);
        assertThat(detector.silentPeers()).containsExactly("a");
        assertThat(detector.silentPeers()).containsExactly("a");
        detector.forget("a");
        assertThat(detector.silentPeers()).isEmpty();
    }

    @Test
    void timeoutsMustBePositive() {
        assertThatThrownBy(() -> new SilenceDetector<String>(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }
}
