package io.gridai.inference.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.inference.train.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesCsvTest {

    @TempDir(factory = TestDirs.UnderTmp.class)
    Path dir;

    @Test
    void readsOffsetsDuplicatesGapsAndSubHourlyRows() throws Exception {
        Path csv = dir.resolve("load.csv");
        Files.writeString(csv, """
                time;load
                2019-03-31T00:00:00+0100;100
                2019-03-31T01:00:00+01:00;110
                2019-03-31T01:00:00Z;999
                2019-03-31 03:00;
                2019-03-31T04:00:00Z;130
                2019-03-31T04:30:00Z;150
                not a time;5
                2019-03-31T05:00:00Z;abc
                2019-03-31T06:00:00Z;160
                """.replace(';', ','));
        SeriesCsv.Loaded loaded = SeriesCsv.read(csv, "time", "load", ZoneOffset.UTC);
        HourlySeries s = loaded.series();
        assertThat(s.start()).isEqualTo(Instant.parse("2019-03-30T23:00:00Z"));
        assertThat(s.at(Instant.parse("2019-03-30T23:00:00Z"))).isEqualTo(100);
        assertThat(s.at(Instant.parse("2019-03-31T00:00:00Z"))).isEqualTo(110);
        assertThat(s.at(Instant.parse("2019-03-31T01:00:00Z"))).isEqualTo(999);
        assertThat(s.at(Instant.parse("2019-03-31T04:00:00Z"))).isEqualTo(140); // 04:00 and 04:30 averaged
        assertThat(s.at(Instant.parse("2019-03-31T05:00:00Z"))).isNaN();
        assertThat(s.at(Instant.parse("2019-03-31T06:00:00Z"))).isEqualTo(160);
        SeriesCsv.Report r = loaded.report();
        assertThat(r.rows()).isEqualTo(9);
        assertThat(r.badTimestamps()).isEqualTo(1);
        assertThat(r.emptyValues()).isEqualTo(2);
        assertThat(r.averagedIntoHour()).isEqualTo(1);
        assertThat(r.missingHours()).isEqualTo(3); // 02:00, 03:00 and 05:00 UTC
        assertThat(r.duplicates()).isZero();
    }

    @Test
    void countsDuplicateTimestampsAndKeepsTheFirst() throws Exception {
        Path csv = dir.resolve("dups.csv");
        Files.writeString(csv, "t,v\n2020-01-01 00:00,1\n2020-01-01 00:00,2\n2020-01-01 01:00,3\n");
        SeriesCsv.Loaded loaded = SeriesCsv.read(csv, "t", "v", ZoneOffset.UTC);
        assertThat(loaded.report().duplicates()).isEqualTo(1);
        assertThat(loaded.series().at(Instant.parse("2020-01-01T00:00:00Z"))).isEqualTo(1);
    }

    @Test
    void naiveTimestampsAreReadInTheGivenZone() throws Exception {
        Path csv = dir.resolve("local.csv");
        Files.writeString(csv, "t,v\n2020-07-01T12:00,1\n");
        assertThat(SeriesCsv.read(csv, "t", "v", ZoneId.of("Europe/Paris")).series().start())
                .isEqualTo(Instant.parse("2020-07-01T10:00:00Z"));
    }

    @Test
    void namesTheColumnsWhenOneIsMissing() throws Exception {
        Path csv = dir.resolve("cols.csv");
        Files.writeString(csv, "when,mw\n2020-01-01,1\n");
        assertThatThrownBy(() -> SeriesCsv.read(csv, "time", "mw", ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column 'time'").hasMessageContaining("[when, mw]");
    }
}
