package dev.sluice.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Resolves an input path specification to the files it denotes, following the rules documented on
 * {@link TextInputPlanner}: comma-separated entries, each a file, a directory or a glob.
 */
final class InputPaths {

    private static final FileSystem FS = FileSystems.getDefault();

    private InputPaths() {}

    /**
     * Returns the files denoted by {@code spec}, in order, with their sizes.
     *
     * @throws IllegalArgumentException if the specification is blank, or an entry names a path that
     *     does not exist or a pattern that matches nothing
     * @throws UncheckedIOException if a directory cannot be listed or a file's size read
     */
    static List<InputFile> resolve(String spec) {
        List<InputFile> files = new ArrayList<>();
        for (Path path : resolvePaths(spec)) {
            files.add(new InputFile(path, sizeOf(path)));
        }
        return files;
    }

    private static List<Path> resolvePaths(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("No input path given");
        }
        List<Path> files = new ArrayList<>();
        Path whole = existingPath(spec);
        if (whole != null) {
            addFiles(whole, files);
            return files;
        }
        for (String entry : splitEntries(spec)) {
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("Empty entry in input path list: " + spec);
            }
            resolveEntry(entry, files);
        }
        return files;
    }

    private static void resolveEntry(String entry, List<Path> files) {
        Path literal = existingPath(entry);
        if (literal != null) {
            addFiles(literal, files);
        } else if (!isGlob(entry)) {
            throw new IllegalArgumentException("Input path does not exist: " + entry);
        } else {
            List<Path> matches = glob(entry);
            if (matches.isEmpty()) {
                throw new IllegalArgumentException("Input pattern matches no files: " + entry);
            }
            for (Path match : matches) {
                addFiles(match, files);
            }
        }
    }

    /** Adds {@code path} if it is a file, or the visible regular files inside it if a directory. */
    private static void addFiles(Path path, List<Path> files) {
        if (!Files.isDirectory(path)) {
            files.add(path);
            return;
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            for (Path child : entries) {
                if (isVisible(child) && Files.isRegularFile(child)) {
                    children.add(child);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list input directory " + path, e);
        }
        children.sort(Comparator.comparing(p -> p.getFileName().toString()));
        files.addAll(children);
    }

    /** Expands a glob one segment at a time; returns the sorted matches (files or directories). */
    private static List<Path> glob(String pattern) {
        String separator = FS.getSeparator();
        List<Path> current = new ArrayList<>();
        current.add(
                pattern.startsWith(separator)
                        ? FS.getPath(separator)
                        : FS.getPath("").toAbsolutePath());
        String[] segments = pattern.split(Pattern.quote(separator));
        int last = lastNonEmpty(segments);
        for (int i = 0; i <= last && !current.isEmpty(); i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                continue;
            }
            boolean finalSegment = i == last;
            current =
                    isGlob(segment)
                            ? matchChildren(current, segment, finalSegment)
                            : resolveChild(current, segment, finalSegment);
        }
        current.sort(Comparator.naturalOrder());
        return current;
    }

    private static List<Path> resolveChild(List<Path> parents, String name, boolean finalSegment) {
        List<Path> result = new ArrayList<>();
        for (Path parent : parents) {
            Path child = parent.resolve(name);
            if (finalSegment ? Files.exists(child) : Files.isDirectory(child)) {
                result.add(child);
            }
        }
        return result;
    }

    private static List<Path> matchChildren(List<Path> parents, String glob, boolean finalSegment) {
        PathMatcher matcher;
        try {
            matcher = FS.getPathMatcher("glob:" + glob);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "Invalid glob pattern '" + glob + "': " + e.getMessage());
        }
        boolean matchHidden = !glob.isEmpty() && (glob.charAt(0) == '_' || glob.charAt(0) == '.');
        List<Path> result = new ArrayList<>();
        for (Path parent : parents) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
                for (Path child : entries) {
                    if ((matchHidden || isVisible(child))
                            && matcher.matches(child.getFileName())
                            && (finalSegment || Files.isDirectory(child))) {
                        result.add(child);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list directory " + parent, e);
            }
        }
        return result;
    }

    /** Splits at commas that are not inside braces. */
    private static List<String> splitEntries(String spec) {
        List<String> entries = new ArrayList<>();
        int depth = 0;
        int entryStart = 0;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                entries.add(spec.substring(entryStart, i).strip());
                entryStart = i + 1;
            }
        }
        entries.add(spec.substring(entryStart).strip());
        return entries;
    }

    private static Path existingPath(String text) {
        try {
            Path path = FS.getPath(text);
            return Files.exists(path) ? path.toAbsolutePath() : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of input file " + file, e);
        }
    }

    private static boolean isGlob(String text) {
        for (int i = 0; i < text.length(); i++) {
            switch (text.charAt(i)) {
                case '*', '?', '[', '{' -> {
                    return true;
                }
                default -> {}
            }
        }
        return false;
    }

    private static boolean isVisible(Path path) {
        String name = path.getFileName().toString();
        return !name.startsWith("_") && !name.startsWith(".");
    }

    private static int lastNonEmpty(String[] segments) {
        int last = segments.length - 1;
        while (last >= 0 && segments[last].isEmpty()) {
            last--;
        }
        return last;
    }
}
