package io.gridai.operator.zones;

import io.gridai.operator.stream.StreamKind.ForecastView;
import io.gridai.operator.stream.StreamKind.ZoneLoadView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The zones' recent load and forecasts, as read from {@code grid.zone-load} and {@code grid.forecasts}: per zone and
 * window length the last {@code maxWindows} windows (by window start; a window read again replaces the one held), and
 * per zone the last {@code maxForecasts} forecasts (by issue time). Bounded, so that memory does not grow with time.
 * Thread-safe: written by the service's input thread, read by requests.
 */
public final class ZoneBook {

    /** A zone at a glance: its window lengths, latest window of the finest, latest forecast's issue time. */
    public record ZoneSummary(String zone, List<String> windows, ZoneLoadView latest, Instant forecastIssueTime,
            String forecastModel) {
    }

    private final int maxWindows;
    private final int maxForecasts;
    /** zone → window length → window start → load. */
    private final Map<String, Map<Duration, NavigableMap<Instant, ZoneLoadView>>> loads = new TreeMap<>();
    /** zone → issue time → forecast. */
    private final Map<String, NavigableMap<Instant, ForecastView>> forecasts = new TreeMap<>();

    public ZoneBook(int maxWindows, int maxForecasts) {
        if (maxWindows < 1 || maxForecasts < 1) {
            throw new IllegalArgumentException("gridai.operator.zones.max-windows (" + maxWindows
                    + ") and max-forecasts (" + maxForecasts + ") must be at least 1");
        }
        this.maxWindows = maxWindows;
        this.maxForecasts = maxForecasts;
    }

    public synchronized void add(ZoneLoadView load) {
        NavigableMap<Instant, ZoneLoadView> windows = loads.computeIfAbsent(load.zone(), z -> new TreeMap<>())
                .computeIfAbsent(Duration.parse(load.window()), w -> new TreeMap<>());
        windows.put(load.windowStart(), load);
        while (windows.size() > maxWindows) {
            windows.pollFirstEntry();
        }
    }

    public synchronized void add(ForecastView forecast) {
        NavigableMap<Instant, ForecastView> held = forecasts.computeIfAbsent(forecast.zone(), z -> new TreeMap<>());
        held.put(forecast.issueTime(), forecast);
        while (held.size() > maxForecasts) {
            held.pollFirstEntry();
        }
    }

    /** Every zone with load or a forecast, by id. */
    public synchronized List<ZoneSummary> zones() {
        TreeMap<String, ZoneSummary> out = new TreeMap<>();
        for (String zone : union()) {
            Map<Duration, NavigableMap<Instant, ZoneLoadView>> byWindow = loads.getOrDefault(zone, Map.of());
            List<Duration> windows = byWindow.keySet().stream().sorted().toList();
            ZoneLoadView latest = windows.isEmpty() ? null : byWindow.get(windows.get(0)).lastEntry().getValue();
            NavigableMap<Instant, ForecastView> fs = forecasts.get(zone);
            ForecastView f = fs == null || fs.isEmpty() ? null : fs.lastEntry().getValue();
            out.put(zone, new ZoneSummary(zone, windows.stream().map(Duration::toString).toList(), latest,
                    f == null ? null : f.issueTime(), f == null ? null : f.modelVersion()));
        }
        return List.copyOf(out.values());
    }

    public synchronized boolean knows(String zone) {
        return loads.containsKey(zone) || forecasts.containsKey(zone);
    }

    /** The window lengths held for a zone, shortest first. */
    public synchronized List<Duration> windows(String zone) {
        return loads.getOrDefault(zone, Map.of()).keySet().stream().sorted(Comparator.naturalOrder()).toList();
    }

    /** A zone's windows of one length starting at or after {@code since}, oldest first. */
    public synchronized List<ZoneLoadView> load(String zone, Duration window, Instant since) {
        NavigableMap<Instant, ZoneLoadView> held = loads.getOrDefault(zone, Map.of()).get(window);
        return held == null ? List.of() : new ArrayList<>(held.tailMap(since, true).values());
    }

    /** The start of a zone's newest window of one length (grid time: the twin's under a replay). */
    public synchronized Optional<Instant> latestWindowStart(String zone, Duration window) {
        NavigableMap<Instant, ZoneLoadView> held = loads.getOrDefault(zone, Map.of()).get(window);
        return held == null || held.isEmpty() ? Optional.empty() : Optional.of(held.lastKey());
    }

    /** A zone's latest forecast (by issue time). */
    public synchronized Optional<ForecastView> latestForecast(String zone) {
        NavigableMap<Instant, ForecastView> held = forecasts.get(zone);
        return held == null || held.isEmpty() ? Optional.empty() : Optional.of(held.lastEntry().getValue());
    }

    /** A zone's forecasts issued at or after {@code since}, oldest first. */
    public synchronized List<ForecastView> forecasts(String zone, Instant since) {
        NavigableMap<Instant, ForecastView> held = forecasts.get(zone);
        return held == null ? List.of() : new ArrayList<>(held.tailMap(since, true).values());
    }

    private List<String> union() {
        TreeMap<String, Boolean> all = new TreeMap<>();
        loads.keySet().forEach(z -> all.put(z, true));
        forecasts.keySet().forEach(z -> all.put(z, true));
        return List.copyOf(all.keySet());
    }
}
