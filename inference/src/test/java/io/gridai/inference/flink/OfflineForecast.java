package io.gridai.inference.flink;

import io.gridai.inference.features.DayAhead;
import io.gridai.inference.features.FeatureBuilder;
import io.gridai.inference.features.Holidays;
import io.gridai.inference.model.ForecastModel;
import io.gridai.inference.model.ModelMetadata;
import io.gridai.inference.series.HourlySeries;
import io.gridai.model.Forecast;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a forecast must hold, recomputed without Flink: the features of its targets from the load known at its issue
 * time, one run of the named model, each row sorted, generator sign, 5-minute interpolation for intraday.
 */
final class OfflineForecast {

    private OfflineForecast() {
    }

    /** The decision instant and target hours of {@code f}. */
    record Request(Instant issue, List<Instant> targets) {
    }

    static Request request(Forecast f, ZoneId timeZone, LocalTime dayAheadIssueTime, int intradayHours) {
        if (f.step().equals(Duration.ofHours(1))) {
            DayAhead schedule = new DayAhead(timeZone, dayAheadIssueTime);
            LocalDate day = f.issueTime().atZone(timeZone).toLocalDate();
            return new Request(schedule.issueFor(day), schedule.targets(day));
        }
        List<Instant> targets = new ArrayList<>();
        for (int k = 0; k < intradayHours; k++) {
            targets.add(f.issueTime().plus(Duration.ofHours(k)));
        }
        return new Request(f.issueTime(), targets);
    }

    /** The published values of a forecast made by {@code model} for {@code request} from {@code load}. */
    static List<List<Double>> values(ForecastModel model, Request request, HourlySeries load, boolean intraday) {
        ModelMetadata m = model.metadata();
        FeatureBuilder builder = new FeatureBuilder(m.features(), ZoneId.of(m.timeZone()), Holidays.of(m.country()));
        int f = m.features().size();
        int q = m.quantiles().size();
        int rows = request.targets().size();
        float[] input = new float[rows * f];
        for (int r = 0; r < rows; r++) {
            builder.fill(load, null, request.issue(), request.targets().get(r), input, r * f);
        }
        float[] output = new float[rows * q];
        model.predict(input, rows, output);
        double[] sorted = new double[rows * q];
        for (int r = 0; r < rows; r++) {
            double[] row = new double[q];
            for (int j = 0; j < q; j++) {
                row[j] = output[r * q + j];
            }
            Arrays.sort(row);
            System.arraycopy(row, 0, sorted, r * q, q);
        }
        double[] steps = intraday ? IntradaySteps.interpolate(sorted, rows, q) : sorted;
        List<List<Double>> values = new ArrayList<>();
        for (int s = 0; s < steps.length / q; s++) {
            List<Double> step = new ArrayList<>(q);
            for (int k = 0; k < q; k++) {
                step.add(-steps[s * q + (q - 1 - k)]);
            }
            values.add(step);
        }
        return values;
    }

    static List<List<Double>> published(Forecast f) {
        return f.steps().stream().map(s -> s.values()).toList();
    }
}
