package dev.sluice.notebook.display;

import dev.sluice.Pair;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChartImagesTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @Test
    void pngHasTheChartsOwnSize() throws IOException {
        XYChart chart = new XYChartBuilder().width(300).height(200).title("custom").build();
        chart.addSeries("s", List.of(1, 2, 3), List.of(4, 1, 9));

        byte[] png = ChartImages.png(chart);

        assertThat(png).startsWith(PNG_SIGNATURE);
        BufferedImage image = decode(png);
        assertThat(image.getWidth()).isEqualTo(300);
        assertThat(image.getHeight()).isEqualTo(200);
    }

    @Test
    void barChartOfPairsIsADefaultSizedPng() throws IOException {
        CategoryChart chart = ChartImages.bar("words", List.of(Pair.of("the", 12L), Pair.of("a", 7L),
                Pair.of(null, 1.5)));

        assertThat(chart.getStyler().isLegendVisible()).isFalse();
        assertThat(chart.getSeriesMap()).hasSize(1);
        List<Object> categories = new ArrayList<>(chart.getSeriesMap().values().iterator().next().getXData());
        assertThat(categories).containsExactly("the", "a", "null");
        BufferedImage image = decode(ChartImages.png(chart));
        assertThat(image.getWidth()).isEqualTo(ChartImages.DEFAULT_WIDTH);
        assertThat(image.getHeight()).isEqualTo(ChartImages.DEFAULT_HEIGHT);
    }

    @Test
    void lineChartPlotsValuesAgainstOneToN() throws IOException {
        XYChart chart = ChartImages.line(null, "iteration", "error", List.of(0.5, 0.25, 0.125));

        assertThat(chart.getStyler().isLegendVisible()).isFalse();
        assertThat(chart.getXAxisTitle()).isEqualTo("iteration");
        assertThat(chart.getYAxisTitle()).isEqualTo("error");
        assertThat(chart.getSeriesMap().values().iterator().next().getXData()).containsExactly(1.0, 2.0, 3.0);
        BufferedImage image = decode(ChartImages.png(chart));
        assertThat(image.getWidth()).isEqualTo(ChartImages.DEFAULT_WIDTH);
        assertThat(image.getHeight()).isEqualTo(ChartImages.DEFAULT_HEIGHT);
    }

    @Test
    void base64DecodesToThePng() {
        XYChart chart = ChartImages.line("t", "x", "y", List.of(1, 2));

        byte[] decoded = Base64.getDecoder().decode(ChartImages.pngBase64(chart));

        assertThat(decoded).startsWith(PNG_SIGNATURE);
    }

    @Test
    void rejectsEmptyData() {
        assertThatThrownBy(() -> ChartImages.bar("t", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChartImages.line("t", "x", "y", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).isNotNull();
        return image;
    }
}
