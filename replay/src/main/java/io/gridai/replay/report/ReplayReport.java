package io.gridai.replay.report;

import io.gridai.model.Forecast;
import io.gridai.model.Setpoint;
import io.gridai.model.ZoneLoad;
import io.gridai.model.id.SandboxId;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The report of one replay: the forecast error of the model under test ("candidate") and of the production model
 * against the load that really happened, and the sandbox optimiser's setpoints ("shadow") against the ones that
 * really happened ("actual"), as tables (CSV, Markdown, HTML) and PNG plots.
 *
 * <p><b>Matching.</b> A forecast step {@code i} covers {@code (issueTime + i·step, issueTime + (i+1)·step]}; its
 * actual is the {@link ZoneLoad} of the same zone whose window is exactly that interval ({@code windowStart} = the
 * step's start, {@code window} = the step), i.e. the mean MW over it. Hourly steps meet hourly windows, 5-minute steps
 * 5-minute windows; a step without such a window is skipped and counted ({@link ForecastMetrics#skippedNoActual()}).
 * Only steps lying wholly inside the window {@code [from, to)} count. Where the input holds two windows for the same
 * interval, the later in the list wins (a correction). Errors are on the P50 (or the level nearest 0.5, named in the
 * notes), in generator sign as given; see {@link ForecastMetrics} for the metrics and {@link DispatchRow} for the
 * dispatch comparison. Either model's forecasts and either side's setpoints may be empty: the report then says so
 * instead of failing.
 *
 * <pre>{@code
 * ReportResult r = ReplayReport.builder()
 *         .title("Week 27, candidate lgbm-v7").sandbox("week-2020-07").window(from, to)
 *         .actualLoad(loads).candidate(candidateForecasts).production(productionForecasts)
 *         .shadowSetpoints(shadow).actualSetpoints(actual)
 *         .build().write(Path.of("reports/week-27"));
 * }</pre>
 */
public final class ReplayReport {

    /** The default label of the model under test. */
    public static final String CANDIDATE = "candidate";
    /** The default label of the reference (production) model. */
    public static final String PRODUCTION = "production";
    /** The default length of the actual windows plotted. */
    public static final Duration DEFAULT_ACTUAL_WINDOW = Duration.ofHours(1);
    /** At most this many zones are plotted unless told otherwise. */
    public static final int DEFAULT_MAX_PLOTS = 6;
    public static final int DEFAULT_PLOT_WIDTH = 1200;
    public static final int DEFAULT_PLOT_HEIGHT = 500;

    private final String title;
    private final Instant from;
    private final Instant to;
    private final String sandbox;
    private final List<ZoneLoad> actualLoad;
    private final Duration actualWindow;
    private final String candidateLabel;
    private final List<Forecast> candidate;
    private final String productionLabel;
    private final List<Forecast> production;
    private final List<Setpoint> shadowSetpoints;
    private final List<Setpoint> actualSetpoints;
    private final int maxPlots;
    private final int plotWidth;
    private final int plotHeight;

    private ReplayReport(Builder b) {
        title = requireText(b.title, "title");
        sandbox = requireText(b.sandbox, "sandbox");
        if (b.from == null || b.to == null) {
            throw new IllegalArgumentException("the replay window is not set; call window(from, to)");
        }
        if (!b.to.isAfter(b.from)) {
            throw new IllegalArgumentException("the replay window [" + b.from + ", " + b.to + ") is empty; `to` must"
                    + " be after `from`");
        }
        from = b.from;
        to = b.to;
        actualLoad = List.copyOf(b.actualLoad);
        if (b.actualWindow.isNegative() || b.actualWindow.isZero()) {
            throw new IllegalArgumentException("actualWindow must be positive but was " + b.actualWindow);
        }
        actualWindow = b.actualWindow;
        candidateLabel = requireText(b.candidateLabel, "candidate label");
        productionLabel = requireText(b.productionLabel, "production label");
        if (candidateLabel.equals(productionLabel)) {
            throw new IllegalArgumentException("the candidate and production labels are both '" + candidateLabel
                    + "'; give them different labels");
        }
        candidate = List.copyOf(b.candidate);
        production = List.copyOf(b.production);
        shadowSetpoints = List.copyOf(b.shadowSetpoints);
        actualSetpoints = List.copyOf(b.actualSetpoints);
        if (b.maxPlots < 0) {
            throw new IllegalArgumentException("maxPlots must be >= 0 but was " + b.maxPlots);
        }
        maxPlots = b.maxPlots;
        if (b.plotWidth < 200 || b.plotHeight < 150) {
            throw new IllegalArgumentException("plots must be at least 200×150 pixels but were " + b.plotWidth + "×"
                    + b.plotHeight);
        }
        plotWidth = b.plotWidth;
        plotHeight = b.plotHeight;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The numbers of the report, without writing anything. */
    public ReportMetrics metrics() {
        ForecastScoring.Scored scored = ForecastScoring.score(from, to, actuals(), models());
        DispatchComparison.Compared dispatch = DispatchComparison.compare(from, to, shadowSetpoints, actualSetpoints);
        return new ReportMetrics(scored.rows(), scored.notes(), dispatch.rows(), dispatch.compared(), dispatch.notes());
    }

    /**
     * Writes {@code report.csv}, {@code report.md}, {@code report.html}, {@code dispatch.csv} and the plots
     * ({@code forecast-<zone>.png}) into {@code dir}, creating it if needed and replacing files of those names.
     */
    public ReportResult write(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        return ReportFiles.write(this, dir, metrics());
    }

    public String title() {
        return title;
    }

    public Instant from() {
        return from;
    }

    public Instant to() {
        return to;
    }

    public String sandbox() {
        return sandbox;
    }

    public Duration actualWindow() {
        return actualWindow;
    }

    public String candidateLabel() {
        return candidateLabel;
    }

    public String productionLabel() {
        return productionLabel;
    }

    int maxPlots() {
        return maxPlots;
    }

    int plotWidth() {
        return plotWidth;
    }

    int plotHeight() {
        return plotHeight;
    }

    int shadowCount() {
        return shadowSetpoints.size();
    }

    int actualSetpointCount() {
        return actualSetpoints.size();
    }

    ForecastScoring.Actuals actuals() {
        return new ForecastScoring.Actuals(actualLoad);
    }

    List<ForecastScoring.Labelled> models() {
        return List.of(new ForecastScoring.Labelled(candidateLabel, candidate),
                new ForecastScoring.Labelled(productionLabel, production));
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the report's " + what + " is not set; give a non-blank one");
        }
        return value;
    }

    /** Collects a report's input; {@link #title}, {@link #sandbox} and {@link #window} are required. */
    public static final class Builder {
        private String title;
        private Instant from;
        private Instant to;
        private String sandbox;
        private List<ZoneLoad> actualLoad = List.of();
        private Duration actualWindow = DEFAULT_ACTUAL_WINDOW;
        private String candidateLabel = CANDIDATE;
        private List<Forecast> candidate = List.of();
        private String productionLabel = PRODUCTION;
        private List<Forecast> production = List.of();
        private List<Setpoint> shadowSetpoints = List.of();
        private List<Setpoint> actualSetpoints = List.of();
        private int maxPlots = DEFAULT_MAX_PLOTS;
        private int plotWidth = DEFAULT_PLOT_WIDTH;
        private int plotHeight = DEFAULT_PLOT_HEIGHT;

        private Builder() {
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** The replay window {@code [from, to)}: only forecast steps and setpoint time inside it count. */
        public Builder window(Instant from, Instant to) {
            this.from = Objects.requireNonNull(from, "from");
            this.to = Objects.requireNonNull(to, "to");
            return this;
        }

        public Builder sandbox(String sandbox) {
            this.sandbox = sandbox;
            return this;
        }

        public Builder sandbox(SandboxId sandbox) {
            this.sandbox = sandbox.value();
            return this;
        }

        /** What really happened: zone load windows (hourly, and 5-minute ones to score intraday forecasts). */
        public Builder actualLoad(List<ZoneLoad> loads) {
            this.actualLoad = Objects.requireNonNull(loads, "loads");
            return this;
        }

        /** The length of the actual windows drawn in the plots ({@link #DEFAULT_ACTUAL_WINDOW} by default). */
        public Builder actualWindow(Duration window) {
            this.actualWindow = Objects.requireNonNull(window, "window");
            return this;
        }

        /** The forecasts of the model under test, labelled {@value ReplayReport#CANDIDATE}; may be empty. */
        public Builder candidate(List<Forecast> forecasts) {
            return candidate(CANDIDATE, forecasts);
        }

        public Builder candidate(String label, List<Forecast> forecasts) {
            this.candidateLabel = label;
            this.candidate = Objects.requireNonNull(forecasts, "forecasts");
            return this;
        }

        /** The forecasts of the reference (production) model, labelled {@value ReplayReport#PRODUCTION}; may be empty. */
        public Builder production(List<Forecast> forecasts) {
            return production(PRODUCTION, forecasts);
        }

        public Builder production(String label, List<Forecast> forecasts) {
            this.productionLabel = label;
            this.production = Objects.requireNonNull(forecasts, "forecasts");
            return this;
        }

        /** The setpoints the sandbox optimiser issued; may be empty. */
        public Builder shadowSetpoints(List<Setpoint> setpoints) {
            this.shadowSetpoints = Objects.requireNonNull(setpoints, "setpoints");
            return this;
        }

        /** The setpoints that really happened over the window; may be empty. */
        public Builder actualSetpoints(List<Setpoint> setpoints) {
            this.actualSetpoints = Objects.requireNonNull(setpoints, "setpoints");
            return this;
        }

        /** At most this many zones get a plot ({@link #DEFAULT_MAX_PLOTS} by default; the first by zone id). */
        public Builder maxPlots(int maxPlots) {
            this.maxPlots = maxPlots;
            return this;
        }

        public Builder plotSize(int width, int height) {
            this.plotWidth = width;
            this.plotHeight = height;
            return this;
        }

        public ReplayReport build() {
            return new ReplayReport(this);
        }
    }
}
