package dev.sluice.notebook.kernel;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A JShell session that runs notebook cells in this JVM: splits a cell into snippets, evaluates
 * them in order, and returns the value of the last one when it is an expression. Compile errors
 * and exceptions become {@link CellException}s that name the cell line. Values, classes and
 * {@code Sluice} contexts made in one cell live on in the next.
 */
public final class CellEvaluator implements AutoCloseable {
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(2);

    private final CapturingExecutionControl control;
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    /** Where each snippet's source starts: its cell and the cell line of its first line. */
    private final Map<String, SnippetOrigin> origins = new ConcurrentHashMap<>();
    private volatile boolean interruptRequested;
    private volatile boolean cellRunning;
    private final CellPlaces places = new CellPlaces();

    private record SnippetOrigin(String cell, int firstLine) {
    }

    /** A cell's outcome: the value of its last snippet, when that was an expression. */
    public record Outcome(Optional<Object> value, boolean hasValue) {
        static final Outcome NO_VALUE = new Outcome(Optional.empty(), false);
    }

    /**
     * A session whose snippets see {@code classPath} (the kernel's own, so cells can use Sluice) and
     * whose output goes to the given streams.
     */
    public CellEvaluator(String classPath, PrintStream out, PrintStream err, InputStream in) {
        CapturingExecutionControlProvider provider = new CapturingExecutionControlProvider();
        this.control = provider.control();
        this.shell = JShell.builder()
                .executionEngine(provider, Map.of())
                .out(out).err(err).in(in)
                .compilerOptions("-proc:none")
                .build();
        if (!classPath.isEmpty()) {
            shell.addToClasspath(classPath);
        }
        this.analysis = shell.sourceCodeAnalysis();
        CellCallSiteNamer.activate(places);
    }

    /**
     * Runs the startup snippets (imports and helpers) every notebook has; a failure here is a bug in
     * the kernel, not in a cell.
     */
    public void runStartup(String source) {
        evaluate(source, "startup");
    }

    /**
     * Evaluates a cell. {@code cellName} (such as {@code [3]}) names the cell in error messages and
     * in stack traces of code the cell defines.
     */
    public Outcome evaluate(String cell, String cellName) {
        interruptRequested = false;
        control.startCell();
        cellRunning = true;
        try {
            return evaluateSnippets(cell, cellName);
        } finally {
            cellRunning = false;
        }
    }

    private Outcome evaluateSnippets(String cell, String cellName) {
        Outcome outcome = Outcome.NO_VALUE;
        String remaining = cell;
        int consumed = 0;
        while (true) {
            if (interruptRequested) {
                throw interrupted(cellName);
            }
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete()) {
                if (info.completeness() != Completeness.EMPTY) {
                    int line = lineOf(cell, consumed + leadingWhitespace(remaining));
                    throw compileError(cellName, line, "the cell ends in the middle of a statement: "
                            + firstLine(info.remaining().strip()), List.of());
                }
                return outcome;
            }
            // compile errors are placed in the snippet's source, which keeps the whitespace before
            // it; stack frames count lines from its first non-blank character
            int sourceLine = lineOf(cell, consumed);
            int codeLine = lineOf(cell, consumed + leadingWhitespace(remaining));
            consumed = cell.length() - info.remaining().length();
            remaining = info.remaining();
            outcome = evaluateSnippet(info.source(), cellName, sourceLine, codeLine);
        }
    }

    private Outcome evaluateSnippet(String source, String cellName, int sourceLine, int codeLine) {
        // the snippet's class is named only when it runs: record its lines then, before any task can ask
        List<SourceCodeAnalysis.SnippetWrapper> wrappers = analysis.wrappers(source);
        control.onInvoke(className -> {
            if (!wrappers.isEmpty()) {
                places.record(className, wrappers.get(0), cellName, sourceLine);
            }
        });
        List<SnippetEvent> events = shell.eval(source);
        Object value = control.takeLastValue();
        Outcome outcome = Outcome.NO_VALUE;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // an earlier snippet updated because of this one
            }
            Snippet snippet = event.snippet();
            origins.put(snippet.id(), new SnippetOrigin(cellName, codeLine));
            if (event.status().isDefined()) {
                SourceCodeAnalysis.SnippetWrapper wrapper = analysis.wrapper(snippet);
                places.record(wrapper.fullClassName(), wrapper, cellName, sourceLine);
            }
            if (event.exception() != null) {
                throw interruptRequested ? interrupted(cellName) : failure(event.exception(), cellName);
            }
            if (interruptRequested) {
                // JShell reports a stopped snippet as one that ran without a value
                throw interrupted(cellName);
            }
            if (!event.status().isDefined()) {
                throw rejected(snippet, source, cellName, sourceLine);
            }
            if (isExpression(snippet)) {
                outcome = new Outcome(Optional.ofNullable(value), true);
            }
        }
        return outcome;
    }

    private static boolean isExpression(Snippet snippet) {
        return snippet instanceof ExpressionSnippet
                || snippet instanceof VarSnippet && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    private CellException rejected(Snippet snippet, String source, String cellName, int firstLine) {
        List<Diag> errors = shell.diagnostics(snippet).filter(Diag::isError).toList();
        if (errors.isEmpty()) {
            List<String> unresolved = snippet instanceof jdk.jshell.DeclarationSnippet declaration
                    ? shell.unresolvedDependencies(declaration).toList() : List.of();
            return compileError(cellName, firstLine, "cannot define this: it uses " + String.join(", ", unresolved)
                    + ", which no cell has defined", List.of());
        }
        Diag first = errors.get(0);
        int offset = (int) Math.max(0, first.getStartPosition());
        int line = firstLine + lineOf(source, offset) - 1;
        List<String> details = new ArrayList<>();
        for (Diag diag : errors) {
            int at = (int) Math.max(0, diag.getStartPosition());
            int diagLine = firstLine + lineOf(source, at) - 1;
            details.add("line " + diagLine + ": " + diag.getMessage(Locale.ROOT));
            details.add("    " + sourceLine(source, at).stripTrailing());
            details.add("    " + " ".repeat(columnOf(source, at)) + "^");
        }
        return compileError(cellName, line, first.getMessage(Locale.ROOT), details);
    }

    private static CellException compileError(String cellName, int line, String message, List<String> details) {
        String headline = "Cell " + cellName + " line " + line + ": " + message;
        List<String> traceback = new ArrayList<>();
        traceback.add("CompilationError: " + headline);
        traceback.addAll(details);
        return new CellException(CellException.Kind.COMPILE_ERROR, headline, traceback);
    }

    private static CellException interrupted(String cellName) {
        String message = "Cell " + cellName + " was interrupted";
        return new CellException(CellException.Kind.INTERRUPTED, message, List.of(message));
    }

    private CellException failure(JShellException exception, String cellName) {
        if (exception instanceof UnresolvedReferenceException unresolved) {
            String message = "Cell " + cellName + ": " + unresolved.getSnippet().source().strip().lines().findFirst().orElse("")
                    + " cannot run: it uses " + String.join(", ", shell.unresolvedDependencies(unresolved.getSnippet()).toList())
                    + ", which no cell has defined";
            return new CellException(CellException.Kind.EXCEPTION, message, List.of(message));
        }
        String className = exception instanceof EvalException eval ? eval.getExceptionClassName() : exception.getClass().getName();
        List<String> traceback = new ArrayList<>();
        String where = firstCellFrame(exception).map(frame -> " (at cell " + frame + ")").orElse("");
        String message = className + (exception.getMessage() != null ? ": " + exception.getMessage() : "");
        traceback.add(message + where);
        appendTrace(exception, traceback);
        return new CellException(CellException.Kind.EXCEPTION, message + where, traceback);
    }

    private Optional<String> firstCellFrame(Throwable exception) {
        for (StackTraceElement frame : exception.getStackTrace()) {
            Optional<String> cellFrame = cellFrame(frame);
            if (cellFrame.isPresent()) {
                return cellFrame;
            }
        }
        return Optional.empty();
    }

    /** {@code [3] line 2} for a frame of snippet code, empty for library frames. */
    private Optional<String> cellFrame(StackTraceElement frame) {
        String file = frame.getFileName();
        if (file == null || !file.startsWith("#")) {
            return Optional.empty();
        }
        SnippetOrigin origin = origins.get(file.substring(1));
        if (origin == null) {
            return Optional.empty();
        }
        return Optional.of(origin.cell() + " line " + (origin.firstLine() + Math.max(frame.getLineNumber(), 1) - 1));
    }

    private void appendTrace(Throwable exception, List<String> traceback) {
        for (StackTraceElement frame : exception.getStackTrace()) {
            Optional<String> cellFrame = cellFrame(frame);
            if (cellFrame.isPresent()) {
                traceback.add("    at cell " + cellFrame.get());
            } else if (isKernelFrame(frame)) {
                break; // what lies below the cell is the kernel's machinery
            } else {
                traceback.add("    at " + frame);
            }
        }
        Throwable cause = exception.getCause();
        if (cause != null && cause != exception) {
            String name = cause instanceof EvalException eval ? eval.getExceptionClassName() : cause.getClass().getName();
            traceback.add("Caused by: " + name + (cause.getMessage() != null ? ": " + cause.getMessage() : ""));
            appendTrace(cause, traceback);
        }
    }

    private static boolean isKernelFrame(StackTraceElement frame) {
        return frame.getClassName().startsWith(CapturingExecutionControl.class.getName())
                || frame.getClassName().startsWith("jdk.internal.reflect.")
                || frame.getClassName().startsWith("java.lang.reflect.Method");
    }

    /** Completion candidates at {@code cursor}, and the range of {@code code} they replace. */
    public Completions complete(String code, int cursor) {
        int[] anchor = new int[1];
        List<String> names = analysis.completionSuggestions(code, cursor, anchor).stream()
                .filter(SourceCodeAnalysis.Suggestion::matchesType)
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .toList();
        if (names.isEmpty()) {
            names = analysis.completionSuggestions(code, cursor, anchor).stream()
                    .map(SourceCodeAnalysis.Suggestion::continuation).distinct().toList();
        }
        return new Completions(names, anchor[0], cursor);
    }

    /** What {@link #complete} proposes: replacements for {@code code[start, end)}. */
    public record Completions(List<String> candidates, int start, int end) {
    }

    /** The signatures (and Javadoc, when the JDK has it) of what is named at {@code cursor}. */
    public List<String> documentation(String code, int cursor, boolean withJavadoc) {
        return analysis.documentation(code, cursor, withJavadoc).stream()
                .map(doc -> doc.javadoc() == null || doc.javadoc().isBlank() ? doc.signature()
                        : doc.signature() + "\n" + doc.javadoc())
                .toList();
    }

    /** Whether {@code code} is a complete cell: Jupyter's {@code is_complete} answer. */
    public Completeness completeness(String code) {
        CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness().isComplete() && !info.remaining().isBlank()) {
            info = analysis.analyzeCompletion(info.remaining());
        }
        return info.completeness();
    }

    /**
     * Stops the running cell: first an interrupt, which cancels a Sluice job the cell waits for
     * and ends blocking calls; then, for code that ignores interrupts, JShell's stop.
     */
    public void interrupt() {
        if (!cellRunning) {
            return; // as in other kernels, an interrupt between cells does nothing
        }
        interruptRequested = true;
        try {
            if (!control.stopCell(INTERRUPT_GRACE)) {
                shell.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        shell.close();
    }

    private static int leadingWhitespace(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The 1-based line of {@code offset} in {@code text}. */
    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int columnOf(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', Math.max(0, Math.min(offset, text.length()) - 1)) + 1;
        return Math.max(0, Math.min(offset, text.length()) - lineStart);
    }

    private static String sourceLine(String text, int offset) {
        int bounded = Math.min(offset, text.length());
        int lineStart = text.lastIndexOf('\n', Math.max(0, bounded - 1)) + 1;
        int lineEnd = text.indexOf('\n', bounded);
        return text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " ...";
    }
}
