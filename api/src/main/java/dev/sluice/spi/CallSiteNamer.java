package dev.sluice.spi;

import java.util.Optional;

/**
 * Names the place in user code that a stack frame points at, for environments where the class
 * file's own {@code File.java:line} is not what the user wrote: a notebook kernel maps the
 * classes it generates for cells back to cell lines. Plans and error messages show the name.
 * Found with {@link java.util.ServiceLoader}; an implementation must be fast and thread-safe,
 * and returns empty for frames it does not know.
 */
@FunctionalInterface
public interface CallSiteNamer {

    /** The user-facing name of {@code className}'s {@code lineNumber}, e.g. {@code cell [3] line 2}, or empty. */
    Optional<String> name(String className, int lineNumber);
}
