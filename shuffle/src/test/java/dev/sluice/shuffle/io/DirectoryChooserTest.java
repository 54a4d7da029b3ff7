package dev.sluice.shuffle.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DirectoryChooserTest {

    private final AtomicLong now = new AtomicLong(1_000);

    private DirectoryChooser chooser(int directories) {
        return new DirectoryChooser(directories, now::get, Duration.ofNanos(100));
    }

    @Test
    void namesSpreadEvenlyAndAlwaysPreferTheSameDirectory() {
        DirectoryChooser chooser = chooser(3);
        Map<Integer, Integer> files = new HashMap<>();
        for (int map = 0; map < 3_000; map++) {
            String name = "shuffle_7_" + map;
            assertThat(chooser.choose(name)).isEqualTo(chooser.preferred(name)).isEqualTo(chooser(3).preferred(name));
            files.merge(chooser.choose(name), 1, Integer::sum);
        }

        assertThat(files.keySet()).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(files.values()).allSatisfy(count -> assertThat(count).isBetween(800, 1_200));
    }

    @Test
    void aDirectorySetAsideSendsItsFilesToTheNextOneUntilTheTimeIsUp() {
        DirectoryChooser chooser = chooser(3);
        String name = nameFor(chooser, 1);

        chooser.setAside(1);

        assertThat(chooser.isSetAside(1)).isTrue();
        assertThat(chooser.choose(name)).isEqualTo(2);
        chooser.setAside(2);
        assertThat(chooser.choose(name)).isEqualTo(0);
        now.addAndGet(100);
        assertThat(chooser.isSetAside(1)).isFalse();
        assertThat(chooser.choose(name)).isEqualTo(1);
    }

    @Test
    void whenEveryDirectoryIsSetAsideFilesGoWhereTheyPrefer() {
        DirectoryChooser chooser = chooser(2);
        chooser.setAside(0);
        chooser.setAside(1);

        assertThat(chooser.choose(nameFor(chooser, 0))).isZero();
        assertThat(chooser.choose(nameFor(chooser, 1))).isOne();
    }

    @Test
    void oneDirectoryTakesEverything() {
        DirectoryChooser chooser = chooser(1);
        chooser.setAside(0);

        assertThat(chooser.choose("spill-1")).isZero();
        assertThat(chooser.choose("shuffle_0_0")).isZero();
    }

    @Test
    void needsADirectory() {
        assertThatThrownBy(() -> new DirectoryChooser(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String nameFor(DirectoryChooser chooser, int directory) {
        for (int i = 0; ; i++) {
            String name = "spill-" + i;
            if (chooser.preferred(name) == directory) {
                return name;
            }
        }
    }
}
