package io.gridai.replay;

import io.gridai.archive.ArchiveWriter;
import io.gridai.inference.flink.LoadFixtures;
import io.gridai.inference.flink.LoadFixtures.Zone;
import io.gridai.model.Measurement;
import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An archive of zone load telemetry as the RTS-GMLC import writes it ({@code load-zone-N}, 5-minute values, MW,
 * generator sign) from {@link LoadFixtures}' synthetic zones, and a model registry with a small trained day-ahead and
 * intraday model active for each zone.
 */
final class ReplayFixtures {

    static final List<Zone> ZONES = List.of(Zone.of("zone-1", "Europe/Paris", "FR", 700),
            Zone.of("zone-2", "Europe/Paris", "FR", 400));
    static final SourceId SOURCE = SourceId.of("rts-gmlc");

    private ReplayFixtures() {
    }

    /** {@code days} days of 5-minute load per zone from {@code start} into a new archive; returns its root. */
    static Path archive(Instant start, int days) throws Exception {
        Path root = Files.createTempDirectory(LoadFixtures.tmp(), "replay-archive-");
        try (ArchiveWriter<Measurement> writer = ArchiveWriter.open(root, ArchiveDataset.TELEMETRY)) {
            long firstHour = start.getEpochSecond() / 3600;
            for (int h = 0; h < days * 24; h++) {
                for (Zone zone : ZONES) {
                    double mw = zone.consumption(firstHour + h);
                    for (int m = 0; m < 12; m++) {
                        Instant t = Instant.ofEpochSecond((firstHour + h) * 3600).plus(Duration.ofMinutes(5L * m));
                        double wiggle = Math.round(0.01 * mw * Math.sin(Math.PI * (m - 5.5) / 6) * 1024) / 1024.0;
                        writer.write(Measurement.of(SOURCE, AssetId.of("load-" + zone.id().value()),
                                MeasurementKind.ACTIVE_POWER, -(mw + wiggle), Unit.MEGAWATT, t, t));
                    }
                }
            }
        }
        return root;
    }

    /** A registry with day-ahead {@code da-1} and intraday {@code id-1} active for every zone. */
    static Path models() throws Exception {
        return LoadFixtures.activeRegistry(Files.createTempDirectory(LoadFixtures.tmp(), "replay-models-"), ZONES);
    }
}
