package dev.sluice.executor.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DriverContactTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong(500 * SECOND);
    private final AtomicLong lastReply = new AtomicLong(0);
    private final DriverContact contact = new DriverContact(Duration.ofSeconds(10), lastReply::get, clock::get);

    @Test
    void silenceStartsWhenTheExecutorRegisteredNotWhenItStarted() {
        clock.addAndGet(30 * SECOND); // a slow start: jars fetched, registration answered late
        contact.heard();
        for (int i = 0; i < 5; i++) {
            assertThat(contact.heartbeatFailed()).isFalse();
        }
        assertThat(contact.silence()).isZero();
    }

    @Test
    void theExecutorGivesUpOnlyAfterTheTimeoutAndThreeFailedHeartbeatsInARow() {
        contact.heard();
        clock.addAndGet(11 * SECOND);
        assertThat(contact.heartbeatFailed()).isFalse();
        assertThat(contact.heartbeatFailed()).isFalse();
        assertThat(contact.heartbeatFailed()).isTrue();
    }

    @Test
    void anAnsweredHeartbeatStartsTheCountAgain() {
        contact.heard();
        clock.addAndGet(11 * SECOND);
        contact.heartbeatFailed();
        contact.heartbeatFailed();
        contact.heartbeatAnswered();
        clock.addAndGet(11 * SECOND);
        assertThat(contact.heartbeatFailed()).isFalse();
        assertThat(contact.heartbeatFailed()).isFalse();
        assertThat(contact.heartbeatFailed()).isTrue();
    }

    @Test
    void anyReplyOnTheDriverConnectionCountsAsContact() {
        contact.heard();
        clock.addAndGet(20 * SECOND);
        lastReply.set(clock.get() - SECOND); // a map output location arrived a second ago
        for (int i = 0; i < 5; i++) {
            assertThat(contact.heartbeatFailed()).isFalse();
        }
        assertThat(contact.silence()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void failuresWithinTheTimeoutAreNotEnough() {
        contact.heard();
        clock.addAndGet(5 * SECOND);
        for (int i = 0; i < 10; i++) {
            assertThat(contact.heartbeatFailed()).isFalse();
        }
    }
}
