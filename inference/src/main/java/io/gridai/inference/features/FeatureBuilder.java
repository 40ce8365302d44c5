package io.gridai.inference.features;

import io.gridai.inference.series.HourlySeries;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Fills feature rows for a model's feature list. One builder serves training, backtests and the streaming
 * operator, so a model sees the same features everywhere. Not thread-safe (holidays are cached per year).
 */
public final class FeatureBuilder {

    private static final long HOUR = 3600;

    private final List<String> names;
    private final Feature[] features;
    private final ZoneId zone;
    private final Holidays holidays;

    /**
     * @param names    the model's features, in its input order
     * @param zone     the zone local calendar features are computed in
     * @param holidays the country's public holidays, or {@link Holidays#none()}
     */
    public FeatureBuilder(List<String> names, ZoneId zone, Holidays holidays) {
        this.names = List.copyOf(names);
        this.features = names.stream().map(Feature::named).toArray(Feature[]::new);
        this.zone = zone;
        this.holidays = holidays;
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return features.length;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Whether any feature reads the weather series. */
    public boolean needsTemperature() {
        for (Feature f : features) {
            if (f.needsTemperature()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes one row into {@code out[offset .. offset + size())}. Unknown values are {@link Float#NaN}.
     *
     * @param load        hourly load in MW (positive = consumption); only hours over by {@code issue} are read
     * @param temperature hourly temperature in °C, or null when there is none
     * @param issue       when the forecast is made
     * @param target      the start of the forecast hour, after {@code issue}
     */
    public void fill(HourlySeries load, HourlySeries temperature, Instant issue, Instant target, float[] out,
            int offset) {
        ZonedDateTime local = target.atZone(zone);
        LocalDate date = local.toLocalDate();
        long issueSec = issue.getEpochSecond();
        long targetSec = target.getEpochSecond();
        int lastKnownDays = daysBackKnown(targetSec, issueSec, 1);
        for (int i = 0; i < features.length; i++) {
            double v = switch (features[i]) {
                case HOUR -> local.getHour();
                case WEEKDAY -> local.getDayOfWeek().getValue();
                case HOLIDAY -> holidays.isHoliday(date) ? 1 : 0;
                case HOLIDAY_ADJACENT -> holidays.isHoliday(date.minusDays(1)) || holidays.isHoliday(date.plusDays(1))
                        ? 1 : 0;
                case DAY_OF_YEAR_SIN -> Math.sin(2 * Math.PI * (date.getDayOfYear() - 1) / date.lengthOfYear());
                case DAY_OF_YEAR_COS -> Math.cos(2 * Math.PI * (date.getDayOfYear() - 1) / date.lengthOfYear());
                case LEAD_HOURS -> (targetSec - issueSec) / (double) HOUR;
                case LOAD_SAME_HOUR_LAST_KNOWN_DAY -> known(load, targetSec - lastKnownDays * 24 * HOUR, issueSec);
                case LOAD_SAME_HOUR_LAST_WEEK -> known(load, targetSec - daysBackKnown(targetSec, issueSec, 7) * 24 * HOUR,
                        issueSec);
                case LOAD_LAST -> known(load, issueSec - HOUR, issueSec);
                case LOAD_MEAN_24H -> mean(load, issueSec - 24 * HOUR, issueSec);
                case RECENT_NAIVE_ERROR -> naiveError(load, issueSec);
                case LAST_KNOWN_DAY_HOLIDAY -> holidays.isHoliday(date.minusDays(lastKnownDays)) ? 1 : 0;
                case LAST_WEEK_HOLIDAY -> holidays.isHoliday(date.minusDays(daysBackKnown(targetSec, issueSec, 7)))
                        ? 1 : 0;
                case TEMPERATURE -> temperature == null ? Double.NaN : temperature.at(target);
                case TEMPERATURE_MEAN_24H -> temperature == null ? Double.NaN
                        : mean(temperature, targetSec - 23 * HOUR, targetSec + HOUR);
                case TEMPERATURE_SMOOTH_DAY -> temperature == null ? Double.NaN : smoothed(temperature, targetSec, 24);
                case TEMPERATURE_SMOOTH_3DAYS -> temperature == null ? Double.NaN : smoothed(temperature, targetSec, 72);
                case TEMPERATURE_DAY_MIN -> temperature == null ? Double.NaN : dayExtreme(temperature, date, false);
                case TEMPERATURE_DAY_MAX -> temperature == null ? Double.NaN : dayExtreme(temperature, date, true);
                case TEMPERATURE_DELTA_WEEK -> temperature == null ? Double.NaN
                        : temperature.at(target) - temperature.at(Instant.ofEpochSecond(targetSec - 7 * 24 * HOUR));
                case TEMPERATURE_DELTA_LAST_KNOWN_DAY -> temperature == null ? Double.NaN
                        : temperature.at(target)
                                - temperature.at(Instant.ofEpochSecond(targetSec - lastKnownDays * 24 * HOUR));
            };
            out[offset + i] = (float) v;
        }
    }

    /** The smallest multiple of {@code stepDays} days back from the target whose hour is over by the issue time. */
    private static int daysBackKnown(long targetSec, long issueSec, int stepDays) {
        int days = stepDays;
        while (targetSec - days * 24 * HOUR + HOUR > issueSec) {
            days += stepDays;
        }
        return days;
    }

    /** The load of the hour starting at {@code hourSec}, if that hour is over by {@code issueSec}. */
    private static double known(HourlySeries series, long hourSec, long issueSec) {
        return hourSec + HOUR <= issueSec ? series.at(Instant.ofEpochSecond(hourSec)) : Double.NaN;
    }

    /** The mean of the known hours in {@code [fromSec, untilSec)}; NaN when fewer than half are known. */
    private static double mean(HourlySeries series, long fromSec, long untilSec) {
        double sum = 0;
        int n = 0;
        int hours = (int) ((untilSec - fromSec) / HOUR);
        int first = series.indexOf(Instant.ofEpochSecond(fromSec));
        for (int h = 0; h < hours; h++) {
            double v = series.atIndex(first + h);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n * 2 >= hours ? sum / n : Double.NaN;
    }

    /**
     * Exponential smoothing with time constant {@code tauHours} of the hours up to and including the target, over a
     * window of four time constants (weights below 2 % are left out); NaN when less than half the weight is known.
     */
    private static double smoothed(HourlySeries series, long targetSec, int tauHours) {
        int last = series.indexOf(Instant.ofEpochSecond(targetSec));
        double decay = Math.exp(-1.0 / tauHours);
        double weight = 1;
        double sum = 0;
        double known = 0;
        double total = 0;
        for (int h = 0; h < 4 * tauHours; h++) {
            double v = series.atIndex(last - h);
            if (!Double.isNaN(v)) {
                sum += weight * v;
                known += weight;
            }
            total += weight;
            weight *= decay;
        }
        return known * 2 >= total ? sum / known : Double.NaN;
    }

    private double dayExtreme(HourlySeries series, LocalDate date, boolean max) {
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant until = date.plusDays(1).atStartOfDay(zone).toInstant();
        double best = Double.NaN;
        for (int i = series.indexOf(from); i < series.indexOf(until); i++) {
            double v = series.atIndex(i);
            if (!Double.isNaN(v) && (Double.isNaN(best) || (max ? v > best : v < best))) {
                best = v;
            }
        }
        return best;
    }

    private static double naiveError(HourlySeries load, long issueSec) {
        double sum = 0;
        int n = 0;
        int first = load.indexOf(Instant.ofEpochSecond(issueSec - 24 * HOUR));
        for (int h = 0; h < 24; h++) {
            double actual = load.atIndex(first + h);
            double naive = load.atIndex(first + h - 168);
            if (!Double.isNaN(actual) && !Double.isNaN(naive)) {
                sum += actual - naive;
                n++;
            }
        }
        return n >= 12 ? sum / n : Double.NaN;
    }
}
