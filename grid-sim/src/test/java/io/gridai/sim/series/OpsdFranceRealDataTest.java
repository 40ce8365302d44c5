package io.gridai.sim.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OPSD France file of the shared data set; skipped when it is absent. */
class OpsdFranceRealDataTest {

    @Test
    void isHourlyOver2015To2019WithAPlausibleMeanAndItsGapsFilled() throws IOException {
        Path file = TestFiles.shared("load/opsd-fr/" + OpsdFranceLoad.FILE);
        LoadedSeries loaded = OpsdFranceLoad.load(file);
        TimeSeries s = loaded.series();

        // 2015-01-01 00:00 CET to 2019-12-31 23:00 CET, every hour
        assertThat(s.step()).isEqualTo(Duration.ofHours(1));
        assertThat(s.start()).isEqualTo(Instant.parse("2014-12-31T23:00:00Z"));
        assertThat(s.end()).isEqualTo(Instant.parse("2019-12-31T22:00:00Z"));
        assertThat(s.size()).isEqualTo((365 * 5 + 1) * 24);
        assertThat(s.mean()).as("mean load, MW").isBetween(40_000.0, 70_000.0);
        assertThat(s.min()).isPositive();

        // the filled count is the number of empty cells in the load column, counted independently
        List<String> lines = Files.readAllLines(file);
        int column = List.of(lines.get(0).split(",")).indexOf(OpsdFranceLoad.ACTUAL_COLUMN);
        long empty = lines.stream().skip(1).map(line -> line.split(",", -1)[column].trim()).filter(String::isEmpty)
                .count();
        assertThat(empty).isPositive();
        assertThat(loaded.filled()).isEqualTo(empty);
        assertThat(loaded.longestGap()).isPositive().isLessThanOrEqualTo(loaded.filled());
    }
}
