package io.gridai.sim.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The RTS-GMLC series loaders on small files in the original layouts ({@code src/test/resources/series/rts}; the
 * real-time profiles stored as {@code synthetic-RT_<region>.csv}, see {@link TestFiles#rtsTimeseries()}),
 * so they are tested without the shared data set.
 *
 * <p>The real-time profiles cover 2020-02-28 and the leap day 2020-02-29, 288 periods each; period {@code p}
 * holds base + p with bases APS 1000/2000, NEVP 500/400, LDWP 3000/3100, so the file maxima are 2288, 788 and
 * 3388.
 */
class RtsGmlcSeriesTest {

    private static final double EXACT = 1e-9;
    private static final Path SERIES = TestFiles.rtsTimeseries();
    private static final Instant FEB_28 = Instant.parse("2020-02-28T00:00:00Z");

    @Test
    void realTimeLoadIsScaledSoEachRegionPeaksAt2850Mw() {
        RegionalLoad load = RtsGmlcSeries.realTimeRegionalLoad(SERIES);

        assertThat(load.regions()).containsExactly("1", "2", "3");
        for (String region : load.regions()) {
            TimeSeries s = load.series(region);
            assertThat(s.size()).as("region %s", region).isEqualTo(2 * 288);
            assertThat(s.step()).isEqualTo(Duration.ofMinutes(5));
            assertThat(s.start()).isEqualTo(FEB_28);
            assertThat(s.end()).isEqualTo(Instant.parse("2020-02-29T23:55:00Z"));
            assertThat(s.max()).isEqualTo(2850.0);
        }
        // APS (region 1): 2020-02-28 period 1 = 1001, file max 2288
        assertThat(load.regionMw("1", FEB_28)).isCloseTo(1001.0 / 2288 * 2850, within(EXACT));
        // NEVP (region 2): leap day period 1 (00:00) = 401, file max 788 (day 1, period 288)
        assertThat(load.regionMw("2", Instant.parse("2020-02-29T00:00:00Z")))
                .isCloseTo(401.0 / 788 * 2850, within(EXACT));
        // LDWP (region 3): halfway between periods 2 and 3 of the leap day
        assertThat(load.regionMw("3", Instant.parse("2020-02-29T00:07:30Z")))
                .isCloseTo(3102.5 / 3388 * 2850, within(EXACT));
    }

    @Test
    void aDailyRowProfileStaysInTheFilesUnits() {
        TimeSeries aps = RtsGmlcSeries.dailyRowProfile(SERIES.resolve("RT_APS_Promod_2020.csv"));
        assertThat(aps.valueAt(0)).isEqualTo(1001.0);
        assertThat(aps.valueAt(287)).isEqualTo(1288.0);
        assertThat(aps.valueAt(288)).isEqualTo(2001.0);
        assertThat(aps.max()).isEqualTo(2288.0);
    }

    @Test
    void dayAheadLoadIsHourlyFromPeriodOneAtMidnight() {
        RegionalLoad load = RtsGmlcSeries.dayAheadRegionalLoad(SERIES);

        TimeSeries region3 = load.series("3");
        assertThat(region3.size()).isEqualTo(48);
        assertThat(region3.step()).isEqualTo(Duration.ofHours(1));
        assertThat(region3.start()).isEqualTo(FEB_28);
        assertThat(load.regionMw("1", Instant.parse("2020-02-29T05:00:00Z"))).isEqualTo(100.0 + 29);
        assertThat(load.regionMw("3", Instant.parse("2020-02-28T00:30:00Z"))).isCloseTo(301.0, within(EXACT));
    }

    @Test
    void theFileItselfOrItsFolderCanBeGiven() {
        assertThat(RtsGmlcSeries.dayAheadRegionalLoad(SERIES.resolve(RtsGmlcSeries.DAY_AHEAD_LOAD_FILE)))
                .isEqualTo(RtsGmlcSeries.dayAheadRegionalLoad(SERIES));
    }

    @Test
    void realTimeWindIsFiveMinutePerGenerator() {
        Map<String, TimeSeries> wind = RtsGmlcSeries.realTimeWind(SERIES);

        assertThat(wind).containsOnlyKeys("309_WIND_1", "122_WIND_1");
        assertThat(wind.keySet()).containsExactly("309_WIND_1", "122_WIND_1");
        TimeSeries w = wind.get("122_WIND_1");
        assertThat(w.size()).isEqualTo(288);
        assertThat(w.step()).isEqualTo(Duration.ofMinutes(5));
        assertThat(w.start()).isEqualTo(Instant.parse("2020-07-01T00:00:00Z"));
        assertThat(w.at(Instant.parse("2020-07-01T01:00:00Z"))).isEqualTo(2.0 * 13);
    }

    @Test
    void pvAndHydroAreHourlyPerGenerator() {
        TimeSeries pv = RtsGmlcSeries.dayAheadPv(SERIES).get("101_PV_1");
        assertThat(pv.at(Instant.parse("2020-07-01T00:00:00Z"))).isZero();
        assertThat(pv.at(Instant.parse("2020-07-01T12:00:00Z"))).isEqualTo(50.0);

        TimeSeries hydro = RtsGmlcSeries.dayAheadHydro(SERIES).get("122_HYDRO_1");
        assertThat(hydro.size()).isEqualTo(24);
        assertThat(hydro.valueAt(23)).isEqualTo(42.4);
    }

    @Test
    void aCellThatIsNotANumberIsReportedWithFileLineAndColumn() {
        Path file = TestFiles.resource("malformed/RT_bad_number.csv");
        assertThatThrownBy(() -> RtsGmlcSeries.dailyRowProfile(file))
                .isInstanceOf(SeriesDataException.class)
                .hasMessageContaining("RT_bad_number.csv, line 3, column '2': 'x' is not a finite number")
                .hasMessageContaining("correct the cell or remove the row")
                .satisfies(e -> {
                    SeriesDataException error = (SeriesDataException) e;
                    assertThat(error.line()).isEqualTo(3);
                    assertThat(error.file()).contains(file);
                });
    }

    @Test
    void aMissingDayIsReported() {
        assertThatThrownBy(() -> RtsGmlcSeries.dailyRowProfile(TestFiles.resource("malformed/RT_day_gap.csv")))
                .isInstanceOf(SeriesDataException.class)
                .hasMessageContaining("RT_day_gap.csv, line 3: date 2020-01-03 follows 2020-01-01")
                .hasMessageContaining("one row per day, in order, without gaps");
    }

    @Test
    void aDailyRowHeaderMustNumberThePeriods() {
        assertThatThrownBy(() -> RtsGmlcSeries.dailyRowProfile(TestFiles.resource("malformed/RT_bad_header.csv")))
                .isInstanceOf(SeriesDataException.class)
                .hasMessageContaining("RT_bad_header.csv, line 1: column 6 is '4' but should be period '3'");
    }

    @Test
    void theStepOfADailyRowProfileFollowsFromItsNumberOfPeriods() {
        TimeSeries s = RtsGmlcSeries.dailyRowProfile(TestFiles.resource("six_hourly_profile.csv"));
        assertThat(s.step()).isEqualTo(Duration.ofHours(6));
        assertThat(s.size()).isEqualTo(8);
        assertThat(s.at(Instant.parse("2021-01-01T00:00:00Z"))).isEqualTo(50.0);
        assertThat(s.at(Instant.parse("2020-12-31T21:00:00Z"))).isCloseTo(45.0, within(EXACT));
    }

    @Test
    void aMissingPeriodIsReported() {
        assertThatThrownBy(() -> RtsGmlcSeries.periodColumns(TestFiles.resource("malformed/DA_period_gap.csv"),
                Duration.ofHours(1)))
                .isInstanceOf(SeriesDataException.class)
                .hasMessageContaining("DA_period_gap.csv, line 4: this row is for 2020-01-01T03:00:00Z")
                .hasMessageContaining("2020-01-01T02:00:00Z was expected");
    }

    @Test
    void aShortRowIsReported() {
        assertThatThrownBy(() -> RtsGmlcSeries.periodColumns(TestFiles.resource("malformed/DA_short_row.csv"),
                Duration.ofHours(1)))
                .isInstanceOf(SeriesDataException.class)
                .hasMessageContaining("DA_short_row.csv, line 3: 5 cells but the header has 6");
    }

    @Test
    void aPeriodOutsideTheDayIsReported() {
        assertThatThrownBy(() -> RtsGmlcSeries.periodColumns(
                TestFiles.resource("malformed/DA_period_out_of_range.csv"), Duration.ofHours(1)))
                .isInstanceOf(SeriesDataException.class)
                .hasMessageContaining("line 3, column 'Period': period 25 is outside 1..24");
    }

    @Test
    void anImpossibleDateIsReported() {
        assertThatThrownBy(() -> RtsGmlcSeries.periodColumns(TestFiles.resource("malformed/DA_bad_date.csv"),
                Duration.ofHours(1)))
                .isInstanceOf(SeriesDataException.class)
                .hasMessageContaining("DA_bad_date.csv, line 2: Year,Month,Day 2019,2,29 is not a date");
    }

    @Test
    void aFileWithoutRowsIsReported() {
        assertThatThrownBy(() -> RtsGmlcSeries.periodColumns(TestFiles.resource("malformed/DA_header_only.csv"),
                Duration.ofHours(1)))
                .isInstanceOf(SeriesDataException.class)
                .hasMessageContaining("DA_header_only.csv has a header but no data rows");
    }

    @Test
    void aMissingFileIsReportedWithWhatToDo() {
        Path nowhere = SERIES.resolve("no-such-folder");
        assertThatThrownBy(() -> RtsGmlcSeries.realTimeRegionalLoad(nowhere))
                .isInstanceOf(SeriesDataException.class)
                .hasMessageContaining("RT_APS_Promod_2020.csv does not exist; check the path");
    }

    @Test
    void aFileInAnotherLayoutIsReported() {
        assertThatThrownBy(() -> RtsGmlcSeries.realTimeWind(SERIES.resolve("RT_APS_Promod_2020.csv")))
                .isInstanceOf(SeriesDataException.class)
                .hasMessageContaining("line 1: the header must start with [Year, Month, Day, Period]");
    }
}
