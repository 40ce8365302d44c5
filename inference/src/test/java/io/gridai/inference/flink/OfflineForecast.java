package io.gridai.inference.flink;

import io.gridai.inference.features.DayAhead;
import io.gridai.inference.model.ForecastModel;
import io.gridai.inference.model.ModelMetadata.Horizon;
import io.gridai.inference.offline.OfflineForecasts;
import io.gridai.inference.series.HourlySeries;
import io.gridai.model.Forecast;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What a published forecast must hold, recomputed without Flink by {@link OfflineForecasts#forecast}: the decision
 * instant and target hours worked out from the forecast itself ({@link #request}), then the main code's features, one
 * run of the named model, sorted rows, generator sign, 5-minute interpolation for intraday.
 */
final class OfflineForecast {

    private static final io.gridai.model.id.ZoneId PLACEHOLDER = io.gridai.model.id.ZoneId.of("offline-check");

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

    /**
     * The published values of a forecast made by {@code model} for {@code request} from {@code load}: the main code's
     * {@link OfflineForecasts#forecast} (the one offline implementation); only the values are compared, so the zone
     * is a placeholder.
     */
    static List<List<Double>> values(ForecastModel model, Request request, HourlySeries load, boolean intraday) {
        return OfflineForecasts.forecast(model, PLACEHOLDER, intraday ? Horizon.INTRADAY : Horizon.DAY_AHEAD,
                request.issue(), request.targets().get(0), request.targets().size(), load)
                .map(OfflineForecast::published)
                .orElseThrow(() -> new AssertionError("the model returned a non-finite value for " + request));
    }

    static List<List<Double>> published(Forecast f) {
        return f.steps().stream().map(s -> s.values()).toList();
    }
}
