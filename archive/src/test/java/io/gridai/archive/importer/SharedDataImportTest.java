package io.gridai.archive.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.gridai.archive.ArchiveReader;
import io.gridai.archive.ArchiveReader.Query;
import io.gridai.archive.ArchiveSummary;
import io.gridai.archive.importer.TelemetryImport.Format;
import io.gridai.model.Measurement;
import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.sim.series.OpsdFranceLoad;
import io.gridai.sim.series.RtsGmlcSeries;
import io.gridai.sim.series.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RTS-GMLC and OPSD importers on the real files of the shared data set ({@code ../shared/data}, located by
 * grid-sim's {@link SharedData}); skipped, saying so, when it is absent.
 */
class SharedDataImportTest {

    @TempDir
    Path root;

    private static Path sharedFolder(String relative) {
        Optional<Path> data = SharedData.locate();
        assumeThat(data).as("the shared data set (../shared/data, or -D%s / %s) is absent: this test needs its %s",
                SharedData.PROPERTY, SharedData.ENVIRONMENT, relative).isPresent();
        Path folder = data.get().resolve(relative);
        assumeThat(folder).as("the shared data set has no %s", relative).exists();
        return folder;
    }

    @Test
    void importsTheWholeYearOfRtsGmlcRealTimeLoadOfTheThreeRegions() throws IOException {
        Path timeseries = sharedFolder("rts-gmlc/timeseries");
        List<Path> files = RtsGmlcSeries.REAL_TIME_LOAD_FILES.values().stream().map(timeseries::resolve).toList();

        ImportSummary summary = TelemetryImport.run(root, Format.RTS_GMLC, files,
                TelemetryImport.Settings.of(SourceId.of("rts-gmlc")), LongCsvImportTest.noRefusals());

        long expected = 366L * 288 * 3;
        assertThat(summary.rowsRead()).isEqualTo(366L * 3);
        assertThat(summary.recordsWritten()).isEqualTo(expected);
        assertThat(summary.complete()).isTrue();
        ArchiveSummary.DatasetSummary archived = ArchiveSummary.of(root).datasets().get(0);
        assertThat(archived.records()).isEqualTo(expected);
        assertThat(archived.dates()).isEqualTo(366);
        assertThat(archived.files()).as("one file per date").isEqualTo(366);

        // 2020-07-15, period 200 (16:35Z) of NEVP (region 2), from the CSV and the README's scaling
        List<String> lines = Files.readAllLines(timeseries.resolve("RT_NEVP_Promod_2020.csv"));
        double max = lines.stream().skip(1).flatMap(l -> Arrays.stream(l.split(",")).skip(3))
                .mapToDouble(Double::parseDouble).max().orElseThrow();
        String[] row = lines.stream().filter(l -> l.startsWith("2020,7,15,")).findFirst().orElseThrow().split(",");
        double expectedMw = Double.parseDouble(row[2 + 200]) / max * 2850.0;
        Instant t = Instant.parse("2020-07-15T16:35:00Z");
        try (Stream<Measurement> s = ArchiveReader.of(root, ArchiveDataset.TELEMETRY)
                .read(Query.between(t, t.plusSeconds(1)).subjects(Set.of("load-zone-2")))) {
            assertThat(s.toList()).singleElement().satisfies(m -> {
                assertThat(m.kind()).isEqualTo(MeasurementKind.ACTIVE_POWER);
                assertThat(m.value()).as("a load withdraws: generator sign convention").isEqualTo(-expectedMw);
                assertThat(m.source().value()).isEqualTo("rts-gmlc");
            });
        }
    }

    @Test
    void importsTheOpsdFranceFileRefusingOnlyItsEmptyCells() throws IOException {
        Path file = sharedFolder("load/opsd-fr").resolve(OpsdFranceLoad.FILE);
        List<String> lines = Files.readAllLines(file);
        List<String> header = List.of(lines.get(0).split(","));
        int loadColumn = header.indexOf(OpsdFranceLoad.ACTUAL_COLUMN);
        int solarColumn = header.indexOf(TelemetryImport.OPSD_SOLAR_COLUMN);
        long emptyCells = lines.stream().skip(1).map(l -> l.split(",", -1))
                .mapToLong(c -> (c[loadColumn].isEmpty() ? 1 : 0) + (c[solarColumn].isEmpty() ? 1 : 0)).sum();
        LongCsvImportTest.Collected heard = new LongCsvImportTest.Collected();

        ImportSummary summary = TelemetryImport.run(root, Format.OPSD, List.of(file),
                TelemetryImport.Settings.of(SourceId.of("opsd")), heard);

        long rows = lines.size() - 1;
        assertThat(summary.rowsRead()).isEqualTo(rows);
        assertThat(summary.recordsRefused()).isEqualTo(emptyCells);
        assertThat(summary.recordsWritten()).isEqualTo(2 * rows - emptyCells);
        assertThat(heard.refusals).hasSize((int) emptyCells).allMatch(r -> r.reason().startsWith("empty cell"));
        assertThat(ArchiveSummary.of(root).datasets().get(0).records()).isEqualTo(2 * rows - emptyCells);
    }
}
