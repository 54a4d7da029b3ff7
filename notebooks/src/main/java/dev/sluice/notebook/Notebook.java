package dev.sluice.notebook;

import dev.sluice.Pair;
import dev.sluice.notebook.display.ChartImages;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

import java.util.List;

/**
 * Helpers that every cell of a Sluice notebook has imported statically: {@link #display(Object)}
 * shows a value in the notebook the way a cell's last expression is shown (a plan as a picture, a
 * list of pairs or records as a table, a chart as an image), {@link #html(String)} shows HTML, and
 * {@link #bar} and {@link #line} draw the charts notebooks most often need.
 * Outside a running kernel they fail with a message saying so.
 */
public final class Notebook {
    private Notebook() {
    }

    /** Shows {@code value} below the cell now, even if it is not the cell's last expression. */
    public static void display(Object value) {
        BaseKernel kernel = kernel();
        kernel.display(kernel.getRenderer().render(value));
    }

    /** Shows {@code html} as HTML below the cell. */
    public static void html(String html) {
        DisplayData data = new DisplayData(html.replaceAll("<[^>]+>", ""));
        data.putHTML(html);
        kernel().display(data);
    }

    /** A bar chart of {@code data}, one bar per pair: the key names the bar, the value is its height. */
    public static CategoryChart bar(String title, List<? extends Pair<?, ? extends Number>> data) {
        return ChartImages.bar(title, data);
    }

    /** A line chart of {@code ys} over x = 1, 2, ... n. */
    public static XYChart line(String title, String xTitle, String yTitle, List<? extends Number> ys) {
        return ChartImages.line(title, xTitle, yTitle, ys);
    }

    private static BaseKernel kernel() {
        try {
            return BaseKernel.notebookKernel();
        } catch (NullPointerException e) {
            throw new IllegalStateException("display() works inside a Sluice notebook kernel only", e);
        }
    }
}
