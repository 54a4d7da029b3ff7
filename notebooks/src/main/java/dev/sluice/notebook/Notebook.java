package dev.sluice.notebook;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Helpers that every cell of a Sluice notebook has imported statically: {@link #display(Object)}
 * shows a value in the notebook the way a cell's last expression is shown (a plan as a picture, a
 * list of pairs or records as a table, a chart as an image), and {@link #html(String)} shows HTML.
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

    private static BaseKernel kernel() {
        try {
            return BaseKernel.notebookKernel();
        } catch (NullPointerException e) {
            throw new IllegalStateException("display() works inside a Sluice notebook kernel only", e);
        }
    }
}
