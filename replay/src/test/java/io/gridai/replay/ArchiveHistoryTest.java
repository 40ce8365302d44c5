package io.gridai.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.archive.ArchiveWriter;
import io.gridai.flink.config.JobSettings;
import io.gridai.inference.series.HourlySeries;
import io.gridai.model.Measurement;
import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.id.ZoneId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import io.gridai.flink.config.AssetTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ArchiveHistory}: hourly consumption series of the archive's zones, consumption positive. */
class ArchiveHistoryTest {

    static final Instant START = Instant.parse("2020-03-01T00:00:00Z");
    static final int HOURS = 6;
    static final int MISSING_HOUR = 3;

    @TempDir
    Path archive;

    private static final AssetTopology TOPOLOGY = JobSettings.from(new Properties()).topology();

    /** Zone 1: hour h reads −(100 + 10 h) ± a symmetric wiggle; zone 2: −50 − h, and nothing in hour 3 of zone 2. */
    private void write() throws Exception {
        SourceId source = SourceId.of("rts-gmlc");
        try (ArchiveWriter<Measurement> writer = ArchiveWriter.open(archive, ArchiveDataset.TELEMETRY)) {
            for (int h = 0; h < HOURS; h++) {
                for (int m = 0; m < 12; m++) {
                    Instant t = START.plus(Duration.ofMinutes(60L * h + 5L * m));
                    writer.write(Measurement.of(source, AssetId.of("load-zone-1"), MeasurementKind.ACTIVE_POWER,
                            -(100 + 10 * h) + (m - 5.5) * 0.5, Unit.MEGAWATT, t, t));
                    if (h != MISSING_HOUR) {
                        writer.write(Measurement.of(source, AssetId.of("load-zone-2"), MeasurementKind.ACTIVE_POWER,
                                -50 - h, Unit.MEGAWATT, t, t));
                    }
                }
            }
        }
    }

    @Test
    void hourlyMeansOfEachZoneAsConsumptionWithGapsAsNaN() throws Exception {
        write();
        Map<ZoneId, HourlySeries> history = ArchiveHistory.hourlyConsumption(archive, TOPOLOGY, START,
                START.plus(Duration.ofHours(HOURS + 2)));

        assertThat(history.keySet()).containsExactly(ZoneId.of("zone-1"), ZoneId.of("zone-2"));
        HourlySeries zone1 = history.get(ZoneId.of("zone-1"));
        assertThat(zone1.start()).isEqualTo(START);
        assertThat(zone1.size()).isEqualTo(HOURS + 2);
        for (int h = 0; h < HOURS; h++) {
            assertThat(zone1.atIndex(h)).as("hour %d", h).isEqualTo(100 + 10 * h);
        }
        assertThat(zone1.atIndex(HOURS)).as("after the archive's end").isNaN();
        assertThat(zone1.missing()).isEqualTo(2);

        HourlySeries zone2 = history.get(ZoneId.of("zone-2"));
        assertThat(zone2.atIndex(0)).isEqualTo(50);
        assertThat(zone2.atIndex(MISSING_HOUR)).as("an hour without readings").isNaN();
        assertThat(zone2.atIndex(MISSING_HOUR + 1)).isEqualTo(50 + MISSING_HOUR + 1);
        assertThat(zone2.missing()).isEqualTo(3);
    }

    @Test
    void aWindowInsideTheArchiveAndAZoneItDoesNotHold() throws Exception {
        write();
        HourlySeries part = ArchiveHistory.hourlyConsumption(archive, TOPOLOGY, ZoneId.of("zone-1"),
                START.plus(Duration.ofHours(2)), START.plus(Duration.ofHours(4)));
        assertThat(part.start()).isEqualTo(START.plus(Duration.ofHours(2)));
        assertThat(part.size()).isEqualTo(2);
        assertThat(part.atIndex(0)).isEqualTo(120);
        assertThat(part.atIndex(1)).isEqualTo(130);

        HourlySeries none = ArchiveHistory.hourlyConsumption(archive, TOPOLOGY, ZoneId.of("zone-3"), START,
                START.plus(Duration.ofHours(HOURS)));
        assertThat(none.size()).isEqualTo(HOURS);
        assertThat(none.missing()).isEqualTo(HOURS);
    }

    @Test
    void refusesHoursThatAreNotWhole() {
        assertThatThrownBy(() -> ArchiveHistory.hourlyConsumption(archive, TOPOLOGY, START.plusSeconds(60),
                START.plus(Duration.ofHours(2)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole UTC hours");
    }
}
