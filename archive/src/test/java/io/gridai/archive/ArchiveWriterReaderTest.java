package io.gridai.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.archive.ArchiveReader.Query;
import io.gridai.model.Forecast;
import io.gridai.model.Measurement;
import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.id.ZoneId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import io.gridai.model.wire.SchemaHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive's writer and reader on real files: the layout's partitions, the event-time order whatever the files,
 * hidden files ignored, no overwrite, an older schema version still read, the summary.
 */
class ArchiveWriterReaderTest {

    /** 23:50 the day before, so that the records span two dates. */
    private static final Instant T0 = Instant.parse("2026-03-01T23:50:00Z");
    private static final Instant ALL_FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant ALL_TO = Instant.parse("2027-01-01T00:00:00Z");

    @TempDir
    Path root;

    /** 3 feeds × 4 assets × 2 kinds × 40 minutes, several records at the same instant. */
    private static List<Measurement> records() {
        List<Measurement> records = new ArrayList<>();
        for (String feed : List.of("twin", "scada-b", "pmu")) {
            for (int asset = 0; asset < 4; asset++) {
                for (MeasurementKind kind : List.of(MeasurementKind.ACTIVE_POWER, MeasurementKind.VOLTAGE)) {
                    for (int minute = 0; minute < 40; minute++) {
                        Instant t = T0.plus(Duration.ofMinutes(minute));
                        records.add(Measurement.of(SourceId.of(feed), AssetId.of("load-10" + asset), kind,
                                feed.length() + asset + minute / 10.0, kind.unit(), t, t));
                    }
                }
            }
        }
        return records;
    }

    private void write(Path into, List<Measurement> records, String writerId, int maxOpenFiles) {
        try (ArchiveWriter<Measurement> writer = ArchiveWriter.open(into, ArchiveDataset.TELEMETRY, writerId,
                new ArchiveWriter.Settings(maxOpenFiles, ArchiveWriter.Settings.defaults().codec()))) {
            records.forEach(writer::write);
        }
    }

    private static List<Measurement> readAll(Path root) {
        try (Stream<Measurement> s = ArchiveReader.of(root, ArchiveDataset.TELEMETRY).read(Query.between(ALL_FROM, ALL_TO))) {
            return s.toList();
        }
    }

    @Test
    void writesOneFilePerDateAndFeedAndReadsEveryRecordBackInEventTimeOrder() throws IOException {
        List<Measurement> records = records();
        write(root, records, "w1", 32);

        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList())
                    .hasSize(6)
                    .allMatch(p -> p.matches("telemetry/date=2026-03-0[12]/feed=(twin|scada-b|pmu)/part-w1-\\d+\\.avro"));
        }
        List<Measurement> read = readAll(root);
        assertThat(read).containsExactlyInAnyOrderElementsOf(records);
        for (int i = 1; i < read.size(); i++) {
            assertThat(read.get(i).eventTime()).isAfterOrEqualTo(read.get(i - 1).eventTime());
        }
    }

    @Test
    void theOrderIsTheSameWhateverTheFilesTheirNamesAndTheOrderInside() {
        List<Measurement> records = records();
        write(root.resolve("a"), records, "one", 32);
        List<Measurement> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, new Random(11));
        // one open file at a time: every switch of partition starts a new file, so many small files
        for (int part = 0; part < 3; part++) {
            write(root.resolve("b"), shuffled.subList(part * shuffled.size() / 3, (part + 1) * shuffled.size() / 3),
                    "zz" + (9 - part), 1);
        }

        List<Measurement> a = readAll(root.resolve("a"));
        List<Measurement> b = readAll(root.resolve("b"));
        assertThat(b).hasSize(records.size()).isEqualTo(a);
        assertThat(readAll(root.resolve("a"))).isEqualTo(a);
    }

    @Test
    void readsOnlyTheRangeAssetsAndFeedsAsked() {
        write(root, records(), "w1", 32);
        Instant from = T0.plus(Duration.ofMinutes(5));
        Instant to = T0.plus(Duration.ofMinutes(15));
        try (Stream<Measurement> s = ArchiveReader.of(root, ArchiveDataset.TELEMETRY)
                .read(Query.between(from, to).subjects(Set.of("load-101")).feeds(Set.of("PMU")))) {
            List<Measurement> read = s.toList();
            assertThat(read).hasSize(10 * 2).allMatch(m -> m.asset().value().equals("load-101")
                    && m.source().value().equals("pmu") && !m.eventTime().isBefore(from) && m.eventTime().isBefore(to));
        }
    }

    @Test
    void hiddenAndMarkerFilesAreNotRead() throws IOException {
        write(root, records(), "w1", 32);
        List<Measurement> before = readAll(root);
        Path feedDir = root.resolve("telemetry/date=2026-03-02/feed=twin");
        Path visible;
        try (Stream<Path> files = Files.list(feedDir)) {
            visible = files.findFirst().orElseThrow();
        }
        // an in-progress file of the Flink sink, a hidden part and a marker, each a copy of a real part
        Files.copy(visible, feedDir.resolve(".part-abc-0.avro.inprogress"));
        Files.copy(visible, feedDir.resolve(".part-abc-1.avro"));
        Files.copy(visible, feedDir.resolve("_part-abc-2.avro"));

        assertThat(readAll(root)).isEqualTo(before);
        assertThat(ArchiveSummary.of(root).datasets().get(0).files()).isEqualTo(6);
    }

    @Test
    void neverOverwritesAFileAndLeavesNoHiddenFileBehind() throws IOException {
        write(root, records(), "same", 32);
        assertThatThrownBy(() -> write(root, records(), "same", 32))
                .isInstanceOf(ArchiveException.class)
                .hasMessageContaining("already exists").hasMessageContaining("newWriterId");
        assertThat(readAll(root)).hasSize(records().size());
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("."))).isEmpty();
        }
    }

    @Test
    void aCorruptFileOrARecordOutsideItsDatePartitionIsAnErrorNamingTheFile() throws IOException {
        write(root, records(), "w1", 32);
        Path corrupt = root.resolve("telemetry/date=2026-03-01/feed=twin/part-other-0.avro");
        Files.writeString(corrupt, "not avro");
        assertThatThrownBy(() -> readAll(root)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining(corrupt.toString()).hasMessageContaining("Move it out of the archive");
        Files.delete(corrupt);

        Path dayOne = root.resolve("telemetry/date=2026-03-01/feed=twin");
        Path misplaced = root.resolve("telemetry/date=2026-03-05/feed=twin/part-moved-0.avro");
        Files.createDirectories(misplaced.getParent());
        try (Stream<Path> files = Files.list(dayOne)) {
            Files.copy(files.findFirst().orElseThrow(), misplaced);
        }
        assertThatThrownBy(() -> readAll(root)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining(misplaced.toString()).hasMessageContaining("not of its date partition 2026-03-05");
    }

    @Test
    void aFileOfAnOlderSchemaVersionStillReads() throws IOException {
        Forecast forecast = Forecast.of(ZoneId.of("zone-1"), MeasurementKind.ACTIVE_POWER,
                Instant.parse("2026-03-01T12:00:00Z"), Duration.ofHours(1), List.of(0.1, 0.5, 0.9),
                List.of(List.of(-110.0, -100.0, -90.0), List.of(-120.0, -105.0, -95.0)), "lgbm-3");
        Schema v1 = SchemaHistory.FORECAST.schemas().get(0);
        GenericRecord current = ArchiveDataset.FORECASTS.format().mapper().toRecord(forecast);
        GenericRecord old = new GenericData.Record(v1);
        v1.getFields().forEach(f -> old.put(f.name(), current.get(f.name())));
        Path dir = root.resolve("forecasts/date=2026-03-01/feed=lgbm-3");
        Files.createDirectories(dir);
        try (DataFileWriter<GenericRecord> out = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(v1))) {
            out.create(v1, dir.resolve("written-by-v1.avro").toFile());
            out.append(old);
        }

        try (Stream<Forecast> s = ArchiveReader.of(root, ArchiveDataset.FORECASTS).read(Query.between(ALL_FROM, ALL_TO))) {
            // v1 has no madeAt: it reads as 0, which the model takes as the issue time
            assertThat(s.toList()).singleElement().satisfies(f -> {
                assertThat(f.steps()).isEqualTo(forecast.steps());
                assertThat(f.zone()).isEqualTo(forecast.zone());
                assertThat(f.issueTime()).isEqualTo(forecast.issueTime());
            });
        }
    }

    @Test
    void theSummaryCountsDatesFeedsFilesAndRecords() {
        write(root, records(), "w1", 32);
        ArchiveSummary summary = ArchiveSummary.of(root);
        assertThat(summary.datasets()).singleElement().satisfies(d -> {
            assertThat(d.dataset()).isEqualTo("telemetry");
            assertThat(d.dates()).isEqualTo(2);
            assertThat(d.firstDate()).hasToString("2026-03-01");
            assertThat(d.feeds()).containsExactly("pmu", "scada-b", "twin");
            assertThat(d.files()).isEqualTo(6);
            assertThat(d.records()).isEqualTo(records().size());
            assertThat(d.bytes()).isPositive();
        });
        assertThat(ArchiveSummary.of(root.resolve("absent")).datasets()).isEmpty();
    }

    @Test
    void aMeasurementInAnyPowerUnitIsStoredInMegawatts() {
        Measurement m = Measurement.of(SourceId.of("twin"), AssetId.of("load-101"), MeasurementKind.ACTIVE_POWER,
                2500, Unit.KILOWATT, T0, T0);
        write(root, List.of(m), "w1", 32);
        assertThat(readAll(root)).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(2.5));
    }
}
