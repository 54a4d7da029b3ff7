package dev.sluice.shuffle.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.shuffle.io.FetchFailedException;
import dev.sluice.shuffle.io.MapStatus;
import dev.sluice.shuffle.io.ShuffleBlockId;
import org.junit.jupiter.api.Test;

class MapOutputTrackerTest {

    private final MapOutputTracker tracker = new MapOutputTracker();

    private static MapStatus status(int shuffleId, int mapId, long... lengths) {
        return new MapStatus(shuffleId, mapId, lengths);
    }

    @Test
    void anUnknownShuffleIsNotAvailable() {
        assertThat(tracker.isAvailable(1)).isFalse();
        assertThatThrownBy(() -> tracker.blocksFor(1, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1");
    }

    @Test
    void aShuffleIsAvailableOnceEveryMapOutputIsRegistered() {
        tracker.registerShuffle(3, 3);
        assertThat(tracker.isAvailable(3)).isFalse();
        assertThat(tracker.missingMaps(3)).containsExactly(0, 1, 2);

        tracker.registerMapOutput(status(3, 1, 5, 5));
        assertThat(tracker.isAvailable(3)).isFalse();
        assertThat(tracker.missingMaps(3)).containsExactly(0, 2);

        tracker.registerMapOutput(status(3, 2, 0, 0));
        tracker.registerMapOutput(status(3, 0, 1, 0));
        assertThat(tracker.isAvailable(3)).isTrue();
        assertThat(tracker.missingMaps(3)).isEmpty();
    }

    @Test
    void aShuffleWithNoMapsIsAvailableAtOnce() {
        tracker.registerShuffle(4, 0);

        assertThat(tracker.isAvailable(4)).isTrue();
        assertThat(tracker.blocksFor(4, 0)).isEmpty();
    }

    @Test
    void shufflesAreTrackedIndependently() {
        tracker.registerShuffle(1, 1);
        tracker.registerShuffle(2, 1);

        tracker.registerMapOutput(status(1, 0, 3));

        assertThat(tracker.isAvailable(1)).isTrue();
        assertThat(tracker.isAvailable(2)).isFalse();
        assertThat(tracker.missingMaps(2)).containsExactly(0);
    }

    @Test
    void registeringAShuffleAgainKeepsItsOutputs() {
        tracker.registerShuffle(5, 2);
        tracker.registerMapOutput(status(5, 0, 10));

        tracker.registerShuffle(5, 2);

        assertThat(tracker.missingMaps(5)).containsExactly(1);
    }

    @Test
    void aLaterAttemptOfAMapReplacesTheEarlierOutput() {
        tracker.registerShuffle(6, 1);
        tracker.registerMapOutput(status(6, 0, 10, 0));
        tracker.registerMapOutput(status(6, 0, 0, 10));

        assertThat(tracker.blocksFor(6, 0)).isEmpty();
        assertThat(tracker.blocksFor(6, 1)).containsExactly(new ShuffleBlockId(6, 0, 1));
    }

    @Test
    void registeringAnOutputOfAnUnknownShuffleFails() {
        assertThatThrownBy(() -> tracker.registerMapOutput(status(9, 0, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("9");
    }

    @Test
    void blocksForListsNonEmptySegmentsInMapOrder() {
        tracker.registerShuffle(7, 4);
        tracker.registerMapOutput(status(7, 2, 0, 8, 1));
        tracker.registerMapOutput(status(7, 0, 4, 0, 2));
        tracker.registerMapOutput(status(7, 3, 9, 9, 0));
        tracker.registerMapOutput(status(7, 1, 0, 0, 0));

        assertThat(tracker.blocksFor(7, 0)).containsExactly(new ShuffleBlockId(7, 0, 0), new ShuffleBlockId(7, 3, 0));
        assertThat(tracker.blocksFor(7, 1)).containsExactly(new ShuffleBlockId(7, 2, 1), new ShuffleBlockId(7, 3, 1));
        assertThat(tracker.blocksFor(7, 2)).containsExactly(new ShuffleBlockId(7, 0, 2), new ShuffleBlockId(7, 2, 2));
    }

    @Test
    void blocksForAReducePartitionNobodyWroteToIsEmpty() {
        tracker.registerShuffle(8, 2);
        tracker.registerMapOutput(status(8, 0, 5, 0));
        tracker.registerMapOutput(status(8, 1, 5, 0));

        assertThat(tracker.blocksFor(8, 1)).isEmpty();
    }

    @Test
    void blocksForAnIncompleteShuffleIsAFetchFailureOfTheMissingOutput() {
        tracker.registerShuffle(10, 2);
        tracker.registerMapOutput(status(10, 0, 5));

        assertThatThrownBy(() -> tracker.blocksFor(10, 0))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("lost")
                .extracting(e -> ((FetchFailedException) e).block())
                .isEqualTo(new ShuffleBlockId(10, 1, 0));
    }

    @Test
    void losingAnExecutorForgetsExactlyItsOutputsAndAdvancesTheEpoch() {
        tracker.registerShuffle(12, 3);
        tracker.registerMapOutput(status(12, 0, 1), "exec-1");
        tracker.registerMapOutput(status(12, 1, 1), "exec-2");
        tracker.registerMapOutput(status(12, 2, 1), "exec-1");
        long before = tracker.epoch();

        assertThat(tracker.removeOutputsOn("exec-1")).containsExactly(12);

        assertThat(tracker.missingMaps(12)).containsExactly(0, 2);
        assertThat(tracker.executorOf(12, 1)).isEqualTo("exec-2");
        assertThat(tracker.epoch()).isGreaterThan(before);
        assertThat(tracker.removeOutputsOn("exec-1")).isEmpty();
    }

    @Test
    void removingOneOutputMakesTheShuffleUnavailable() {
        tracker.registerShuffle(13, 2);
        tracker.registerMapOutput(status(13, 0, 1), "exec-1");
        tracker.registerMapOutput(status(13, 1, 1), "exec-1");

        assertThat(tracker.removeMapOutput(13, 1)).isTrue();
        assertThat(tracker.removeMapOutput(13, 1)).isFalse();
        assertThat(tracker.isAvailable(13)).isFalse();
        assertThat(tracker.executorOf(13, 1)).isNull();
    }

    @Test
    void removeShuffleForgetsItsOutputs() {
        tracker.registerShuffle(11, 1);
        tracker.registerMapOutput(status(11, 0, 5));
        tracker.registerShuffle(12, 1);
        tracker.registerMapOutput(status(12, 0, 5));

        tracker.removeShuffle(11);

        assertThat(tracker.isAvailable(11)).isFalse();
        assertThatThrownBy(() -> tracker.blocksFor(11, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tracker.registerMapOutput(status(11, 0, 5))).isInstanceOf(IllegalStateException.class);
        assertThat(tracker.isAvailable(12)).isTrue();
        tracker.removeShuffle(11); // no-op

        tracker.registerShuffle(11, 2);
        assertThat(tracker.missingMaps(11)).containsExactly(0, 1);
    }

    @Test
    void theBytesOfAReducePartitionAreKnownOnceEveryMapOutputIs() {
        assertThat(tracker.bytesFor(4, 0)).isEqualTo(-1);
        tracker.registerShuffle(4, 2);
        tracker.registerMapOutput(status(4, 0, 10, 3));
        assertThat(tracker.bytesFor(4, 1)).as("map 1 is missing").isEqualTo(-1);
        tracker.registerMapOutput(status(4, 1, 7, 0));
        assertThat(tracker.bytesFor(4, 0)).isEqualTo(17);
        assertThat(tracker.bytesFor(4, 1)).isEqualTo(3);
    }

    @Test
    void aFetchFailureFromBeforeAnOutputWasWrittenAgainDoesNotForgetTheNewOutput() {
        MapOutputTracker tracker = new MapOutputTracker();
        tracker.registerShuffle(21, 2);
        tracker.registerMapOutput(status(21, 0, 4, 4), "exec-1");
        tracker.registerMapOutput(status(21, 1, 4, 4), "exec-1");
        long launchedAt = tracker.epoch(); // a reducer starts reading here

        assertThat(tracker.removeMapOutput(21, 1, launchedAt)).isTrue(); // another reducer could not fetch it
        tracker.registerMapOutput(status(21, 1, 4, 4), "exec-2"); // written again
        assertThat(tracker.removeMapOutput(21, 1, launchedAt)).as("a late report about the old output").isFalse();
        assertThat(tracker.executorOf(21, 1)).isEqualTo("exec-2");
        assertThat(tracker.removeMapOutput(21, 1, tracker.epoch())).as("a reducer that read the new one").isTrue();
    }
}
