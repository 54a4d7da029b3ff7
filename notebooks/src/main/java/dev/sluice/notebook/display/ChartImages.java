package dev.sluice.notebook.display;

import dev.sluice.Pair;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * XChart charts as PNG images for a notebook, and factories for the charts a notebook user draws most:
 * a bar chart of key/value pairs and a line chart of a series of numbers. Rendering needs no display:
 * it works with {@code java.awt.headless=true}.
 */
public final class ChartImages {

    /** The width in pixels of the charts the factories build. */
    public static final int DEFAULT_WIDTH = 640;

    /** The height in pixels of the charts the factories build. */
    public static final int DEFAULT_HEIGHT = 400;

    private static final String DEFAULT_SERIES = "values";

    private ChartImages() {
    }

    /**
     * The chart drawn as a PNG image of the chart's own width and height.
     *
     * @param chart any XChart chart
     * @return the PNG file's bytes
     * @throws UncheckedIOException if the image cannot be encoded
     */
    public static byte[] png(Chart<?, ?> chart) {
        Objects.requireNonNull(chart, "chart");
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the chart as PNG", e);
        }
    }

    /**
     * The chart drawn as a PNG image, Base64-encoded as a notebook's {@code image/png} output expects.
     *
     * @param chart any XChart chart
     * @return the PNG file's bytes in standard Base64, without line breaks
     */
    public static String pngBase64(Chart<?, ?> chart) {
        return Base64.getEncoder().encodeToString(png(chart));
    }

    /**
     * A bar chart with one bar per pair: the key (as a string) on the x axis, the value on the y axis.
     *
     * @param title the chart's title; null or blank for none
     * @param data  the bars, in order; must not be empty
     * @return a {@value #DEFAULT_WIDTH}x{@value #DEFAULT_HEIGHT} chart without a legend
     */
    public static CategoryChart bar(String title, List<? extends Pair<?, ? extends Number>> data) {
        requireData(data);
        List<String> xs = new ArrayList<>(data.size());
        List<Number> ys = new ArrayList<>(data.size());
        for (Pair<?, ? extends Number> pair : data) {
            xs.add(String.valueOf(pair.key()));
            ys.add(pair.value());
        }
        CategoryChart chart = new CategoryChartBuilder().width(DEFAULT_WIDTH).height(DEFAULT_HEIGHT)
                .title(orEmpty(title)).build();
        hideTitleIfBlank(chart, title);
        chart.getStyler().setLegendVisible(false);
        chart.addSeries(seriesName(title), xs, ys);
        return chart;
    }

    /**
     * A line chart of the numbers against their position, 1 to n.
     *
     * @param title  the chart's title; null or blank for none
     * @param xTitle the x axis title; null for none
     * @param yTitle the y axis title; null for none
     * @param ys     the values, in order; must not be empty
     * @return a {@value #DEFAULT_WIDTH}x{@value #DEFAULT_HEIGHT} chart without a legend
     */
    public static XYChart line(String title, String xTitle, String yTitle, List<? extends Number> ys) {
        requireData(ys);
        List<Integer> xs = new ArrayList<>(ys.size());
        for (int i = 1; i <= ys.size(); i++) {
            xs.add(i);
        }
        XYChart chart = new XYChartBuilder().width(DEFAULT_WIDTH).height(DEFAULT_HEIGHT).title(orEmpty(title))
                .xAxisTitle(orEmpty(xTitle)).yAxisTitle(orEmpty(yTitle)).build();
        hideTitleIfBlank(chart, title);
        chart.getStyler().setLegendVisible(false);
        chart.addSeries(seriesName(title), xs, ys);
        return chart;
    }

    private static void requireData(List<?> data) {
        Objects.requireNonNull(data, "data");
        if (data.isEmpty()) {
            throw new IllegalArgumentException("nothing to chart: the data is empty");
        }
    }

    private static void hideTitleIfBlank(Chart<?, ?> chart, String title) {
        chart.getStyler().setChartTitleVisible(title != null && !title.isBlank());
    }

    private static String seriesName(String title) {
        return title == null || title.isBlank() ? DEFAULT_SERIES : title;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
