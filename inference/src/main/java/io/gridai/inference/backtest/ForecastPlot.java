package io.gridai.inference.backtest;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** The backtest's picture: forecast (P50 with the P10–P90 band) against the actual load, whole test and last two weeks. */
final class ForecastPlot {

    private ForecastPlot() {
    }

    static void write(Path png, List<BacktestRow> rows, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int width = 1600;
        int height = 520;
        BufferedImage image = new BufferedImage(width, height * 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            chart(rows, title + " — whole test period").draw(g, new java.awt.Rectangle(0, 0, width, height));
            int from = Math.max(0, rows.size() - 14 * 24);
            chart(rows.subList(from, rows.size()), "last 14 days")
                    .draw(g, new java.awt.Rectangle(0, height, width, height));
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private static JFreeChart chart(List<BacktestRow> rows, String title) {
        YIntervalSeries band = new YIntervalSeries("forecast P50 (P10–P90 band)");
        TimeSeries actual = new TimeSeries("actual");
        for (BacktestRow r : rows) {
            long ms = r.target().toEpochMilli();
            band.add(ms, r.p50(), r.p10(), r.p90());
            if (!Double.isNaN(r.actual())) {
                actual.add(new FixedMillisecond(new Date(ms)), r.actual());
            }
        }
        YIntervalSeriesCollection forecast = new YIntervalSeriesCollection();
        forecast.addSeries(band);
        JFreeChart chart = ChartFactory.createTimeSeriesChart(title, "time (UTC)", "load (MW)",
                new TimeSeriesCollection(actual), true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getRenderer().setSeriesPaint(0, Color.BLACK);
        plot.getRenderer().setSeriesStroke(0, new BasicStroke(1.0f));
        DeviationRenderer deviation = new DeviationRenderer(true, false);
        deviation.setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4));
        deviation.setSeriesFillPaint(0, new Color(0x1f, 0x77, 0xb4));
        deviation.setAlpha(0.25f);
        deviation.setSeriesStroke(0, new BasicStroke(1.0f));
        plot.setDataset(1, forecast);
        plot.setRenderer(1, deviation);
        ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

}
