package io.gridai.archive.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.archive.ArchiveReader;
import io.gridai.archive.ArchiveReader.Query;
import io.gridai.archive.importer.TelemetryImport.Format;
import io.gridai.model.Measurement;
import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.MeasurementId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generic long CSV import: good rows written once and read back; every bad row named with its line and why. */
class LongCsvImportTest {

    private static final SourceId FEED = SourceId.of("history-a");

    @TempDir
    Path dir;

    /** A listener that fails the test on any refusal. */
    static ImportListener noRefusals() {
        return new ImportListener() {
            @Override
            public void progress(ImportProgress p) {
            }

            @Override
            public void refused(Refusal r) {
                throw new AssertionError("unexpected refusal: " + r.describe());
            }
        };
    }

    /** Collects what the import reports. */
    static final class Collected implements ImportListener {
        final List<Refusal> refusals = new ArrayList<>();
        final List<ImportProgress> progress = new ArrayList<>();

        @Override
        public void progress(ImportProgress p) {
            progress.add(p);
        }

        @Override
        public void refused(Refusal r) {
            refusals.add(r);
        }
    }

    private Path csv(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    private List<Measurement> archived(Path root) {
        try (Stream<Measurement> s = ArchiveReader.of(root, ArchiveDataset.TELEMETRY).read(Query.between(
                Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z")))) {
            return s.toList();
        }
    }

    @Test
    void writesTheGoodRowsOnceAndRefusesEachBadRowWithItsLineAndReason() throws IOException {
        Path file = csv("mixed.csv",
                "timestamp,asset,kind,value,unit",                                 // 1
                "2020-03-01T00:10:00Z,load-101,ACTIVE_POWER,-2500,kW",              // 2 good (kW → MW)
                "2020-03-01T00:05:00Z,bus-101,VOLTAGE,138.2,kV",                    // 3 good, earlier
                "2020-03-01 00:05,bus-101,VOLTAGE,138.2,kV",                        // 4 timestamp
                "2020-03-01T00:05:00Z,bus-101,VOLTS,138.2,kV",                      // 5 kind
                "2020-03-01T00:05:00Z,bus-101,VOLTAGE,138.2,kilovolt",              // 6 unit
                "2020-03-01T00:05:00Z,load-101,ACTIVE_POWER,5,kV",                  // 7 dimension
                "2020-03-01T00:05:00Z,load-101,ACTIVE_POWER,NaN,MW",                // 8 NaN
                "2020-03-01T00:05:00Z,load-101,ACTIVE_POWER,Infinity,MW",           // 9 infinite
                "2020-03-01T00:05:00Z,load-101,ACTIVE_POWER",                       // 10 missing columns
                "2020-03-01T00:05:00Z,bess-1,STATE_OF_CHARGE,140,%",                // 11 out of range
                "2020-03-01T00:05:00Z,bus 101,VOLTAGE,138.2,kV",                    // 12 asset id
                "",                                                                // 13 blank: not a row
                "2020-03-01T01:05:00+01:00,gen-1,FREQUENCY,50.01,Hz");              // 14 good (offset)
        Collected heard = new Collected();

        ImportSummary summary = TelemetryImport.run(dir.resolve("archive"), Format.LONG_CSV, List.of(file),
                TelemetryImport.Settings.of(FEED), heard);

        assertThat(heard.refusals).extracting(Refusal::line, Refusal::column)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(4L, "timestamp"),
                        org.assertj.core.groups.Tuple.tuple(5L, "kind"),
                        org.assertj.core.groups.Tuple.tuple(6L, "unit"),
                        org.assertj.core.groups.Tuple.tuple(7L, "unit"),
                        org.assertj.core.groups.Tuple.tuple(8L, "value"),
                        org.assertj.core.groups.Tuple.tuple(9L, "value"),
                        org.assertj.core.groups.Tuple.tuple(10L, ""),
                        org.assertj.core.groups.Tuple.tuple(11L, "value"),
                        org.assertj.core.groups.Tuple.tuple(12L, "asset"));
        assertThat(heard.refusals.get(0).reason()).contains("'2020-03-01 00:05' is not an ISO-8601 instant");
        assertThat(heard.refusals.get(1).reason()).contains("unknown kind 'VOLTS'");
        assertThat(heard.refusals.get(2).reason()).contains("unknown unit 'kilovolt'");
        assertThat(heard.refusals.get(3).reason()).contains("ACTIVE_POWER value cannot be in kV");
        assertThat(heard.refusals.get(4).reason()).contains("not a finite number");
        assertThat(heard.refusals.get(6).reason()).contains("3 cells but the header has 5");
        assertThat(heard.refusals.get(7).reason()).contains("outside 0..100 %");
        assertThat(heard.refusals.get(0).describe()).startsWith(file + ":4 column timestamp: ");
        assertThat(summary.rowsRead()).isEqualTo(12);
        assertThat(summary.rowsRefused()).isEqualTo(9);
        assertThat(summary.recordsWritten()).isEqualTo(3);
        assertThat(summary.recordsRefused()).isEqualTo(9);
        assertThat(summary.complete()).isFalse();
        assertThat(heard.progress).last().satisfies(p -> assertThat(p.rowsRead()).isEqualTo(12));

        Instant t5 = Instant.parse("2020-03-01T00:05:00Z");
        Instant t10 = Instant.parse("2020-03-01T00:10:00Z");
        assertThat(archived(dir.resolve("archive"))).containsExactly(
                new Measurement(MeasurementId.derive(FEED, AssetId.of("bus-101"), MeasurementKind.VOLTAGE, t5), FEED,
                        AssetId.of("bus-101"), MeasurementKind.VOLTAGE, 138.2, java.util.Set.of(), t5, t5),
                new Measurement(MeasurementId.derive(FEED, AssetId.of("gen-1"), MeasurementKind.FREQUENCY, t5), FEED,
                        AssetId.of("gen-1"), MeasurementKind.FREQUENCY, 50.01, java.util.Set.of(), t5, t5),
                new Measurement(MeasurementId.derive(FEED, AssetId.of("load-101"), MeasurementKind.ACTIVE_POWER, t10),
                        FEED, AssetId.of("load-101"), MeasurementKind.ACTIVE_POWER, -2.5, java.util.Set.of(), t10, t10));
    }

    @Test
    void theSameFileImportedTwiceGivesTheSameIdsAndAnIdenticalRecordPair() throws IOException {
        Path file = csv("one.csv", "asset,timestamp,kind,unit,value",
                "load-101,2020-03-01T00:10:00Z,ACTIVE_POWER,MW,-3.5");
        Path root = dir.resolve("archive");
        TelemetryImport.run(root, Format.LONG_CSV, List.of(file), TelemetryImport.Settings.of(FEED),
                ImportListener.none());
        ImportSummary second = TelemetryImport.run(root, Format.LONG_CSV, List.of(file),
                TelemetryImport.Settings.of(FEED), ImportListener.none());

        assertThat(second.complete()).isTrue();
        List<Measurement> read = archived(root);
        assertThat(read).hasSize(2);
        assertThat(read.get(0)).isEqualTo(read.get(1));
    }

    @Test
    void aFileWithAnotherHeaderIsRefusedAsAWholeAndTheNextFileStillImports() throws IOException {
        Path wrong = csv("wrong.csv", "time,asset,kind,value,unit", "2020-03-01T00:10:00Z,load-101,ACTIVE_POWER,1,MW");
        Path right = csv("right.csv", "timestamp,asset,kind,value,unit",
                "2020-03-01T00:10:00Z,load-101,ACTIVE_POWER,1,MW");
        Collected heard = new Collected();

        ImportSummary summary = TelemetryImport.run(dir.resolve("archive"), Format.LONG_CSV, List.of(wrong, right),
                TelemetryImport.Settings.of(FEED), heard);

        assertThat(summary.filesRefused()).isEqualTo(1);
        assertThat(summary.recordsWritten()).isEqualTo(1);
        assertThat(heard.refusals).singleElement().satisfies(r -> {
            assertThat(r.file()).isEqualTo(wrong);
            assertThat(r.line()).isZero();
            assertThat(r.reason()).contains("exactly the columns [timestamp, asset, kind, value, unit]");
        });
    }
}
