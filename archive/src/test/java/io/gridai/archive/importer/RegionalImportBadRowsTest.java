package io.gridai.archive.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.gridai.archive.ArchiveReader;
import io.gridai.archive.ArchiveReader.Query;
import io.gridai.archive.importer.TelemetryImport.Format;
import io.gridai.model.Measurement;
import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.id.SourceId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RTS-GMLC and OPSD importers on small files in their real layouts with bad rows: each bad value or row named by
 * line and column, the rest written (RTS-GMLC scaled by the file's largest valid value), a file under an unknown name
 * refused as a whole.
 */
class RegionalImportBadRowsTest {

    @TempDir
    Path dir;

    private List<Measurement> archived(Path root) {
        try (Stream<Measurement> s = ArchiveReader.of(root, ArchiveDataset.TELEMETRY).read(Query.between(
                Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z")))) {
            return s.toList();
        }
    }

    /** A day row of 4 periods (6-hourly): Year,Month,Day,1..4. */
    private static String day(String date, String... values) {
        return date + "," + String.join(",", values);
    }

    @Test
    void rtsGmlcRefusesBadCellsDatesAndRowsAndScalesTheRestByTheFilesLargestValidValue() throws IOException {
        String header = "Year,Month,Day," + IntStream.rangeClosed(1, 4).mapToObj(Integer::toString)
                .collect(Collectors.joining(","));
        Path aps = Files.write(dir.resolve("RT_APS_Promod_2020.csv"), List.of(header,
                day("2020,1,1", "100", "200", "400", "300"),     // 2 good; 400 is the largest
                day("2020,1,2", "100", "x", "-5", "NaN"),        // 3 three bad cells
                day("2020,2,30", "1", "1", "1", "1"),            // 4 not a date
                day("2020,1,1", "1", "1", "1", "1"),             // 5 date again
                "2020,1,3,100"));                                 // 6 missing cells
        Path other = Files.write(dir.resolve("RT_XYZ_2020.csv"), List.of(header));
        LongCsvImportTest.Collected heard = new LongCsvImportTest.Collected();

        ImportSummary summary = TelemetryImport.run(dir.resolve("archive"), Format.RTS_GMLC, List.of(aps, other),
                TelemetryImport.Settings.of(SourceId.of("rts")), heard);

        assertThat(heard.refusals).extracting(Refusal::line, Refusal::column, Refusal::records).containsExactly(
                tuple(3L, "2", 1), tuple(3L, "3", 1), tuple(3L, "4", 1),
                tuple(4L, "Year,Month,Day", 4), tuple(5L, "Year,Month,Day", 4), tuple(6L, "", 4),
                tuple(0L, "", 0));
        assertThat(heard.refusals.get(4).reason()).contains("2020-01-01 was already given on line 2");
        assertThat(heard.refusals.get(6).reason()).contains("RT_APS_Promod_2020.csv (region 1)");
        assertThat(summary.rowsRead()).isEqualTo(5);
        assertThat(summary.rowsRefused()).isEqualTo(4);
        assertThat(summary.recordsWritten()).isEqualTo(5);
        assertThat(summary.recordsRefused()).isEqualTo(15);
        assertThat(summary.filesRefused()).isEqualTo(1);
        List<Double> values = new ArrayList<>();
        archived(dir.resolve("archive")).forEach(m -> {
            assertThat(m.asset().value()).isEqualTo("load-zone-1");
            values.add(m.value());
        });
        assertThat(values).containsExactly(-712.5, -1425.0, -2850.0, -2137.5, -712.5);
    }

    @Test
    void opsdRefusesEmptyAndBadCellsAndBadTimestampsAndWritesLoadNegativeAndSolarPositive() throws IOException {
        Path file = Files.write(dir.resolve("opsd.csv"), List.of(
                "utc_timestamp,cet_cest_timestamp,FR_load_actual_entsoe_transparency,FR_load_forecast_entsoe_transparency,"
                        + "FR_solar_generation_actual",
                "2015-01-01T00:00:00Z,2015-01-01T01:00:00+0100,60000,61000,0",      // 2 good
                "2015-01-01T01:00:00Z,2015-01-01T02:00:00+0100,,61000,0",           // 3 empty load
                "2015-01-01 02:00,2015-01-01T03:00:00+0100,60000,61000,0",          // 4 timestamp
                "2015-01-01T03:00:00Z,2015-01-01T04:00:00+0100,-1,61000,abc"));     // 5 negative, not a number
        LongCsvImportTest.Collected heard = new LongCsvImportTest.Collected();

        ImportSummary summary = TelemetryImport.run(dir.resolve("archive"), Format.OPSD, List.of(file),
                TelemetryImport.Settings.of(SourceId.of("opsd")), heard);

        assertThat(heard.refusals).extracting(Refusal::line, Refusal::column, Refusal::records).containsExactly(
                tuple(3L, "FR_load_actual_entsoe_transparency", 1), tuple(4L, "utc_timestamp", 2),
                tuple(5L, "FR_load_actual_entsoe_transparency", 1), tuple(5L, "FR_solar_generation_actual", 1));
        assertThat(summary.recordsWritten() + summary.recordsRefused()).isEqualTo(4 * 2);
        assertThat(archived(dir.resolve("archive"))).extracting(m -> m.asset().value(), Measurement::value)
                .containsExactly(tuple("gen-zone-fr-pv", 0.0), tuple("load-zone-fr", -60000.0),
                        tuple("gen-zone-fr-pv", 0.0));
    }
}
