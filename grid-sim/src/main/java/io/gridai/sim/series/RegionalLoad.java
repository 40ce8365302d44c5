package io.gridai.sim.series;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Demand per region over time, MW (positive = consumed; the twin turns it into withdrawals at the buses).
 *
 * @param byRegion one series in MW per region id (for RTS-GMLC the area number as text: {@code "1"},
 *                 {@code "2"}, {@code "3"}); copied, iteration order kept
 */
public record RegionalLoad(Map<String, TimeSeries> byRegion) {

    public RegionalLoad {
        Objects.requireNonNull(byRegion, "byRegion must not be null; give one series per region");
        if (byRegion.isEmpty()) {
            throw new IllegalArgumentException("a regional load needs at least one region");
        }
        byRegion.forEach((region, series) -> {
            if (region == null || series == null) {
                throw new IllegalArgumentException("region " + region + " has series " + series
                        + "; every region needs an id and a series");
            }
        });
        byRegion = Collections.unmodifiableMap(new LinkedHashMap<>(byRegion));
    }

    /** The region ids, in the order given. */
    public Set<String> regions() {
        return byRegion.keySet();
    }

    /** The series of one region, MW. */
    public TimeSeries series(String region) {
        TimeSeries series = byRegion.get(region);
        if (series == null) {
            throw new IllegalArgumentException("unknown region '" + region + "'; known regions are " + regions());
        }
        return series;
    }

    /** Load of one region at {@code t}, MW, interpolated and clamped to the data as {@link TimeSeries#at} does. */
    public double regionMw(String region, Instant t) {
        return series(region).at(t);
    }

    /** Load of all regions together at {@code t}, MW. */
    public double totalMw(Instant t) {
        double total = 0;
        for (TimeSeries series : byRegion.values()) {
            total += series.at(t);
        }
        return total;
    }
}
