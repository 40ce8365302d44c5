package io.gridai.sim.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The OPSD loader on a small file in the original layout (CRLF line ends) around the 2019 spring DST change
 * (the CET/CEST column jumps an hour, the UTC column does not):
 *
 * <pre>
 *   UTC   22:00  23:00  00:00  01:00  02:00  03:00  04:00  05:00
 *   MW    —      50000  48000  —      —      42000  43000  —
 * </pre>
 */
class OpsdFranceLoadTest {

    @Test
    void fillsInteriorGapsLinearlyAndHoldsTheEnds() {
        LoadedSeries loaded = OpsdFranceLoad.load(TestFiles.resource("opsd/fr_small.csv"));
        TimeSeries s = loaded.series();

        assertThat(s.start()).isEqualTo(Instant.parse("2019-03-30T22:00:00Z"));
        assertThat(s.step()).isEqualTo(Duration.ofHours(1));
        assertThat(s.values()).containsExactly(50000, 50000, 48000, 46000, 44000, 42000, 43000, 43000);
        assertThat(loaded.filled()).isEqualTo(4);
        assertThat(loaded.longestGap()).isEqualTo(2);
    }

    @Test
    void readsAnotherColumnOnRequest() {
        LoadedSeries forecast = OpsdFranceLoad.load(TestFiles.resource("opsd/fr_small.csv"),
                OpsdFranceLoad.FORECAST_COLUMN);
        assertThat(forecast.filled()).isZero();
        assertThat(forecast.series().valueAt(0)).isEqualTo(50500.0);
    }

    @Test
    void aMissingHourIsReportedWithItsLine() {
        assertThatThrownBy(() -> OpsdFranceLoad.load(TestFiles.resource("malformed/opsd_hour_missing.csv")))
                .isInstanceOf(SeriesDataException.class)
                .hasMessageContaining("opsd_hour_missing.csv, line 4, column 'utc_timestamp': timestamp "
                        + "2019-01-01T03:00:00Z where 2019-01-01T02:00:00Z was expected")
                .hasMessageContaining("one row per hour");
    }

    @Test
    void aTimestampWithoutZoneIsReported() {
        assertThatThrownBy(() -> OpsdFranceLoad.load(TestFiles.resource("malformed/opsd_bad_timestamp.csv")))
                .isInstanceOf(SeriesDataException.class)
                .hasMessageContaining("line 3, column 'utc_timestamp': '2019-01-01 01:00' is not a UTC timestamp")
                .hasMessageContaining("e.g. 2015-01-01T00:00:00Z");
    }

    @Test
    void aColumnWithoutAnyValueIsReported() {
        assertThatThrownBy(() -> OpsdFranceLoad.load(TestFiles.resource("malformed/opsd_all_missing.csv")))
                .isInstanceOf(SeriesDataException.class)
                .hasMessageContaining("column 'FR_load_actual_entsoe_transparency' has no value in any row");
    }

    @Test
    void anUnknownColumnIsReported() {
        assertThatThrownBy(() -> OpsdFranceLoad.load(TestFiles.resource("opsd/fr_small.csv"), "DE_load"))
                .isInstanceOf(SeriesDataException.class)
                .hasMessageContaining("fr_small.csv, line 1: the header has no column 'DE_load'");
    }
}
