package dev.sluice.bench.net;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * What a {@link FetchThroughput} run measured.
 *
 * @param settings the settings it ran with
 * @param modes one result per mode, in the order of {@link FetchSettings#modes()}
 */
public record FetchResult(FetchSettings settings, List<ModeResult> modes) {

    /** Copies the list. */
    public FetchResult {
        modes = List.copyOf(modes);
    }

    /** The result of {@code mode}. */
    public ModeResult mode(Encryption mode) {
        return modes.stream().filter(result -> result.mode() == mode).findFirst()
                .orElseThrow(() -> new NoSuchElementException("mode " + mode.label() + " was not measured"));
    }
}
