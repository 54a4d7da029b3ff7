package dev.sluice.deploy;

import dev.sluice.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterUrlTest {
    @Test
    void parsesHostAndPort() {
        assertThat(MasterUrl.parse("sluice://10.0.0.1:7077")).isEqualTo(new MasterUrl("10.0.0.1", 7077));
        assertThat(MasterUrl.parse("sluice://master.example:7077/").toString()).isEqualTo("sluice://master.example:7077");
    }

    @Test
    void malformedMastersSayWhatIsExpected() {
        for (String bad : new String[] {"sluice://host", "sluice://:7077", "sluice://h:99999", "spark://h:7077"}) {
            assertThatThrownBy(() -> MasterUrl.parse(bad)).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("sluice://HOST:PORT");
        }
    }
}
