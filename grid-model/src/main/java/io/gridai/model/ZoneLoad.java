package io.gridai.model;

import io.gridai.model.id.ZoneId;
import java.time.Duration;
import java.time.Instant;

/**
 * The total active power of a zone's loads over one tumbling event-time window
 * {@code [windowStart, windowStart + window)}: the sum over the zone's load assets of each one's mean
 * {@code ACTIVE_POWER} in the window, in MW, generator sign convention (loads withdraw power, so a zone
 * consuming 120 MW reports −120 MW). {@code assets} is how many load assets reported in the window and
 * {@code readings} how many readings went into the means. This is what load forecasters consume.
 */
public record ZoneLoad(
        ZoneId zone,
        Instant windowStart,
        Duration window,
        double activePowerMw,
        int assets,
        long readings) {

    public ZoneLoad {
        Require.present(zone, "ZoneLoad.zone");
        Require.present(windowStart, "ZoneLoad.windowStart");
        Require.present(window, "ZoneLoad.window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("ZoneLoad.window must be positive but was " + window
                    + "; give the window length, e.g. Duration.ofMinutes(5)");
        }
        Require.finite(activePowerMw, "ZoneLoad.activePowerMw");
        if (assets < 1 || readings < assets) {
            throw new IllegalArgumentException("ZoneLoad needs at least one asset and one reading per asset but had "
                    + assets + " assets and " + readings + " readings");
        }
    }

    /** The end of the window (exclusive): {@code windowStart + window}. */
    public Instant windowEnd() {
        return windowStart.plus(window);
    }
}
