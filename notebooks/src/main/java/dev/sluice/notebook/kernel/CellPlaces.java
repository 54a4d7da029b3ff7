package dev.sluice.notebook.kernel;

import jdk.jshell.SourceCodeAnalysis.SnippetWrapper;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps lines of the classes JShell generates for snippets back to the cell lines the user wrote,
 * so that plans and errors say {@code cell [3] line 2} instead of {@code $JShell$12.java:18}.
 * Thread-safe: tasks read it while the kernel records new snippets.
 */
final class CellPlaces {
    /** A snippet's wrapper class, and nested classes the snippet declares, e.g. {@code REPL.$JShell$12$Sale}. */
    private static final Pattern WRAPPER_CLASS = Pattern.compile("^(REPL\\.\\$JShell\\$\\d+)");

    private final Map<String, Place> places = new ConcurrentHashMap<>();

    /** Where one wrapper class came from: its cell, and the cell line of each of its lines (0 when none). */
    private record Place(String cell, int[] cellLines) {
    }

    /**
     * Records that {@code className} wraps a snippet whose source starts at {@code sourceLine} of
     * {@code cell}.
     */
    void record(String className, SnippetWrapper wrapper, String cell, int sourceLine) {
        String wrapped = wrapper.wrapped();
        String source = wrapper.source();
        int lineCount = (int) wrapped.chars().filter(c -> c == '\n').count() + 1;
        int[] cellLines = new int[lineCount + 1];
        int line = 1;
        int lineStart = 0;
        while (lineStart <= wrapped.length() && line <= lineCount) {
            int lineEnd = wrapped.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = wrapped.length();
            }
            int firstChar = lineStart;
            while (firstChar < lineEnd && Character.isWhitespace(wrapped.charAt(firstChar))) {
                firstChar++;
            }
            if (firstChar < lineEnd) {
                int sourcePosition = wrapper.wrappedToSourcePosition(firstChar);
                if (sourcePosition >= 0 && sourcePosition < source.length()) {
                    cellLines[line] = sourceLine + lineOf(source, sourcePosition) - 1;
                }
            }
            line++;
            lineStart = lineEnd + 1;
        }
        places.put(className, new Place(cell, cellLines));
    }

    /** {@code cell [3] line 2} for a line of a snippet's class, or empty for other classes. */
    Optional<String> name(String className, int lineNumber) {
        Matcher matcher = WRAPPER_CLASS.matcher(className);
        if (!matcher.find()) {
            return Optional.empty();
        }
        Place place = places.get(matcher.group(1));
        if (place == null) {
            return Optional.empty();
        }
        if (lineNumber > 0 && lineNumber < place.cellLines().length && place.cellLines()[lineNumber] > 0) {
            return Optional.of("cell " + place.cell() + " line " + place.cellLines()[lineNumber]);
        }
        return Optional.of("cell " + place.cell());
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
