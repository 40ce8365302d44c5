package io.gridai.replay.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.NavigableMap;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/** One zone's picture: the actual load and each model's day-ahead point forecast over the window (JFreeChart, PNG). */
final class ReportPlots {

    private static final Color[] MODEL_COLOURS = {
        new Color(0xd6, 0x27, 0x28), new Color(0x1f, 0x77, 0xb4), new Color(0x2c, 0xa0, 0x2c),
        new Color(0xff, 0x7f, 0x0e), new Color(0x94, 0x67, 0xbd), new Color(0x8c, 0x56, 0x4b)};

    private ReportPlots() {
    }

    /**
     * @param actual the actual windows by window end
     * @param points each model's point forecast ("label (version)") by step end
     */
    static void write(Path png, String title, String subtitle, NavigableMap<Instant, Double> actual,
            Map<String, NavigableMap<Instant, Double>> points, int width, int height) throws IOException {
        System.setProperty("java.awt.headless", "true");
        TimeSeriesCollection data = new TimeSeriesCollection();
        data.addSeries(series("actual", actual));
        points.forEach((name, p) -> data.addSeries(series(name + " day-ahead P50", p)));
        JFreeChart chart = ChartFactory.createTimeSeriesChart(title, "time (UTC), end of interval", "active power (MW)",
                data, true, false, false);
        chart.addSubtitle(new TextTitle(subtitle));
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        XYItemRenderer renderer = plot.getRenderer();
        renderer.setSeriesPaint(0, Color.BLACK);
        renderer.setSeriesStroke(0, new BasicStroke(2.0f));
        for (int i = 1; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, MODEL_COLOURS[(i - 1) % MODEL_COLOURS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(1.2f));
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            chart.draw(g, new Rectangle(0, 0, width, height));
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer in this JVM for " + png);
        }
    }

    private static TimeSeries series(String name, NavigableMap<Instant, Double> values) {
        TimeSeries s = new TimeSeries(name);
        values.forEach((t, v) -> s.addOrUpdate(new FixedMillisecond(new Date(t.toEpochMilli())), v));
        return s;
    }
}
