package dev.sluice.notebook.kernel;

import dev.sluice.notebook.display.DisplayHooks;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.List;

/**
 * The Jupyter kernel "Java (Sluice)": cells are Java snippets evaluated by JShell inside the
 * kernel's JVM, with Sluice and the display helpers of {@link dev.sluice.notebook.Notebook} on
 * the classpath and imported. The last expression of a cell is displayed through
 * {@link DisplayHooks}; an interrupt cancels the running cell and the Sluice job it waits for.
 */
public final class SluiceKernel extends BaseKernel {
    /** The kernel's name in kernel specs and {@code kernel_info} replies. */
    public static final String NAME = "sluice-java";

    static final String STARTUP = String.join("\n",
            "import java.util.*;",
            "import java.util.stream.*;",
            "import java.nio.file.*;",
            "import dev.sluice.*;",
            "import dev.sluice.function.*;",
            "import dev.sluice.partition.*;",
            "import dev.sluice.storage.StorageLevel;",
            "import static dev.sluice.notebook.Notebook.*;");

    private final CellEvaluator evaluator;

    private SluiceKernel(String name, String version, HistoryManager history, JupyterIO io, CommManager comms,
                         Renderer renderer, MagicsRegistry magics, StringStyler errorStyler) {
        super(name, version, languageInfo(), List.of(), history, io, comms, renderer, null, magics, false, errorStyler);
        DisplayHooks.register(renderer);
        this.evaluator = new CellEvaluator(System.getProperty("java.class.path"), io.out, io.err, io.in);
        evaluator.runStartup(STARTUP);
    }

    /** A kernel for the default name and version. */
    public static SluiceKernel create() {
        return new Builder().name(NAME).version(version()).build();
    }

    private static String version() {
        String version = SluiceKernel.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }

    private static LanguageInfo languageInfo() {
        String javaVersion = Runtime.version().feature() + "";
        return new LanguageInfo("Java", javaVersion, "text/x-java", ".jshell", "java", "java", null);
    }

    @Override
    public Object evalRaw(String source) {
        String cellName = "[" + (executionCount.get() - 1) + "]";
        CellEvaluator.Outcome outcome = evaluator.evaluate(source, cellName);
        return outcome.value().orElse(null);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        List<String> docs = evaluator.documentation(code, at, extraDetail);
        if (docs.isEmpty()) {
            return null;
        }
        return new DisplayData(String.join("\n\n", docs));
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        CellEvaluator.Completions completions = evaluator.complete(code, at);
        return new ReplacementOptions(completions.candidates(), completions.start(), completions.end());
    }

    @Override
    public String isComplete(String code) {
        Completeness completeness = evaluator.completeness(code);
        return switch (completeness) {
            case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> "";
            case UNKNOWN -> IS_COMPLETE_BAD;
        };
    }

    @Override
    public void interrupt() {
        evaluator.interrupt();
    }

    @Override
    public List<String> formatError(Throwable e) {
        if (e instanceof CellException cell) {
            return cell.traceback();
        }
        return super.formatError(e);
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        evaluator.close();
    }

    /** Builds the kernel with jjava's defaults for I/O, rendering and history; cells have no magics. */
    private static final class Builder extends BaseKernelBuilder<Builder, SluiceKernel> {
        @Override
        public SluiceKernel build() {
            return new SluiceKernel(buildName(), buildVersion(), buildHistoryManager(),
                    buildJupyterIO(buildJupyterIOEncoding()), buildCommManager(), buildRenderer(),
                    buildMagicsRegistry(), buildErrorStyler());
        }
    }
}
