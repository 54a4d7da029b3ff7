/**
 * How Sluice values look in a notebook, as pure functions with no Jupyter dependency:
 * {@link dev.sluice.notebook.display.PlanSvg} draws an execution plan as SVG,
 * {@link dev.sluice.notebook.display.HtmlTable} renders rows, pairs, records and maps as HTML tables,
 * and {@link dev.sluice.notebook.display.ChartImages} turns XChart charts into PNG images.
 */
package dev.sluice.notebook.display;
