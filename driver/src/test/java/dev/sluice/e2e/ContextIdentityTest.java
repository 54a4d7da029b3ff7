package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Sluice;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Application ids: the sanitised name and eight random hex digits, distinct between contexts. */
class ContextIdentityTest {

    @Test
    void eachContextGetsItsOwnIdAfterItsName() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            try (Sluice sluice = Sluice.builder().master("local[1]").appName("word count/1").create()) {
                assertThat(sluice.appId()).matches("word_count_1-[0-9a-f]{8}");
                ids.add(sluice.appId());
            }
        }
        assertThat(ids).hasSize(20);
    }
}
