package dev.sluice.driver.cluster;

import dev.sluice.executor.cluster.ExecutorProcess;
import dev.sluice.executor.protocol.ExecutorSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.config.SluiceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real driver endpoint and real executors (in this JVM, over loopback): an executor with the wrong secret, or
 * one the driver did not launch, cannot register, and the driver keeps serving the ones it expects.
 */
@Timeout(60)
class DriverEndpointSecurityTest {
    private static final String SECRET = InProcessDriver.SECRET;

    @TempDir
    Path temp;

    private final SluiceConfig config = SluiceConfig.of(Map.of("sluice.executor.heartbeatInterval", "100ms"));
    private InProcessDriver driver;
    private ClusterBackend backend;

    @BeforeEach
    void startDriver() throws Exception {
        driver = new InProcessDriver(config);
        backend = driver.backend;
    }

    @AfterEach
    void stopDriver() {
        driver.close();
    }

    private ExecutorSpec spec(String id, String secret) {
        return driver.spec(id, temp.resolve(id), secret);
    }

    @Test
    void anExecutorWithTheWrongSecretIsRejectedAndTheDriverKeepsServing() throws Exception {
        backend.expect("1");
        backend.expect("2");

        assertThatThrownBy(() -> ExecutorProcess.start(spec("1", "not the application's secret at all")))
                .hasStackTraceContaining("uthentication");
        assertThat(backend.executorIds()).isEmpty();

        ExecutorProcess good = ExecutorProcess.start(spec("2", SECRET));
        assertThat(backend.executorIds()).containsExactly("2");
        backend.stopExecutors("test over", Duration.ofSeconds(5));
        assertThat(good.awaitStop()).isZero();
    }

    @Test
    void anExecutorTheDriverDidNotLaunchCannotRegister() {
        assertThatThrownBy(() -> ExecutorProcess.start(spec("7", SECRET)))
                .hasStackTraceContaining("was not launched by this driver");
        assertThat(backend.executorIds()).isEmpty();
    }

    @Test
    void theSpecTravelsInTheEnvironmentWithoutTheSecretInTheConfiguration() {
        SluiceConfig withSecret = SluiceConfig.of(Map.of("sluice.auth.secret", SECRET, "sluice.task.maxFailures", "2"));
        ExecutorSpec spec = new ExecutorSpec("app", "3", driver.server.boundAddress(), 2, temp,
                List.of(temp.resolve("disk1"), temp.resolve("disk2")), withSecret, SECRET);

        Map<String, String> env = spec.toEnvironment();
        ExecutorSpec read = ExecutorSpec.fromEnvironment(env);

        assertThat(env.get("SLUICE_EXECUTOR_CONF")).doesNotContain(SECRET).contains("sluice.task.maxFailures");
        assertThat(read.secret()).isEqualTo(SECRET);
        assertThat(read.cores()).isEqualTo(2);
        assertThat(read.workDir()).isEqualTo(temp);
        assertThat(read.localDirs()).containsExactly(temp.resolve("disk1"), temp.resolve("disk2"));
        assertThat(read.config().asMap()).containsEntry("sluice.task.maxFailures", "2")
                .doesNotContainKey("sluice.auth.secret");
        assertThatThrownBy(() -> ExecutorSpec.fromEnvironment(Map.of()))
                .hasMessageContaining("SLUICE_APP_ID").hasMessageContaining("not by hand");
    }
}
