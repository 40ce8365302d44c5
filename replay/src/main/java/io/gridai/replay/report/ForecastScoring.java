package io.gridai.replay.report;

import io.gridai.model.Forecast;
import io.gridai.model.ZoneLoad;
import io.gridai.model.id.ZoneId;
import io.gridai.model.unit.MeasurementKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/** Matches forecast steps with the actual load and scores them (see {@link ReplayReport} for the rules). */
final class ForecastScoring {

    /** |actual| below this is left out of the MAPE. */
    static final double MAPE_FLOOR_MW = 1e-6;

    private static final double TOLERANCE = Forecast.LEVEL_TOLERANCE;

    /** The forecasts of one model label, in the order the report lists them. */
    record Labelled(String label, List<Forecast> forecasts) {
    }

    record Scored(List<ForecastMetrics> rows, List<String> notes) {
    }

    private record Key(ZoneId zone, Horizon horizon, int order, String label, String version) {
    }

    private ForecastScoring() {
    }

    /** The actual mean MW of {@code zone} over [start, start + length), {@code null} when the input has no such window. */
    static final class Actuals {
        private final Map<ZoneId, Map<Duration, Map<Instant, Double>>> byZone = new HashMap<>();

        Actuals(List<ZoneLoad> loads) {
            for (ZoneLoad l : loads) { // a later window for the same interval (a correction) replaces an earlier one
                byZone.computeIfAbsent(l.zone(), z -> new HashMap<>())
                        .computeIfAbsent(l.window(), w -> new HashMap<>())
                        .put(l.windowStart(), l.activePowerMw());
            }
        }

        Double at(ZoneId zone, Instant start, Duration length) {
            return byZone.getOrDefault(zone, Map.of()).getOrDefault(length, Map.of()).get(start);
        }

        /** The windows of {@code length} of {@code zone} inside [from, to), by window start. */
        NavigableMap<Instant, Double> series(ZoneId zone, Duration length, Instant from, Instant to) {
            TreeMap<Instant, Double> out = new TreeMap<>();
            byZone.getOrDefault(zone, Map.of()).getOrDefault(length, Map.of()).forEach((start, mw) -> {
                if (!start.isBefore(from) && !start.plus(length).isAfter(to)) {
                    out.put(start, mw);
                }
            });
            return out;
        }

        Set<ZoneId> zones() {
            return byZone.keySet();
        }
    }

    static Scored score(Instant from, Instant to, Actuals actuals, List<Labelled> models) {
        Map<Key, Accumulator> acc = new TreeMap<>(Comparator.comparing((Key k) -> k.zone().value())
                .thenComparing(Key::horizon).thenComparingInt(Key::order).thenComparing(Key::version));
        List<String> notes = new ArrayList<>();
        int otherKinds = 0;
        for (int order = 0; order < models.size(); order++) {
            Labelled model = models.get(order);
            if (model.forecasts().isEmpty()) {
                notes.add("No " + model.label() + " forecasts were given for this replay, so the table has no "
                        + model.label() + " rows.");
                continue;
            }
            int inWindow = 0;
            for (Forecast f : model.forecasts()) {
                if (f.kind() != MeasurementKind.ACTIVE_POWER) {
                    otherKinds++;
                    continue;
                }
                Key key = new Key(f.zone(), Horizon.of(f), order, model.label(), f.modelVersion());
                if (scoreOne(f, from, to, actuals, () -> acc.computeIfAbsent(key, k -> new Accumulator()))) {
                    inWindow++;
                }
            }
            if (inWindow == 0) {
                notes.add("None of the " + model.forecasts().size() + " " + model.label()
                        + " forecasts has a step inside the window, so the table has no " + model.label() + " rows.");
            }
        }
        if (otherKinds > 0) {
            notes.add(otherKinds + " forecast(s) of a kind other than ACTIVE_POWER were left out.");
        }
        missingCounterparts(acc.keySet(), models, notes);
        List<ForecastMetrics> rows = new ArrayList<>();
        for (Map.Entry<Key, Accumulator> e : acc.entrySet()) {
            Key k = e.getKey();
            Accumulator a = e.getValue();
            ForecastMetrics m = a.metrics(k);
            rows.add(m);
            String what = k.zone() + " " + k.horizon().label() + " " + k.label() + " (" + k.version() + ")";
            if (a.skipped > 0) {
                notes.add(what + ": " + a.skipped + " of " + (a.skipped + a.n) + " steps inside the window were"
                        + " skipped, the input has no " + durations(a.skippedSteps)
                        + " actual window(s) at their intervals.");
            }
            if (a.pointLevels.size() > 1) {
                notes.add(what + ": the forecasts have different quantile levels; point errors are on each"
                        + " forecast's level nearest 0.5 " + a.pointLevels + ".");
            } else if (Math.abs(m.pointLevel() - 0.5) > TOLERANCE) {
                notes.add(what + ": no 0.5 level; point errors are on level " + m.pointLevel()
                        + ", the level nearest 0.5.");
            }
            if (a.nearZero > 0) {
                notes.add(what + ": " + a.nearZero + " step(s) with |actual| < " + MAPE_FLOOR_MW
                        + " MW left out of the MAPE.");
            }
        }
        return new Scored(rows, notes);
    }

    /** The day-ahead point forecasts per zone and model ("label (version)"), by valid time; the latest made wins. */
    static Map<ZoneId, Map<String, NavigableMap<Instant, Double>>> dayAheadPoints(Instant from, Instant to,
            List<Labelled> models) {
        Map<ZoneId, Map<String, NavigableMap<Instant, Double>>> out = new HashMap<>();
        Map<ZoneId, Map<String, Map<Instant, Instant>>> madeAt = new HashMap<>();
        for (Labelled model : models) {
            for (Forecast f : model.forecasts()) {
                if (f.kind() != MeasurementKind.ACTIVE_POWER || Horizon.of(f) != Horizon.DAY_AHEAD) {
                    continue;
                }
                String series = model.label() + " (" + f.modelVersion() + ")";
                NavigableMap<Instant, Double> points = out.computeIfAbsent(f.zone(), z -> new LinkedHashMap<>())
                        .computeIfAbsent(series, s -> new TreeMap<>());
                Map<Instant, Instant> made = madeAt.computeIfAbsent(f.zone(), z -> new HashMap<>())
                        .computeIfAbsent(series, s -> new HashMap<>());
                int point = pointIndex(f.quantileLevels());
                for (int i = 0; i < f.steps().size(); i++) {
                    Instant end = f.steps().get(i).validTime();
                    Instant start = end.minus(f.step());
                    if (start.isBefore(from) || end.isAfter(to)) {
                        continue;
                    }
                    Instant before = made.get(end);
                    if (before == null || !f.madeAt().isBefore(before)) {
                        made.put(end, f.madeAt());
                        points.put(end, f.steps().get(i).values().get(point));
                    }
                }
            }
        }
        return out;
    }

    /** The index of 0.5, or of the level nearest it (the lower one on a tie). */
    static int pointIndex(List<Double> levels) {
        int best = 0;
        for (int j = 1; j < levels.size(); j++) {
            if (Math.abs(levels.get(j) - 0.5) < Math.abs(levels.get(best) - 0.5) - TOLERANCE) {
                best = j;
            }
        }
        return best;
    }

    private static int levelIndex(List<Double> levels, double level) {
        for (int j = 0; j < levels.size(); j++) {
            if (Math.abs(levels.get(j) - level) <= TOLERANCE) {
                return j;
            }
        }
        return -1;
    }

    /** Scores the steps of {@code f} inside [from, to); false when it has none there. */
    private static boolean scoreOne(Forecast f, Instant from, Instant to, Actuals actuals,
            Supplier<Accumulator> accumulator) {
        List<Double> levels = f.quantileLevels();
        int point = pointIndex(levels);
        int p10 = levelIndex(levels, 0.1);
        int p90 = levelIndex(levels, 0.9);
        Accumulator a = null;
        for (int i = 0; i < f.steps().size(); i++) {
            Instant end = f.steps().get(i).validTime();
            Instant start = end.minus(f.step());
            if (start.isBefore(from) || end.isAfter(to)) {
                continue;
            }
            if (a == null) {
                a = accumulator.get();
                a.forecasts++;
                a.pointLevels.add(levels.get(point));
            }
            Double actual = actuals.at(f.zone(), start, f.step());
            if (actual == null) {
                a.skipped++;
                a.skippedSteps.add(f.step());
                continue;
            }
            List<Double> values = f.steps().get(i).values();
            a.add(actual, values.get(point));
            for (int j = 0; j < levels.size(); j++) {
                a.pinball(levels.get(j), actual, values.get(j));
            }
            if (p10 >= 0 && p90 >= 0) {
                a.coverageN++;
                if (actual >= values.get(p10) && actual <= values.get(p90)) {
                    a.covered++;
                }
            }
        }
        return a != null;
    }

    /** Notes a zone and horizon that one model forecast and another (with forecasts in the window) did not. */
    private static void missingCounterparts(Set<Key> keys, List<Labelled> models, List<String> notes) {
        Map<String, Set<String>> byLabel = new LinkedHashMap<>();
        Set<String> all = new TreeSet<>();
        for (Key k : keys) {
            String zh = k.zone() + " " + k.horizon().label();
            byLabel.computeIfAbsent(k.label(), l -> new LinkedHashSet<>()).add(zh);
            all.add(zh);
        }
        for (Labelled model : models) {
            Set<String> mine = byLabel.get(model.label());
            if (mine == null) {
                continue; // already noted: no forecasts, or none in the window
            }
            for (String zh : all) {
                if (!mine.contains(zh)) {
                    notes.add(zh + ": no " + model.label() + " forecasts inside the window.");
                }
            }
        }
    }

    private static String durations(Set<Duration> steps) {
        List<String> out = new ArrayList<>();
        for (Duration d : steps) {
            out.add(ReportFormat.duration(d));
        }
        return String.join(" / ", out);
    }

    private static final class Accumulator {
        int forecasts;
        int n;
        int skipped;
        int nearZero;
        final Set<Duration> skippedSteps = new TreeSet<>();
        final Set<Double> pointLevels = new TreeSet<>();
        double sumAbs;
        double sumSq;
        double sumErr;
        double sumApe;
        int mapeN;
        final TreeMap<Double, double[]> pinball = new TreeMap<>();
        int coverageN;
        int covered;

        void add(double actual, double point) {
            double e = point - actual;
            n++;
            sumAbs += Math.abs(e);
            sumSq += e * e;
            sumErr += e;
            if (Math.abs(actual) >= MAPE_FLOOR_MW) {
                sumApe += Math.abs(e) / Math.abs(actual);
                mapeN++;
            } else {
                nearZero++;
            }
        }

        void pinball(double level, double actual, double quantile) {
            Double key = pinball.keySet().stream().filter(l -> Math.abs(l - level) <= TOLERANCE).findFirst()
                    .orElse(level);
            double diff = actual - quantile;
            double[] s = pinball.computeIfAbsent(key, k -> new double[2]);
            s[0] += Math.max(level * diff, (level - 1) * diff);
            s[1]++;
        }

        ForecastMetrics metrics(Key k) {
            TreeMap<Double, Double> pin = new TreeMap<>();
            pinball.forEach((level, s) -> pin.put(level, s[0] / s[1]));
            double nan = Double.NaN;
            return new ForecastMetrics(k.zone(), k.horizon(), k.label(), k.version(), forecasts, n, skipped,
                    pointLevels.size() == 1 ? pointLevels.iterator().next() : nan,
                    n == 0 ? nan : sumAbs / n,
                    n == 0 ? nan : Math.sqrt(sumSq / n),
                    mapeN == 0 ? nan : 100 * sumApe / mapeN,
                    mapeN,
                    n == 0 ? nan : sumErr / n,
                    pin,
                    coverageN == 0 ? nan : 100.0 * covered / coverageN);
        }
    }
}
