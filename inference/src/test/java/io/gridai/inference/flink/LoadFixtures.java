package io.gridai.inference.flink;

import io.gridai.inference.features.DayAhead;
import io.gridai.inference.features.Feature;
import io.gridai.inference.features.FeatureBuilder;
import io.gridai.inference.features.Holidays;
import io.gridai.inference.model.ModelMetadata;
import io.gridai.inference.model.ModelMetadata.Horizon;
import io.gridai.inference.series.HourlySeries;
import io.gridai.inference.train.QuantileGbmTrainer;
import io.gridai.inference.train.TrainedModel;
import io.gridai.inference.train.TrainingOptions;
import io.gridai.model.ZoneLoad;
import io.gridai.model.id.ZoneId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A realistic hourly zone load and models trained on it with the real trainer.
 *
 * <pre>
 *   consumption(h) = base · weekday factor · holiday factor · shape(local hour) · (1 + 0.03 · noise)
 *   shape(x) = 0.68 + 0.22·exp(−((x − 8.5)/2)²) + 0.30·exp(−((x − 19)/2.5)²) + 0.08·[9 ≤ x &lt; 17]
 *   Saturday 0.88, Sunday 0.80, public holiday 0.80; noise ~ N(0, 1), fixed per zone and hour
 * </pre>
 *
 * 5-minute values add a small sub-hourly wiggle whose twelve values average to the hourly value.
 */
public final class LoadFixtures {

    public static final List<Double> QUANTILES = List.of(0.1, 0.5, 0.9);
    public static final List<String> FEATURES = Feature.defaults(false);

    private LoadFixtures() {
    }

    /** A zone of the fixture: id, local time, holidays, size. */
    public record Zone(ZoneId id, java.time.ZoneId timeZone, String country, double baseMw) {

        public static Zone of(String id, String timeZone, String country, double baseMw) {
            return new Zone(ZoneId.of(id), java.time.ZoneId.of(timeZone), country, baseMw);
        }

        /** Consumption of the hour starting at {@code epochHour}, MW (positive). */
        public double consumption(long epochHour) {
            ZonedDateTime local = Instant.ofEpochSecond(epochHour * 3600).atZone(timeZone);
            double x = local.getHour();
            double shape = 0.68 + 0.22 * Math.exp(-Math.pow((x - 8.5) / 2, 2))
                    + 0.30 * Math.exp(-Math.pow((x - 19) / 2.5, 2)) + (x >= 9 && x < 17 ? 0.08 : 0);
            DayOfWeek day = local.getDayOfWeek();
            double week = day == DayOfWeek.SATURDAY ? 0.88 : day == DayOfWeek.SUNDAY ? 0.80 : 1.0;
            double holiday = holidays(country).isHoliday(local.toLocalDate()) ? 0.80 : 1.0;
            double noise = new SplittableRandom(id.value().hashCode() * 1_000_003L + epochHour).nextGaussian();
            // Multiples of 1/1024 MW: exact in float and double alike.
            return Math.round(baseMw * week * holiday * shape * (1 + 0.03 * noise) * 1024) / 1024.0;
        }

        /** The hours {@code [fromHour, fromHour + hours)} as a series. */
        public HourlySeries series(long fromHour, int hours) {
            double[] values = new double[hours];
            for (int i = 0; i < hours; i++) {
                values[i] = consumption(fromHour + i);
            }
            return new HourlySeries(Instant.ofEpochSecond(fromHour * 3600), values);
        }
    }

    /**
     * What flink-jobs would publish for {@code zones} over {@code hours} hours from {@code from}: per zone and hour
     * the hourly window and, when {@code fiveMinute}, the twelve 5-minute windows before it; generator sign.
     */
    public static List<ZoneLoad> zoneLoads(List<Zone> zones, Instant from, int hours, boolean fiveMinute) {
        List<ZoneLoad> loads = new ArrayList<>();
        long first = from.getEpochSecond() / 3600;
        for (int i = 0; i < hours; i++) {
            long hour = first + i;
            for (Zone zone : zones) {
                double mw = zone.consumption(hour);
                Instant start = Instant.ofEpochSecond(hour * 3600);
                if (fiveMinute) {
                    for (int m = 0; m < 12; m++) {
                        double wiggle = 0.01 * mw * Math.sin(Math.PI * (m - 5.5) / 6);
                        loads.add(new ZoneLoad(zone.id(), start.plus(Duration.ofMinutes(5L * m)),
                                Duration.ofMinutes(5), -(mw + wiggle), 10, 10));
                    }
                }
                loads.add(new ZoneLoad(zone.id(), start, Duration.ofHours(1), -mw, 10, 120));
            }
        }
        return loads;
    }

    /**
     * Trains a day-ahead model on {@code days} days of {@code zone}'s load before {@code until} (each local day's hours
     * from the load known at 10:00 the day before), exported to ONNX.
     */
    public static byte[] dayAhead(Zone zone, String version, LocalDate until, int days, int rounds, long seed) {
        FeatureBuilder builder = builder(zone);
        DayAhead schedule = new DayAhead(zone.timeZone(), DayAhead.DEFAULT_ISSUE_TIME);
        LocalDate first = until.minusDays(days);
        long fromHour = first.minusDays(16).atStartOfDay(zone.timeZone()).toEpochSecond() / 3600;
        HourlySeries load = zone.series(fromHour, (days + 18) * 24);
        List<float[]> rows = new ArrayList<>();
        List<Float> targets = new ArrayList<>();
        for (LocalDate day = first; day.isBefore(until); day = day.plusDays(1)) {
            Instant issue = schedule.issueFor(day);
            for (Instant target : schedule.targets(day)) {
                float[] row = new float[FEATURES.size()];
                builder.fill(load, null, issue, target, row, 0);
                rows.add(row);
                targets.add((float) load.at(target));
            }
        }
        return train(zone, version, Horizon.DAY_AHEAD, rows, targets, first, until, rounds, seed);
    }

    /** Trains an intraday model: every hour, the next {@code hours} hours from the load known then. */
    public static byte[] intraday(Zone zone, String version, LocalDate until, int days, int hoursAhead, int rounds,
            long seed) {
        FeatureBuilder builder = builder(zone);
        LocalDate first = until.minusDays(days);
        long firstHour = first.atStartOfDay(zone.timeZone()).toEpochSecond() / 3600;
        long lastHour = until.atStartOfDay(zone.timeZone()).toEpochSecond() / 3600;
        HourlySeries load = zone.series(firstHour - 16 * 24, (int) (lastHour - firstHour) + 18 * 24);
        List<float[]> rows = new ArrayList<>();
        List<Float> targets = new ArrayList<>();
        for (long t = firstHour; t < lastHour; t++) {
            Instant issue = Instant.ofEpochSecond(t * 3600);
            for (int k = 0; k < hoursAhead; k++) {
                Instant target = issue.plus(Duration.ofHours(k));
                float[] row = new float[FEATURES.size()];
                builder.fill(load, null, issue, target, row, 0);
                rows.add(row);
                targets.add((float) load.at(target));
            }
        }
        return train(zone, version, Horizon.INTRADAY, rows, targets, first, until, rounds, seed);
    }

    /**
     * Publishes a small day-ahead ({@code da-1}) and intraday ({@code id-1}) model, trained on the first zone's
     * load before 2026-06-01, to {@code models} and activates them for every zone.
     */
    public static Path activeRegistry(Path models, List<Zone> zones) {
        byte[] dayAhead = dayAhead(zones.get(0), "da-1", LocalDate.of(2026, 6, 1), 30, 10, 1);
        byte[] intraday = intraday(zones.get(0), "id-1", LocalDate.of(2026, 6, 1), 10, 6, 10, 1);
        try (io.gridai.inference.registry.ModelRegistry registry = new io.gridai.inference.registry.ModelRegistry(
                models, io.gridai.inference.serve.InferenceSettings.defaults(), Duration.ZERO)) {
            for (Zone zone : zones) {
                registry.publish(zone.id(), dayAhead);
                registry.publish(zone.id(), intraday);
                registry.activate(zone.id(), Horizon.DAY_AHEAD, "da-1");
                registry.activate(zone.id(), Horizon.INTRADAY, "id-1");
            }
        }
        return models;
    }

    public static FeatureBuilder builder(Zone zone) {
        return new FeatureBuilder(FEATURES, zone.timeZone(), Holidays.of(zone.country()));
    }

    private static final Map<String, Holidays> HOLIDAYS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Holidays holidays(String country) {
        return HOLIDAYS.computeIfAbsent(country, Holidays::of);
    }

    private static byte[] train(Zone zone, String version, Horizon horizon, List<float[]> rows, List<Float> targets,
            LocalDate first, LocalDate until, int rounds, long seed) {
        int f = FEATURES.size();
        float[] x = new float[rows.size() * f];
        float[] y = new float[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, x, r * f, f);
            y[r] = targets.get(r);
        }
        TrainingOptions options = TrainingOptions.defaults().withRounds(rounds).withMaxDepth(5).withEta(0.3)
                .withSeed(seed)
                .withQuantiles(QUANTILES).withEarlyStoppingRounds(0);
        ModelMetadata metadata = new ModelMetadata(version, horizon, FEATURES, QUANTILES, zone.timeZone().getId(),
                zone.country(), first.atStartOfDay(zone.timeZone()).toInstant(),
                until.atStartOfDay(zone.timeZone()).toInstant(), Map.of(), "LoadFixtures rounds=" + rounds);
        try (TrainedModel model = new QuantileGbmTrainer().train(x, rows.size(), FEATURES, y, null, 0, null, options)) {
            return model.toOnnx(metadata);
        }
    }

    /** {@code java.io.tmpdir} (the build points it at target/tmp), created: native libraries unpack there. */
    public static Path tmp() {
        try {
            return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create java.io.tmpdir", e);
        }
    }
}
