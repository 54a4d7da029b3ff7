package dev.sluice.shuffle.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link Tmpfs} of a given size, mounted and filled up before each test and unmounted after it, for tests of a
 * local directory that has no space left: {@code @RegisterExtension final FullTmpfs full = new FullTmpfs("2m");}.
 * As with {@link Tmpfs#mount}, a test is skipped, saying why, when the tmpfs cannot be mounted.
 */
public final class FullTmpfs implements BeforeEachCallback, AfterEachCallback {
    private final String size;
    private Tmpfs tmpfs;

    /** A tmpfs of {@code size}, as {@code mount -o size=} takes it (e.g. {@code 2m}). */
    public FullTmpfs(String size) {
        this.size = size;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        tmpfs = Tmpfs.mount(size);
        tmpfs.fill();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (tmpfs != null) {
            tmpfs.close();
            tmpfs = null;
        }
    }

    /** The mounted, full tmpfs of the running test. */
    public Tmpfs get() {
        return tmpfs;
    }
}
