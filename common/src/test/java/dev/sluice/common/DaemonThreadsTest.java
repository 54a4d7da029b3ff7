package dev.sluice.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    @Test
    void namedThreadsAreDaemonsWithThatNameRunningTheTask() {
        boolean[] ran = new boolean[1];
        Thread thread = DaemonThreads.named("worker").newThread(() -> ran[0] = true);

        thread.run();

        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).isEqualTo("worker");
        assertThat(ran[0]).isTrue();
    }

    @Test
    void numberedThreadsCountFromOnePerFactory() {
        ThreadFactory factory = DaemonThreads.numbered("pool-");

        assertThat(factory.newThread(() -> { }).getName()).isEqualTo("pool-1");
        assertThat(factory.newThread(() -> { }).getName()).isEqualTo("pool-2");
        assertThat(DaemonThreads.numbered("pool-").newThread(() -> { }).getName()).isEqualTo("pool-1");
        assertThat(factory.newThread(() -> { }).isDaemon()).isTrue();
    }
}
