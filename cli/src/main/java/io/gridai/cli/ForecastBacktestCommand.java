package io.gridai.cli;

import io.gridai.inference.backtest.DayAheadBacktest;
import io.gridai.inference.train.TrainingOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridai forecast backtest}: trains a day-ahead model on the data before {@code --train-until}, then scores
 * forecasts issued at 10:00 local time for every hour of the next local day over the test range.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a day-ahead load model (gradient-boosted quantile trees, exported to ONNX) on the data "
                + "before --train-until, then score its forecasts over [--test-from, --test-until): each issued the day "
                + "before at --issue-time local time for every hour of the next local day, from what was known then.",
                "Writes DIR/metrics.json, DIR/forecast.png, DIR/forecasts.csv and DIR/model.onnx and prints the "
                + "summary; progress goes to stderr."})
public final class ForecastBacktestCommand implements Callable<Integer> {

    @Mixin
    LoadDataOptions data;

    @Option(names = "--train-until", required = true, paramLabel = "DATE",
            description = "Train on target hours before this local date (YYYY-MM-DD).")
    LocalDate trainUntil;

    @Option(names = "--test-from", required = true, paramLabel = "DATE", description = "First local day scored.")
    LocalDate testFrom;

    @Option(names = "--test-until", required = true, paramLabel = "DATE",
            description = "The local day after the last one scored (exclusive), e.g. 2020-01-01 for all of 2019.")
    LocalDate testUntil;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the results go (created).")
    Path out;

    @Option(names = "--issue-time", defaultValue = "10:00", paramLabel = "HH:MM",
            description = "Local time the day-ahead forecast is issued the day before (default: ${DEFAULT-VALUE}).")
    LocalTime issueTime;

    @Option(names = "--reference-column", paramLabel = "NAME",
            description = "A column of --csv holding another day-ahead forecast to score side by side, e.g."
                    + " FR_load_forecast_entsoe_transparency.")
    String referenceColumn;

    @Mixin
    BoostingOptions boosting;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        String holidays = data.resolveCountry(err);
        ZoneId local = data.resolveZone(holidays, err);
        TrainingOptions training = boosting.trainingOptions();
        DayAheadBacktest.Options options = new DayAheadBacktest.Options(data.csv, data.timeColumn, data.loadColumn,
                data.weatherCsv, data.weatherTimeColumn(), data.temperatureColumn, referenceColumn, local,
                data.localTimestamps, holidays, trainUntil, testFrom, testUntil, issueTime, out, training);
        DayAheadBacktest.Result result = DayAheadBacktest.run(options, line -> {
            err.println(line);
            err.flush();
        });
        Map<String, Object> m = result.metrics();
        stdout.printf(Locale.ROOT, "day-ahead backtest %s .. %s (%s forecasts, issued %s %s the day before)%n",
                testFrom, testUntil.minusDays(1), m.get("n_forecasts"), issueTime, local);
        stdout.printf(Locale.ROOT, "  mape            %8.3f %%%n", (Double) m.get("mape"));
        stdout.printf(Locale.ROOT, "  baseline_mape   %8.3f %%  (seasonal naive: same hour one week earlier)%n",
                (Double) m.get("baseline_mape"));
        stdout.printf(Locale.ROOT, "  improvement     %8.1f %%  over the baseline%n",
                100 * (Double) m.get("improvement_over_baseline"));
        if (m.containsKey("reference_mape")) {
            stdout.printf(Locale.ROOT, "  reference_mape  %8.3f %%  (%s)%n", (Double) m.get("reference_mape"),
                    referenceColumn);
        }
        stdout.printf(Locale.ROOT, "  rmse            %8.1f MW%n", (Double) m.get("rmse"));
        stdout.printf(Locale.ROOT, "  pinball         %8.1f MW  (P10/P50/P90; P10–P90 coverage %.1f %%)%n",
                (Double) m.get("pinball"), 100 * (Double) m.get("coverage_p10_p90"));
        stdout.printf(Locale.ROOT, "  onnx vs trainer max relative difference %.2e%n",
                (Double) m.get("onnx_max_relative_difference"));
        stdout.printf("  %s%n  %s%n  %s%n  %s%n", result.metricsJson(), result.plot(), result.forecastsCsv(), result.model());
        stdout.flush();
        return 0;
    }
}
