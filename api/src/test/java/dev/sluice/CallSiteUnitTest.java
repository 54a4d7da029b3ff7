package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.CallSiteNamer;
import org.junit.jupiter.api.Test;

import java.util.Optional;

class CallSiteUnitTest {

    /** Names the frames of {@link NamedCaller} only; registered in the test resources' META-INF/services. */
    public static final class TestNamer implements CallSiteNamer {
        @Override
        public Optional<String> name(String className, int lineNumber) {
            return className.equals(NamedCaller.class.getName()) ? Optional.of("named line " + lineNumber) : Optional.empty();
        }
    }

    static final class NamedCaller {
        static String capture() {
            return CallSite.capture();
        }
    }

    @Test
    void theCallerIsTheFirstFrameOutsideSluiceAsFileAndLine() {
        assertThat(CallSite.capture()).matches("CallSiteUnitTest\\.java:\\d+");
    }

    @Test
    void aServiceLoadedNamerNamesTheFramesItKnows() {
        assertThat(NamedCaller.capture()).matches("named line \\d+");
    }
}
