package dev.sluice.notebook.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.sluice.notebook.kernel.KernelProcess.CellRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;

/**
 * The kernel in its own JVM, driven over the Jupyter protocol: state across cells, Sluice jobs over
 * classes that cells define, rich display, and the kernel answering the next cell after every way
 * a cell can go wrong.
 */
class KernelTest {
    private static final Duration CELL_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    static KernelProcess kernel;

    @BeforeAll
    static void startKernel() throws Exception {
        kernel = KernelProcess.start(dir);
    }

    @AfterAll
    static void stopKernel() {
        if (kernel != null) {
            kernel.close();
        }
    }

    private static CellRun ok(String code) throws Exception {
        CellRun run = kernel.execute(code, CELL_TIMEOUT);
        assertThat(run.status()).as(run.describe()).isEqualTo("ok");
        return run;
    }

    private static CellRun failing(String code) throws Exception {
        CellRun run = kernel.execute(code, CELL_TIMEOUT);
        assertThat(run.status()).as(run.describe()).isEqualTo("error");
        assertThat(run.error()).as(run.describe()).isNotNull();
        return run;
    }

    private static String traceback(CellRun run) {
        return String.join("\n", run.error().getAsJsonArray("traceback").asList().stream().map(e -> e.getAsString()).toList());
    }

    @Test
    void valuesLiveAcrossCellsAndTheLastExpressionIsShown() throws Exception {
        ok("var answerBase = 20;");
        assertThat(ok("int twice(int x) { return 2 * x; }\nanswerBase + twice(11)").resultText()).isEqualTo("42");
        assertThat(ok("int quiet = 3;").results()).isEmpty();
    }

    @Test
    void outputStreamsToTheNotebook() throws Exception {
        CellRun run = ok("System.out.println(\"to stdout\");\nSystem.err.println(\"to stderr\");");
        assertThat(run.stdout()).isEqualTo("to stdout\n");
        assertThat(run.stderr()).isEqualTo("to stderr\n");
    }

    @Test
    void recordsAndLambdasOfCellsWorkAcrossShufflesAndSerializedCaching() throws Exception {
        ok("record Sale(String shop, long cents) {}\n"
                + "record Shop(String name) implements java.io.Serializable {}\n"
                + "var shops = Sluice.local(2);");
        // Sale records are made by a task and go through Kryo; Shop records are shipped in the
        // parallelized data, which needs java.io.Serializable
        ok("var totals = shops.parallelize(List.of(\"north 150\", \"south 20\", \"north 50\"), 3)\n"
                + "    .map(line -> new Sale(line.split(\" \")[0], Long.parseLong(line.split(\" \")[1])))\n"
                + "    .mapToPair(s -> Pair.of(s.shop(), s))\n"
                + "    .reduceByKey((a, b) -> new Sale(a.shop(), a.cents() + b.cents()), 2)\n"
                + "    .persist(StorageLevel.MEMORY_ONLY_SER);");
        assertThat(ok("new TreeMap<>(totals.collectAsMap())").resultText())
                .isEqualTo("{north=Sale[shop=north, cents=200], south=Sale[shop=south, cents=20]}");
        // read back from the serialized cache, then sorted through a range shuffle
        assertThat(ok("totals.values().sortBy(Sale::cents).map(Sale::cents).collect()").resultText()).isEqualTo("[20, 200]");
        assertThat(ok("shops.parallelize(List.of(new Shop(\"x\"), new Shop(\"y\")), 2).map(Shop::name).collect()").resultText())
                .isEqualTo("[x, y]");
        ok("shops.close();");
    }

    @Test
    void aThrowingCellShowsTheExceptionAndTheCellLineAndTheKernelGoesOn() throws Exception {
        CellRun run = failing("int third(int x) {\n  return 10 / x;\n}\nint dummy = 1;\nthird(0)");
        assertThat(run.error().get("evalue").getAsString())
                .contains("java.lang.ArithmeticException: / by zero").contains("line 2");
        assertThat(traceback(run)).as(run.error().toString()).contains("at cell [").contains("line 2").contains("line 5");
        assertThat(ok("third(5)").resultText()).isEqualTo("2");
    }

    @Test
    void aFailingSluiceJobNamesTheUserFunctionsError() throws Exception {
        ok("var failing = Sluice.local(2);");
        CellRun run = failing("failing.range(0, 10, 2).map(x -> 100 / (x - 7)).collect()");
        assertThat(run.error().get("evalue").getAsString()).contains("ArithmeticException").contains("/ by zero");
        assertThat(ok("failing.range(0, 10, 2).count()").resultText()).isEqualTo("10");
        ok("failing.close();");
    }

    @Test
    void aCellThatDoesNotCompileSaysWhereAndTheKernelGoesOn() throws Exception {
        CellRun run = failing("int fine = 1;\nString wrong = 42;");
        assertThat(run.error().get("ename").getAsString()).isEqualTo("CellException");
        assertThat(run.error().get("evalue").getAsString()).contains("line 2").contains("incompatible types");
        assertThat(traceback(run)).contains("String wrong = 42;").contains("^");
        assertThat(ok("fine + 1").resultText()).isEqualTo("2");
    }

    @Test
    void aMethodUsingSomethingNotYetDefinedSaysWhatIsMissingUntilItIs() throws Exception {
        ok("int later() { return notYetDefined * 2; }");
        CellRun run = failing("later()");
        assertThat(run.error().get("evalue").getAsString()).contains("notYetDefined").contains("no cell has defined");
        ok("int notYetDefined = 21;");
        assertThat(ok("later()").resultText()).isEqualTo("42");
    }

    @Test
    void anIncompleteCellIsAnErrorNotAHang() throws Exception {
        CellRun run = failing("int open(int x) {\n  return x;");
        assertThat(run.error().get("evalue").getAsString()).contains("middle of a statement");
        assertThat(ok("1 + 1").resultText()).isEqualTo("2");
    }

    @Test
    void anInfiniteLoopIsInterruptedAndTheKernelGoesOn() throws Exception {
        CellRun run = interruptWhileRunning("long spins = 0;\nwhile (true) { spins++; }");
        assertThat(run.status()).as(run.describe()).isEqualTo("error");
        assertThat(run.error().get("evalue").getAsString()).contains("interrupted");
        assertThat(ok("\"alive\"").resultText()).isEqualTo("alive");
    }

    @Test
    void anInterruptCancelsTheRunningSluiceJob() throws Exception {
        ok("var slow = Sluice.local(2);");
        CellRun run = interruptWhileRunning("slow.range(0, 4, 2).map(x -> {\n"
                + "    while (!Thread.currentThread().isInterrupted()) { java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); }\n"
                + "    return x;\n"
                + "}).count()");
        assertThat(run.status()).as(run.describe()).isEqualTo("error");
        assertThat(run.error().get("evalue").getAsString()).contains("interrupted");
        // the context survives the cancelled job
        assertThat(ok("slow.range(0, 100, 2).count()").resultText()).isEqualTo("100");
        ok("slow.close();");
    }

    /** Runs a cell that prints "started" and then blocks, interrupts it once it has started, and returns its outcome. */
    private static CellRun interruptWhileRunning(String code) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<CellRun> running = CompletableFuture.supplyAsync(() -> {
            try {
                return kernel.execute("System.out.println(\"started\"); System.out.flush();\n" + code, CELL_TIMEOUT,
                        text -> started.countDown());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(started.await(CELL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the cell started").isTrue();
        kernel.interrupt();
        return running.get(CELL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void tenMegabytesOfOutputReachTheNotebookAndTheKernelGoesOn() throws Exception {
        CellRun run = ok("System.out.print(\"x\".repeat(10_000_000));");
        assertThat(run.stdout()).hasSize(10_000_000);
        assertThat(ok("7 * 6").resultText()).isEqualTo("42");
    }

    @Test
    void plansPairsAndChartsDisplayRichly() throws Exception {
        ok("var shown = Sluice.local(2);\n"
                + "var counts = shown.parallelize(List.of(\"a b\", \"b c\"), 2).flatMap(l -> List.of(l.split(\" \")))\n"
                + "    .mapToPair(w -> Pair.of(w, 1L)).reduceByKey(Long::sum);");
        CellRun plan = ok("counts.executionPlan()");
        assertThat(plan.results().get(0)).containsKey("image/svg+xml");
        assertThat(plan.results().get(0).get("image/svg+xml")).startsWith("<svg").contains("reduceByKey");
        assertThat(plan.resultText()).contains("Stage").contains("reduceByKey");
        // call sites name the cell lines, not JShell's generated classes
        assertThat(plan.resultText()).containsPattern("reduceByKey \\[\\d+\\] at cell \\[\\d+\\] line 3")
                .containsPattern("flatMap \\[2\\] at cell \\[\\d+\\] line 2").doesNotContain("$JShell$");

        CellRun table = ok("counts.sortByKey().collect()");
        assertThat(table.results().get(0).get("text/html")).contains("<table").contains("<td");
        assertThat(table.resultText()).isEqualTo("[(a,1), (b,2), (c,1)]");

        CellRun chart = ok("display(dev.sluice.notebook.display.ChartImages.bar(\"words\", counts.sortByKey().collect()));");
        assertThat(chart.displays()).singleElement().satisfies(data -> assertThat(data.get("image/png")).isNotBlank());
        ok("shown.close();");
    }

    @Test
    void htmlIsShownWithItsTextForm() throws Exception {
        CellRun run = ok("html(\"<b>bold</b> move\");");
        assertThat(run.displays()).singleElement().satisfies(data -> {
            assertThat(data.get("text/html")).isEqualTo("<b>bold</b> move");
            assertThat(data.get("text/plain")).isEqualTo("bold move");
        });
    }

    @Test
    void isCompleteTellsAStatementInProgressFromAFinishedOne() throws Exception {
        JsonObject unfinished = new JsonObject();
        unfinished.addProperty("code", "int total = sum(1,");
        assertThat(kernel.request("is_complete_request", unfinished, CELL_TIMEOUT).get("status").getAsString())
                .isEqualTo("incomplete");
        JsonObject finished = new JsonObject();
        finished.addProperty("code", "int total = 3;");
        assertThat(kernel.request("is_complete_request", finished, CELL_TIMEOUT).get("status").getAsString())
                .isEqualTo("complete");
    }

    @Test
    void completionAndInspectionComeFromJShell() throws Exception {
        ok("var completeMe = Sluice.local(1);");
        JsonObject content = new JsonObject();
        content.addProperty("code", "completeMe.paral");
        content.addProperty("cursor_pos", "completeMe.paral".length());
        JsonObject reply = kernel.request("complete_request", content, CELL_TIMEOUT);
        assertThat(reply.get("status").getAsString()).isEqualTo("ok");
        assertThat(reply.getAsJsonArray("matches").asList().stream().map(e -> e.getAsString()).toList())
                .contains("parallelize(", "parallelizePairs(");

        JsonObject inspect = new JsonObject();
        inspect.addProperty("code", "completeMe.range(");
        inspect.addProperty("cursor_pos", "completeMe.range(".length());
        inspect.addProperty("detail_level", 0);
        JsonObject inspection = kernel.request("inspect_request", inspect, CELL_TIMEOUT);
        assertThat(inspection.get("found").getAsBoolean()).isTrue();
        assertThat(inspection.getAsJsonObject("data").get("text/plain").getAsString()).contains("range(");
        ok("completeMe.close();");
    }
}
