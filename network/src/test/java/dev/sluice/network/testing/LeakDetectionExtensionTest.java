package dev.sluice.network.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeakDetectionExtensionTest {

    @Test
    void runsAtParanoidLevel() {
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }

    @Test
    void reportsABufferThatWasNeverReleased() {
        leakOneBuffer("deliberately-leaked-by-the-test");

        List<String> leaks = LeakDetectionExtension.collectLeaks();

        // collecting them here also keeps the extension from failing this test after it
        assertThat(leaks).hasSize(1);
        assertThat(leaks.get(0)).contains("deliberately-leaked-by-the-test");
    }

    @Test
    void reportsNothingWhenEveryBufferIsReleased() {
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        buffer.writeLong(42);
        buffer.release();

        assertThat(LeakDetectionExtension.collectLeaks()).isEmpty();
    }

    private static void leakOneBuffer(String hint) {
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        buffer.touch(hint);
    }
}
