package io.gridai.inference.fit;

import io.gridai.inference.features.DayAhead;
import io.gridai.inference.features.Feature;
import io.gridai.inference.features.FeatureBuilder;
import io.gridai.inference.features.Holidays;
import io.gridai.inference.model.ModelMetadata.Horizon;
import io.gridai.inference.series.HourlySeries;
import io.gridai.inference.train.TrainingOptions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Trains a zone's models from its history: a day-ahead model (issued daily at a local time for the next local day)
 * and an intraday model (issued every hour for the next hours). The most recent 15 % of the history chooses the
 * number of boosting rounds; the final models learn from all of it.
 *
 * @param load          hourly load, MW, consumption positive
 * @param temperature   hourly temperature, °C, or null
 * @param timeZone      local time of the calendar features and the day-ahead issue time
 * @param country       public holidays, or "" for none
 * @param issueTime     local day-ahead issue time
 * @param intradayHours hours ahead an intraday forecast covers
 * @param trainUntil    use target hours before this instant (null: all the history)
 */
public record ZoneModelTraining(HourlySeries load, HourlySeries temperature, ZoneId timeZone, String country,
        LocalTime issueTime, int intradayHours, Instant trainUntil, TrainingOptions training) {

    /** The most recent share of the history that picks the number of rounds. */
    public static final double VALIDATION_SHARE = 0.15;
    /** Days of history before the first training target (the weekly lag needs a week). */
    public static final int WARM_UP_DAYS = 8;

    public ZoneModelTraining {
        if (intradayHours < 1) {
            throw new IllegalArgumentException("intraday hours must be at least 1 but was " + intradayHours);
        }
    }

    /** The feature builder for this zone's data (weather features only when there is weather). */
    public FeatureBuilder features() {
        return new FeatureBuilder(Feature.defaults(temperature != null), timeZone, Holidays.of(country));
    }

    /** Fits the day-ahead model. */
    public ModelFitter.Fitted dayAhead(Consumer<String> progress) {
        FeatureBuilder features = features();
        DayAhead schedule = new DayAhead(timeZone, issueTime);
        Instant end = end();
        LocalDate first = load.start().atZone(timeZone).toLocalDate().plusDays(WARM_UP_DAYS);
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = first; !schedule.targets(d).get(schedule.targets(d).size() - 1).isAfter(
                end.minusSeconds(3600)); d = d.plusDays(1)) {
            days.add(d);
        }
        if (days.size() < 14) {
            throw new IllegalArgumentException("only " + days.size() + " whole local days of load after the "
                    + WARM_UP_DAYS + "-day warm-up (" + load.start() + " .. " + end + "); a day-ahead model needs at"
                    + " least 14");
        }
        int split = (int) Math.round(days.size() * (1 - VALIDATION_SHARE));
        progress.accept(String.format(Locale.ROOT, "day-ahead: %d days %s .. %s, issued %s %s the day before",
                days.size(), days.get(0), days.get(days.size() - 1), issueTime, timeZone));
        return ModelFitter.fit(Horizon.DAY_AHEAD, "day-ahead", features, country,
                TrainingRows.dayAhead(days.subList(0, split), schedule, features, load, temperature, true),
                TrainingRows.dayAhead(days.subList(split, days.size()), schedule, features, load, temperature, true),
                TrainingRows.dayAhead(days, schedule, features, load, temperature, true),
                schedule.targets(days.get(0)).get(0), end, training, progress);
    }

    /** Fits the intraday model. */
    public ModelFitter.Fitted intraday(Consumer<String> progress) {
        FeatureBuilder features = features();
        Instant end = end();
        List<Instant> issues = new ArrayList<>();
        for (Instant t = load.start().plusSeconds(WARM_UP_DAYS * 86_400L);
                !t.plusSeconds(3600L * intradayHours).isAfter(end); t = t.plusSeconds(3600)) {
            issues.add(t);
        }
        if (issues.size() < 14 * 24) {
            throw new IllegalArgumentException("only " + issues.size() + " hourly issue times of load after the "
                    + WARM_UP_DAYS + "-day warm-up; an intraday model needs at least two weeks");
        }
        int split = (int) Math.round(issues.size() * (1 - VALIDATION_SHARE));
        progress.accept(String.format(Locale.ROOT, "intraday: %d issue times %s .. %s, %d hours ahead each",
                issues.size(), issues.get(0), issues.get(issues.size() - 1), intradayHours));
        return ModelFitter.fit(Horizon.INTRADAY, "intraday", features, country,
                TrainingRows.intraday(issues.subList(0, split), intradayHours, features, load, temperature, true),
                TrainingRows.intraday(issues.subList(split, issues.size()), intradayHours, features, load,
                        temperature, true),
                TrainingRows.intraday(issues, intradayHours, features, load, temperature, true),
                issues.get(0), end, training, progress);
    }

    private Instant end() {
        Instant dataEnd = load.end();
        return trainUntil == null || trainUntil.isAfter(dataEnd) ? dataEnd : trainUntil;
    }
}
