package dev.sluice.e2e;

import dev.sluice.Sluice;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh context for each test of a class, on {@link E2e#MASTER} like every context of the suite, closed after the
 * test: {@code @RegisterExtension final E2eContext context = new E2eContext();}, then {@code context.sluice()}. It is
 * made before the class's {@code @BeforeEach} methods run and closed after its {@code @AfterEach} methods.
 */
final class E2eContext implements BeforeEachCallback, AfterEachCallback {
    private final String[] settings;
    private Sluice sluice;

    /** Contexts with these extra settings (key, value, key, value, ...), as {@link E2e#local2} takes them. */
    E2eContext(String... settings) {
        this.settings = settings.clone();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        sluice = E2e.local2(settings);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (sluice != null) {
            sluice.close();
            sluice = null;
        }
    }

    /** The running test's context. */
    Sluice sluice() {
        return sluice;
    }
}
