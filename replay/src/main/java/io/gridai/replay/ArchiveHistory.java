package io.gridai.replay;

import io.gridai.flink.config.AssetTopology;
import io.gridai.inference.series.HourlySeries;
import io.gridai.model.ZoneLoad;
import io.gridai.model.id.SandboxId;
import io.gridai.model.id.ZoneId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A zone's hourly history from the archive, as model training takes it: the hourly {@link ZoneLoad}s of
 * {@link ArchiveZoneLoads} (the definition the streaming job and the replay's offline check use) turned into an
 * {@link HourlySeries} of consumption, MW, consumption positive ({@code -activePowerMw}: the archive keeps the generator
 * sign convention), one value per UTC hour of {@code [from, to)}, NaN where the archive has no reading in an hour.
 */
public final class ArchiveHistory {

    private ArchiveHistory() {
    }

    /**
     * The hourly consumption of every zone with load telemetry in {@code [from, to)} of the archive at
     * {@code archive}, by zone id (in id order).
     *
     * @param topology places load assets in zones ({@code JobSettings.topology()}, as the sandbox's streaming job)
     * @param from     a whole UTC hour
     * @param to       a whole UTC hour after {@code from}
     */
    public static Map<ZoneId, HourlySeries> hourlyConsumption(Path archive, AssetTopology topology, Instant from,
            Instant to) {
        if (!from.truncatedTo(ChronoUnit.HOURS).equals(from) || !to.truncatedTo(ChronoUnit.HOURS).equals(to)) {
            throw new IllegalArgumentException("an hourly history starts and ends on whole UTC hours, not " + from
                    + " .. " + to);
        }
        ReplayRequest request = new ReplayRequest(archive, SandboxId.of("history"), from, to, Set.of(),
                ReplayRequest.MAX_SPEED);
        int hours = Math.toIntExact(Duration.between(from, to).toHours());
        List<ZoneLoad> loads = ArchiveZoneLoads.compute(request, topology, Duration.ofHours(1));
        Map<ZoneId, HourlySeries> series = new TreeMap<>(Comparator.comparing(ZoneId::value));
        for (ZoneLoad load : loads) {
            HourlySeries zone = series.computeIfAbsent(load.zone(), z -> HourlySeries.empty(from, hours));
            zone.set(zone.indexOf(load.windowStart()), -load.activePowerMw());
        }
        return series;
    }

    /** The hourly consumption of {@code zone} (all NaN when the archive holds none of it in the range). */
    public static HourlySeries hourlyConsumption(Path archive, AssetTopology topology, ZoneId zone, Instant from,
            Instant to) {
        HourlySeries series = hourlyConsumption(archive, topology, from, to).get(zone);
        return series != null ? series
                : HourlySeries.empty(from, Math.toIntExact(Duration.between(from, to).toHours()));
    }
}
