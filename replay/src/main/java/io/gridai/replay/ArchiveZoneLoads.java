package io.gridai.replay;

import io.gridai.archive.ArchiveReader;
import io.gridai.flink.config.AssetTopology;
import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import io.gridai.model.ZoneLoad;
import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.id.ZoneId;
import io.gridai.model.unit.MeasurementKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Zone load windows computed straight from the archive, without Kafka or Flink: the reference a replay's streamed
 * zone loads and forecasts are checked against. The same definition as the streaming job's: per window, the mean of
 * each load asset's good {@code ACTIVE_POWER} readings (sum, then divide by the count, in event-time order), summed
 * over the zone's load assets in asset id order ({@link AssetTopology} places assets in zones and says which are
 * loads). Archived telemetry is clean already; readings flagged out of range are left out, as the job does.
 */
public final class ArchiveZoneLoads {

    private ArchiveZoneLoads() {
    }

    /** The {@code window}-long zone loads of {@code [from, to)}, ordered by window end, then zone. */
    public static List<ZoneLoad> compute(ReplayRequest request, AssetTopology topology, Duration window) {
        long size = window.toMillis();
        // window start → zone → asset → {sum, count}
        Map<Long, Map<String, Map<String, double[]>>> sums = new TreeMap<>();
        ArchiveReader.Query query = ArchiveReader.Query.between(request.from(), request.to())
                .subjects(request.assets());
        try (Stream<Measurement> stream = ArchiveReader.of(request.archive(), ArchiveDataset.TELEMETRY).read(query)) {
            stream.forEach(m -> {
                String asset = m.asset().value();
                if (m.kind() != MeasurementKind.ACTIVE_POWER || m.quality().contains(QualityFlag.OUT_OF_RANGE)
                        || !topology.isLoad(asset)) {
                    return;
                }
                topology.placementOf(asset).zone().ifPresent(zone -> {
                    long start = Math.floorDiv(m.eventTime().toEpochMilli(), size) * size;
                    double[] acc = sums.computeIfAbsent(start, k -> new TreeMap<>())
                            .computeIfAbsent(zone.value(), k -> new TreeMap<>())
                            .computeIfAbsent(asset, k -> new double[2]);
                    acc[0] += m.value();
                    acc[1]++;
                });
            });
        }
        List<ZoneLoad> loads = new ArrayList<>();
        sums.forEach((start, zones) -> zones.forEach((zone, assets) -> {
            double total = 0;
            long readings = 0;
            for (double[] acc : assets.values()) {
                total += acc[0] / acc[1];
                readings += (long) acc[1];
            }
            loads.add(new ZoneLoad(ZoneId.of(zone), Instant.ofEpochMilli(start), window, total, assets.size(),
                    readings));
        }));
        loads.sort(Comparator.comparing(ZoneLoad::windowEnd).thenComparing(z -> z.zone().value()));
        return loads;
    }
}
