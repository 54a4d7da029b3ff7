package dev.sluice.notebook.display;

import dev.sluice.Dataset;
import dev.sluice.plan.ExecutionPlan;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;

import java.util.List;
import java.util.Map;

/**
 * Teaches the kernel's renderer how Sluice values look in a notebook: an {@link ExecutionPlan}
 * (and a {@link Dataset}, through its plan) as an SVG picture of its stages, a list of pairs or
 * records and a map as an HTML table, and an XChart chart as a PNG image. Each also carries its
 * plain-text form for front ends that show text only.
 */
public final class DisplayHooks {
    private DisplayHooks() {
    }

    /** Registers every Sluice display on {@code renderer}. */
    public static void register(Renderer renderer) {
        renderer.createRegistration(ExecutionPlan.class)
                .preferring(MIMEType.IMAGE_SVG).supporting(MIMEType.TEXT_PLAIN)
                .register((plan, context) -> putPlan(plan, context.getOutputContainer()));
        renderer.createRegistration(Dataset.class)
                .preferring(MIMEType.IMAGE_SVG).supporting(MIMEType.TEXT_PLAIN)
                .register((dataset, context) -> putPlan(dataset.executionPlan(), context.getOutputContainer()));
        renderer.createRegistration(List.class)
                .preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((list, context) -> putTable(list, context.getOutputContainer()));
        renderer.createRegistration(Map.class)
                .preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((map, context) -> putTable(map, context.getOutputContainer()));
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG).supporting(MIMEType.TEXT_PLAIN)
                .register((chart, context) -> {
                    DisplayData out = context.getOutputContainer();
                    out.putData(MIMEType.IMAGE_PNG, ChartImages.pngBase64(chart));
                    out.putText(chart.getTitle().isEmpty() ? "chart" : "chart: " + chart.getTitle());
                });
    }

    private static void putPlan(ExecutionPlan plan, DisplayData out) {
        out.putSVG(PlanSvg.render(plan));
        out.putText(plan.toText());
    }

    private static void putTable(Object value, DisplayData out) {
        out.putText(String.valueOf(value));
        if (value instanceof List<?> list && HtmlTable.isTabular(list)) {
            out.putHTML(HtmlTable.of(list));
        } else if (value instanceof Map<?, ?> map && HtmlTable.isTabular(map)) {
            out.putHTML(HtmlTable.of(map));
        }
    }
}
