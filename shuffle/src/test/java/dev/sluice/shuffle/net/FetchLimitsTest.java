package dev.sluice.shuffle.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.network.serialization.ControlSerializer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FetchLimitsTest {

    @Test
    void defaultsMatchTheIssue() {
        FetchLimits limits = FetchLimits.defaults();

        assertThat(limits.maxBytesInFlight()).isEqualTo(48L << 20);
        assertThat(limits.maxRequestsInFlight()).isEqualTo(64);
        assertThat(limits.maxRetries()).isEqualTo(3);
        assertThat(limits.retryWait()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void backsOffExponentially() {
        FetchLimits limits = FetchLimits.defaults().withRetryWait(Duration.ofMillis(100));

        assertThat(limits.retryDelay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(limits.retryDelay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(limits.retryDelay(4)).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void rejectsInvalidLimits() {
        FetchLimits limits = FetchLimits.defaults();

        assertThatThrownBy(() -> limits.withMaxBytesInFlight(0)).hasMessageContaining("maxBytesInFlight");
        assertThatThrownBy(() -> limits.withMaxRequestsInFlight(0)).hasMessageContaining("maxRequestsInFlight");
        assertThatThrownBy(() -> limits.withMaxRetries(-1)).hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> limits.withRetryWait(Duration.ofMillis(-1))).hasMessageContaining("retryWait");
    }

    @Test
    void fetchBlocksRoundTripsThroughTheControlSerializer() {
        ControlSerializer serializer = BlockProtocol.newSerializer();
        FetchBlocks request = new FetchBlocks(3, 4, new int[] {0, 5, 9});

        assertThat(serializer.deserialize(serializer.serialize(request), FetchBlocks.class)).isEqualTo(request);
        assertThatThrownBy(() -> new FetchBlocks(3, 4, new int[0])).hasMessageContaining("at least one");
    }
}
