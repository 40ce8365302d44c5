package io.gridai.replay.report;

import static io.gridai.replay.report.ReportFormat.html;
import static io.gridai.replay.report.ReportFormat.markdown;
import static io.gridai.replay.report.ReportFormat.number;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.gridai.model.id.ZoneId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Writes a report's files. */
final class ReportFiles {

    static final String REPORT_CSV = "report.csv";
    static final String REPORT_MD = "report.md";
    static final String REPORT_HTML = "report.html";
    static final String DISPATCH_CSV = "dispatch.csv";

    private static final List<String> FORECAST_COLUMNS = List.of("zone", "horizon", "model", "model_version",
            "forecasts", "n", "skipped_no_actual", "point_level", "mae_mw", "rmse_mw", "mape_pct", "mape_n", "bias_mw");
    private static final String COVERAGE_COLUMN = "coverage_p10_p90_pct";
    private static final List<String> DISPATCH_COLUMNS = List.of("asset", "shadow_mwh", "actual_mwh", "delta_mwh",
            "mean_abs_delta_mw", "overlap_h", "shadow_setpoints", "actual_setpoints");

    private ReportFiles() {
    }

    /** A plot: the file and what it shows. */
    private record Plot(Path file, ZoneId zone) {
    }

    static ReportResult write(ReplayReport report, Path dir, ReportMetrics metrics) throws IOException {
        Files.createDirectories(dir);
        List<Double> levels = levels(metrics.forecasts());
        Path reportCsv = dir.resolve(REPORT_CSV);
        writeCsv(reportCsv, forecastHeader(levels), forecastCsvRows(metrics.forecasts(), levels));
        Path dispatchCsv = dir.resolve(DISPATCH_CSV);
        writeCsv(dispatchCsv, DISPATCH_COLUMNS, dispatchCsvRows(metrics.dispatch()));
        List<String> plotNotes = new ArrayList<>();
        List<Plot> plots = plots(report, dir, plotNotes);
        Path md = dir.resolve(REPORT_MD);
        Files.writeString(md, markdownPage(report, metrics, levels, plots, plotNotes), StandardCharsets.UTF_8);
        Path page = dir.resolve(REPORT_HTML);
        Files.writeString(page, htmlPage(report, metrics, levels, plots, plotNotes), StandardCharsets.UTF_8);
        return new ReportResult(dir, reportCsv, md, page, dispatchCsv, plots.stream().map(Plot::file).toList(), metrics);
    }

    // ---- tables -------------------------------------------------------------------------------------------------

    private static List<Double> levels(List<ForecastMetrics> rows) {
        TreeSet<Double> levels = new TreeSet<>();
        for (ForecastMetrics m : rows) {
            for (Double level : m.pinballMw().keySet()) {
                if (levels.stream().noneMatch(l -> Math.abs(l - level) <= 1e-9)) {
                    levels.add(level);
                }
            }
        }
        return List.copyOf(levels);
    }

    private static List<String> forecastHeader(List<Double> levels) {
        List<String> header = new ArrayList<>(FORECAST_COLUMNS);
        for (double level : levels) {
            header.add("pinball_" + ReportFormat.percentile(level) + "_mw");
        }
        header.add(COVERAGE_COLUMN);
        return header;
    }

    private static List<List<String>> forecastCsvRows(List<ForecastMetrics> rows, List<Double> levels) {
        List<List<String>> out = new ArrayList<>();
        for (ForecastMetrics m : rows) {
            List<String> row = new ArrayList<>(List.of(m.zone().value(), m.horizon().label(), m.model(),
                    m.modelVersion(), Integer.toString(m.forecasts()), Integer.toString(m.n()),
                    Integer.toString(m.skippedNoActual()), level(m.pointLevel(), ""), number(m.maeMw(), 4, ""),
                    number(m.rmseMw(), 4, ""), number(m.mapePct(), 4, ""), Integer.toString(m.mapeN()),
                    number(m.biasMw(), 4, "")));
            for (double level : levels) {
                row.add(number(m.pinball(level), 4, ""));
            }
            row.add(number(m.coverageP10P90Pct(), 2, ""));
            out.add(row);
        }
        return out;
    }

    private static List<List<String>> dispatchCsvRows(List<DispatchRow> rows) {
        List<List<String>> out = new ArrayList<>();
        for (DispatchRow r : rows) {
            out.add(List.of(r.asset().value(), number(r.shadowMwh(), 4, ""), number(r.actualMwh(), 4, ""),
                    number(r.deltaMwh(), 4, ""), number(r.meanAbsDeltaMw(), 4, ""), number(r.overlapHours(), 4, ""),
                    Integer.toString(r.shadowSetpoints()), Integer.toString(r.actualSetpoints())));
        }
        return out;
    }

    private static void writeCsv(Path file, List<String> header, List<List<String>> rows) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        for (String column : header) {
            schema.addColumn(column, CsvSchema.ColumnType.STRING);
        }
        try (SequenceWriter writer = new CsvMapper().writer(schema.build()).writeValues(file.toFile())) {
            for (List<String> row : rows) {
                writer.write(row);
            }
        }
    }

    private static String level(double level, String empty) {
        return Double.isNaN(level) ? empty : Double.toString(level);
    }

    /** The rows of the forecast table as display text (Markdown and HTML), header first. */
    private static List<List<String>> forecastDisplay(List<ForecastMetrics> rows, List<Double> levels) {
        List<String> header = new ArrayList<>(List.of("zone", "horizon", "model", "version", "n", "skipped",
                "point level", "MAE MW", "RMSE MW", "MAPE %", "bias MW"));
        for (double level : levels) {
            header.add("pinball " + ReportFormat.percentile(level).toUpperCase(Locale.ROOT) + " MW");
        }
        header.add("P10–P90 coverage %");
        List<List<String>> out = new ArrayList<>();
        out.add(header);
        for (ForecastMetrics m : rows) {
            List<String> row = new ArrayList<>(List.of(m.zone().value(), m.horizon().label(), m.model(),
                    m.modelVersion(), Integer.toString(m.n()), Integer.toString(m.skippedNoActual()),
                    level(m.pointLevel(), "mixed"), number(m.maeMw(), 2, "–"), number(m.rmseMw(), 2, "–"),
                    number(m.mapePct(), 2, "–"), number(m.biasMw(), 2, "–")));
            for (double level : levels) {
                row.add(number(m.pinball(level), 2, "–"));
            }
            row.add(number(m.coverageP10P90Pct(), 1, "–"));
            out.add(row);
        }
        return out;
    }

    private static List<List<String>> dispatchDisplay(List<DispatchRow> rows) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("asset", "shadow MWh", "actual MWh", "Δ MWh (shadow − actual)", "mean |ΔMW|", "overlap h",
                "shadow setpoints", "actual setpoints"));
        for (DispatchRow r : rows) {
            out.add(List.of(r.asset().value(), number(r.shadowMwh(), 2, "–"), number(r.actualMwh(), 2, "–"),
                    number(r.deltaMwh(), 2, "–"), number(r.meanAbsDeltaMw(), 2, "–"), number(r.overlapHours(), 2, "–"),
                    Integer.toString(r.shadowSetpoints()), Integer.toString(r.actualSetpoints())));
        }
        return out;
    }

    // ---- plots --------------------------------------------------------------------------------------------------

    private static List<Plot> plots(ReplayReport report, Path dir, List<String> notes) throws IOException {
        Instant from = report.from();
        Instant to = report.to();
        ForecastScoring.Actuals actuals = report.actuals();
        Map<ZoneId, Map<String, NavigableMap<Instant, Double>>> points =
                ForecastScoring.dayAheadPoints(from, to, report.models());
        TreeMap<String, ZoneId> zones = new TreeMap<>();
        for (ZoneId zone : actuals.zones()) {
            if (!actuals.series(zone, report.actualWindow(), from, to).isEmpty()) {
                zones.put(zone.value(), zone);
            }
        }
        points.forEach((zone, byModel) -> {
            if (byModel.values().stream().anyMatch(p -> !p.isEmpty())) {
                zones.put(zone.value(), zone);
            }
        });
        List<ZoneId> plotted = new ArrayList<>(zones.values()).subList(0, Math.min(zones.size(), report.maxPlots()));
        if (zones.isEmpty()) {
            notes.add("Nothing to plot: no " + ReportFormat.duration(report.actualWindow())
                    + " actual windows and no day-ahead forecast steps inside the window.");
        } else if (plotted.size() < zones.size()) {
            notes.add("Plots for the first " + plotted.size() + " of " + zones.size() + " zones (by zone id).");
        }
        List<Plot> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ZoneId zone : plotted) {
            NavigableMap<Instant, Double> actual = new TreeMap<>();
            Duration w = report.actualWindow();
            actuals.series(zone, w, from, to).forEach((start, mw) -> actual.put(start.plus(w), mw));
            Map<String, NavigableMap<Instant, Double>> models = new LinkedHashMap<>();
            points.getOrDefault(zone, Map.of()).forEach((name, p) -> {
                if (!p.isEmpty()) {
                    models.put(name, p);
                }
            });
            List<String> missing = new ArrayList<>();
            for (ForecastScoring.Labelled m : report.models()) {
                if (models.keySet().stream().noneMatch(name -> name.startsWith(m.label() + " ("))) {
                    missing.add(m.label());
                }
            }
            String subtitle = "sandbox " + report.sandbox() + ", " + from + " – " + to + ", actual: "
                    + ReportFormat.duration(w) + " mean" + (actual.isEmpty() ? " (none)" : "")
                    + (missing.isEmpty() ? "" : "; no day-ahead forecast from " + String.join(", ", missing));
            String base = "forecast-" + ReportFormat.fileName(zone.value());
            String name = base + ".png";
            for (int i = 2; !names.add(name); i++) {
                name = base + "-" + i + ".png";
            }
            Path png = dir.resolve(name);
            ReportPlots.write(png, zone.value() + ": actual load vs day-ahead P50", subtitle, actual, models,
                    report.plotWidth(), report.plotHeight());
            out.add(new Plot(png, zone));
        }
        return out;
    }

    // ---- pages --------------------------------------------------------------------------------------------------

    private static String intro(ReplayReport report) {
        return "Sandbox " + report.sandbox() + ", replay window [" + report.from() + ", " + report.to() + ") ("
                + ReportFormat.duration(Duration.between(report.from(), report.to())) + "). Model under test: "
                + report.candidateLabel() + "; reference: " + report.productionLabel() + ".";
    }

    private static final String FORECAST_EXPLAINED = "Point errors (on the P50) against the mean actual load over each"
            + " forecast step, in MW, generator sign (a zone consuming 120 MW is −120 MW); bias = mean(forecast −"
            + " actual), so a positive bias forecasts less consumption than happened. MAPE on |actual|. Pinball: mean"
            + " quantile loss per level. Coverage: share of actuals within P10–P90.";

    private static final String DISPATCH_EXPLAINED = "Energy of the active-power setpoints per asset over the window"
            + " (each setpoint's MW over its validity clipped to the window; where setpoints overlap, the last issued"
            + " is in effect), in MWh, generator sign. Mean |ΔMW|: time-weighted over the time both had a setpoint"
            + " in effect.";

    private static String markdownPage(ReplayReport report, ReportMetrics metrics, List<Double> levels,
            List<Plot> plots, List<String> plotNotes) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(markdown(report.title())).append("\n\n").append(markdown(intro(report))).append("\n\n");
        md.append("## Forecast error\n\n").append(FORECAST_EXPLAINED).append("\n\n");
        if (metrics.forecasts().isEmpty()) {
            md.append("**No forecast step of either model could be placed inside the window.**\n\n");
        } else {
            markdownTable(md, forecastDisplay(metrics.forecasts(), levels));
        }
        markdownNotes(md, metrics.forecastNotes());
        md.append("## Plots\n\n");
        markdownNotes(md, plotNotes);
        for (Plot p : plots) {
            md.append("![").append(markdown(p.zone().value())).append("](").append(p.file().getFileName())
                    .append(")\n\n");
        }
        md.append("## Dispatch\n\n");
        if (!metrics.dispatchCompared()) {
            md.append("**").append(markdown(metrics.dispatchNotes().get(0))).append("**\n\n");
        }
        md.append(DISPATCH_EXPLAINED).append("\n\n");
        if (!metrics.dispatch().isEmpty()) {
            markdownTable(md, dispatchDisplay(metrics.dispatch()));
        }
        markdownNotes(md, metrics.dispatchCompared() ? metrics.dispatchNotes()
                : metrics.dispatchNotes().subList(1, metrics.dispatchNotes().size()));
        return md.toString();
    }

    private static void markdownTable(StringBuilder md, List<List<String>> rows) {
        for (int i = 0; i < rows.size(); i++) {
            md.append('|');
            for (String cell : rows.get(i)) {
                md.append(' ').append(markdown(cell)).append(" |");
            }
            md.append('\n');
            if (i == 0) {
                md.append('|').append(" --- |".repeat(rows.get(0).size())).append('\n');
            }
        }
        md.append('\n');
    }

    private static void markdownNotes(StringBuilder md, List<String> notes) {
        for (String note : notes) {
            md.append("- ").append(markdown(note)).append('\n');
        }
        if (!notes.isEmpty()) {
            md.append('\n');
        }
    }

    private static String htmlPage(ReplayReport report, ReportMetrics metrics, List<Double> levels, List<Plot> plots,
            List<String> plotNotes) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(html(report.title())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0;font-size:90%}")
                .append("th,td{border:1px solid #ccc;padding:4px 8px}td.num{text-align:right}")
                .append("th{background:#f3f3f3}.nothing{font-weight:bold;color:#8a4b00}img{max-width:100%}\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(html(report.title())).append("</h1>\n<p>").append(html(intro(report)))
                .append("</p>\n");
        h.append("<h2>Forecast error</h2>\n<p>").append(html(FORECAST_EXPLAINED)).append("</p>\n");
        if (metrics.forecasts().isEmpty()) {
            h.append("<p class=\"nothing\">No forecast step of either model could be placed inside the window.</p>\n");
        } else {
            htmlTable(h, forecastDisplay(metrics.forecasts(), levels), 4);
        }
        htmlNotes(h, metrics.forecastNotes());
        h.append("<h2>Plots</h2>\n");
        htmlNotes(h, plotNotes);
        for (Plot p : plots) {
            h.append("<figure><img src=\"").append(html(p.file().getFileName().toString())).append("\" alt=\"")
                    .append(html(p.zone().value())).append(": actual load vs day-ahead P50\" width=\"")
                    .append(report.plotWidth()).append("\" height=\"").append(report.plotHeight())
                    .append("\"></figure>\n");
        }
        h.append("<h2>Dispatch</h2>\n");
        if (!metrics.dispatchCompared()) {
            h.append("<p class=\"nothing\">").append(html(metrics.dispatchNotes().get(0))).append("</p>\n");
        }
        h.append("<p>").append(html(DISPATCH_EXPLAINED)).append("</p>\n");
        if (!metrics.dispatch().isEmpty()) {
            htmlTable(h, dispatchDisplay(metrics.dispatch()), 1);
        }
        htmlNotes(h, metrics.dispatchCompared() ? metrics.dispatchNotes()
                : metrics.dispatchNotes().subList(1, metrics.dispatchNotes().size()));
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** Columns from {@code firstNumeric} on are right-aligned. */
    private static void htmlTable(StringBuilder h, List<List<String>> rows, int firstNumeric) {
        h.append("<table>\n<thead><tr>");
        for (String cell : rows.get(0)) {
            h.append("<th>").append(html(cell)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows.subList(1, rows.size())) {
            h.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                h.append(i >= firstNumeric ? "<td class=\"num\">" : "<td>").append(html(row.get(i))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void htmlNotes(StringBuilder h, List<String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        h.append("<ul>\n");
        for (String note : notes) {
            h.append("<li>").append(html(note)).append("</li>\n");
        }
        h.append("</ul>\n");
    }
}
