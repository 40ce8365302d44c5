package io.gridai.inference.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gridai.inference.features.DayAhead;
import io.gridai.inference.features.FeatureBuilder;
import io.gridai.inference.fit.ModelFitter;
import io.gridai.inference.fit.TrainingRows;
import io.gridai.inference.fit.ZoneModelTraining;
import io.gridai.inference.model.ForecastModel;
import io.gridai.inference.model.ModelMetadata;
import io.gridai.inference.serve.InferenceSettings;
import io.gridai.inference.serve.OnnxForecastModel;
import io.gridai.inference.series.HourlySeries;
import io.gridai.inference.series.SeriesCsv;
import io.gridai.inference.train.QuantileCalibration;
import io.gridai.inference.train.TrainingOptions;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains a day-ahead load model on the data before a date and scores its forecasts over a test range, the way an
 * operator would have used it: each forecast issued the day before at a fixed local time (10:00) for every hour of
 * the next local day, from what was known then. Forecasts come from the exported ONNX model run by ONNX Runtime
 * (the serving path), and are checked against the trainer's own predictions.
 */
public final class DayAheadBacktest {

    /** The quantile levels the backtest trains and scores. */
    public static final List<Double> QUANTILES = List.of(0.1, 0.5, 0.9);

    private DayAheadBacktest() {
    }

    /**
     * What to backtest.
     *
     * @param loadCsv           hourly (or finer) load, one row per timestamp
     * @param weatherCsv        hourly temperature, or null for none
     * @param referenceColumn   a column of {@code loadCsv} holding someone else's day-ahead forecast to score side by
     *                          side (e.g. the grid operator's), or null
     * @param zone              local time for calendar features and the issue time; also the zone of timestamps
     *                          without an offset when {@code naiveTimesLocal}
     * @param country           ISO country for public holidays, or "" for none
     * @param trainUntil        training uses target hours before this local date
     * @param testFrom          first local day scored
     * @param testUntil         the local day after the last one scored (exclusive)
     */
    public record Options(Path loadCsv, String timeColumn, String loadColumn, Path weatherCsv,
            String weatherTimeColumn, String temperatureColumn, String referenceColumn, ZoneId zone,
            boolean naiveTimesLocal, String country, LocalDate trainUntil, LocalDate testFrom, LocalDate testUntil,
            LocalTime issueTime, Path out, TrainingOptions training) {

        public Options {
            if (!testFrom.isBefore(testUntil)) {
                throw new IllegalArgumentException("--test-from " + testFrom + " must be before --test-until "
                        + testUntil);
            }
            if (testFrom.isBefore(trainUntil)) {
                throw new IllegalArgumentException("--test-from " + testFrom + " is before --train-until " + trainUntil
                        + ": the test would score days the model was trained on; test from " + trainUntil + " on");
            }
        }
    }

    /** The figures and where the files went. */
    public record Result(Map<String, Object> metrics, Path metricsJson, Path plot, Path forecastsCsv, Path model) {
    }

    public static Result run(Options o, Consumer<String> progress) throws IOException {
        long started = System.nanoTime();
        Files.createDirectories(o.out());
        ZoneId naive = o.naiveTimesLocal() ? o.zone() : ZoneOffset.UTC;

        progress.accept("[1/5] reading " + o.loadCsv().getFileName() + " (" + o.loadColumn() + ")");
        SeriesCsv.Loaded load = SeriesCsv.read(o.loadCsv(), o.timeColumn(), o.loadColumn(), naive);
        progress.accept("      " + load.report().summary("load"));
        SeriesCsv.Loaded weather = null;
        if (o.weatherCsv() != null) {
            progress.accept("      reading " + o.weatherCsv().getFileName() + " (" + o.temperatureColumn() + ")");
            weather = SeriesCsv.read(o.weatherCsv(), o.weatherTimeColumn(), o.temperatureColumn(), naive);
            progress.accept("      " + weather.report().summary("temperature"));
        }
        SeriesCsv.Loaded reference = null;
        if (o.referenceColumn() != null) {
            reference = SeriesCsv.read(o.loadCsv(), o.timeColumn(), o.referenceColumn(), naive);
        }
        HourlySeries loadSeries = load.series();
        HourlySeries temperature = weather == null ? null : weather.series();

        ZoneModelTraining zoneTraining = new ZoneModelTraining(loadSeries, temperature, o.zone(), o.country(),
                o.issueTime(), 1, o.trainUntil().atStartOfDay(o.zone()).toInstant(), o.training());
        FeatureBuilder features = zoneTraining.features();
        DayAhead schedule = new DayAhead(o.zone(), o.issueTime());
        progress.accept("[2/5] features " + features.names() + " in " + o.zone()
                + (o.country().isEmpty() ? ", no holidays" : ", holidays of " + o.country()));
        progress.accept("[3/5] training gradient-boosted quantile trees " + QUANTILES + " on the load less the mean of "
                + ModelFitter.BASELINE.features());
        ModelFitter.Fitted fitted = zoneTraining.dayAhead(line -> progress.accept("      " + line.strip()));
        ModelMetadata metadata = fitted.metadata();
        QuantileCalibration calibration = fitted.calibration();
        String version = metadata.version();
        byte[] onnx = fitted.onnx();
        Path modelFile = o.out().resolve("model.onnx");
        Files.write(modelFile, onnx);

        progress.accept("[4/5] forecasting " + o.testFrom() + " .. " + o.testUntil().minusDays(1)
                + " with ONNX Runtime, issued " + o.issueTime() + " " + o.zone() + " the day before");
        List<LocalDate> testDays = new ArrayList<>();
        for (LocalDate d = o.testFrom(); d.isBefore(o.testUntil()); d = d.plusDays(1)) {
            testDays.add(d);
        }
        TrainingRows test = TrainingRows.dayAhead(testDays, schedule, features, loadSeries, temperature, false);
        float[] served = new float[test.rows() * QUANTILES.size()];
        String provider;
        try (ForecastModel model = OnnxForecastModel.load(onnx, version, InferenceSettings.defaults())) {
            provider = model.executionProvider();
            model.predict(test.x(), test.rows(), served);
        }
        float[] own = fitted.model().predict(test.x(), test.rows());
        double maxRelative = maxRelativeDifference(served, own);
        float[] withoutCalibration = fitted.uncalibrated().predict(test.x(), test.rows());
        fitted.close();

        progress.accept("[5/5] scoring and writing " + o.out());
        List<BacktestRow> rows = new ArrayList<>(test.rows());
        for (int i = 0; i < test.rows(); i++) {
            float[] q = Arrays.copyOfRange(served, i * 3, i * 3 + 3);
            Arrays.sort(q); // rearranged quantiles never cross
            Instant target = test.targets().get(i);
            rows.add(new BacktestRow(test.issues().get(i), target, q[0], q[1], q[2], loadSeries.at(target),
                    loadSeries.at(target.minusSeconds(7 * 24 * 3600)),
                    reference == null ? Double.NaN : reference.series().at(target)));
        }
        Scores scores = Scores.of(rows, QUANTILES);
        List<BacktestRow> uncalibratedRows = new ArrayList<>(test.rows());
        for (int i = 0; i < test.rows(); i++) {
            BacktestRow r = rows.get(i);
            uncalibratedRows.add(new BacktestRow(r.issue(), r.target(), withoutCalibration[i * 3],
                    withoutCalibration[i * 3 + 1], withoutCalibration[i * 3 + 2], r.actual(), r.naive(), r.reference()));
        }
        Scores uncalibratedScores = Scores.of(uncalibratedRows, QUANTILES);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("mape", round(scores.mape()));
        metrics.put("rmse", round(scores.rmse()));
        metrics.put("pinball", round(scores.pinball()));
        metrics.put("baseline_mape", round(scores.baselineMape()));
        metrics.put("improvement_over_baseline", round(1 - scores.mape() / scores.baselineMape()));
        if (reference != null) {
            metrics.put("reference_mape", round(scores.referenceMape()));
            metrics.put("reference_column", o.referenceColumn());
            metrics.put("n_reference", scores.referenceCount());
        }
        metrics.put("coverage_p10_p90", round(scores.coverage()));
        metrics.put("coverage_p10_p90_uncalibrated", round(uncalibratedScores.coverage()));
        metrics.put("pinball_uncalibrated", round(uncalibratedScores.pinball()));
        for (int j = 0; j < QUANTILES.size(); j++) {
            metrics.put(QuantileCalibration.shiftMetric(QUANTILES.get(j)), round(calibration.shifts()[j]));
        }
        metrics.put("validation_coverage_uncalibrated", round(calibration.coverageBefore()));
        metrics.put("validation_coverage_calibrated", round(calibration.coverageAfter()));
        metrics.put("n_forecasts", scores.count());
        metrics.put("n_baseline", scores.baselineCount());
        metrics.put("n_days", testDays.size());
        metrics.put("n_hours_without_actual", test.rows() - scores.count());
        metrics.put("quantiles", QUANTILES);
        metrics.put("test_from", o.testFrom().toString());
        metrics.put("test_until_exclusive", o.testUntil().toString());
        metrics.put("train_until_exclusive", o.trainUntil().toString());
        metrics.put("issue_time_local", o.issueTime().toString());
        metrics.put("time_zone", o.zone().getId());
        metrics.put("country_holidays", o.country());
        metrics.put("features", features.names());
        metrics.put("baseline_features", ModelFitter.BASELINE.features());
        metrics.put("training_hours", metadata.metrics().get("training_rows").intValue());
        metrics.put("training_from", metadata.trainedFrom().toString());
        metrics.put("rounds", metadata.metrics().get("rounds").intValue());
        metrics.put("model_version", version);
        metrics.put("execution_provider", provider);
        metrics.put("onnx_max_relative_difference", maxRelative);
        metrics.put("load_data", report(load.report()));
        if (weather != null) {
            metrics.put("weather_data", report(weather.report()));
        }
        metrics.put("seconds", round((System.nanoTime() - started) / 1e9));

        Path metricsJson = o.out().resolve("metrics.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(metricsJson.toFile(), metrics);
        Path csv = o.out().resolve("forecasts.csv");
        writeCsv(csv, rows);
        Path png = o.out().resolve("forecast.png");
        ForecastPlot.write(png, rows, "Day-ahead load forecast, " + o.loadColumn() + String.format(Locale.ROOT,
                " — MAPE %.2f %% (seasonal naive %.2f %%)", scores.mape(), scores.baselineMape()));
        return new Result(metrics, metricsJson, png, csv, modelFile);
    }

    private static Map<String, Object> report(SeriesCsv.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", r.rows());
        m.put("first_hour", r.first().toString());
        m.put("last_hour", r.last().toString());
        m.put("missing_hours", r.missingHours());
        m.put("duplicate_timestamps", r.duplicates());
        m.put("empty_values", r.emptyValues());
        m.put("unreadable_timestamps", r.badTimestamps());
        m.put("sub_hourly_rows_averaged", r.averagedIntoHour());
        return m;
    }

    private static void writeCsv(Path csv, List<BacktestRow> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("issue_time,target_hour,p10,p50,p90,actual,seasonal_naive,reference\n");
            for (BacktestRow r : rows) {
                w.write(String.format(Locale.ROOT, "%s,%s,%.1f,%.1f,%.1f,%s,%s,%s%n", r.issue(), r.target(), r.p10(),
                        r.p50(), r.p90(), num(r.actual()), num(r.naive()), num(r.reference())));
            }
        }
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.1f", v);
    }

    static double maxRelativeDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double scale = Math.max(Math.abs(b[i]), 1e-6);
            max = Math.max(max, Math.abs(a[i] - b[i]) / scale);
        }
        return max;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
