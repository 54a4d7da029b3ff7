package dev.sluice.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MeterRegistrySourceUnitTest {

    @Test
    void aGivenRegistryIsReturnedAsItIs() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MeterRegistrySource source = MeterRegistrySource.of(registry);
        assertThat(source.isGiven()).isTrue();
        assertThat(source.get()).isSameAs(registry);
    }

    @Test
    void anOnDemandRegistryIsMadeOnceByTheFirstCall() {
        MeterRegistrySource source = MeterRegistrySource.onDemand();
        assertThat(source.isGiven()).isFalse();
        assertThat(source.get()).isInstanceOf(SimpleMeterRegistry.class).isSameAs(source.get());
    }
}
