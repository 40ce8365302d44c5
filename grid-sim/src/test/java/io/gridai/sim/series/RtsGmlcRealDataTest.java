package io.gridai.sim.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridai.sim.series.RtsGmlcSystem.RtsBattery;
import io.gridai.sim.series.RtsGmlcSystem.RtsBus;
import io.gridai.sim.series.RtsGmlcSystem.RtsGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The loaders on the real RTS-GMLC 2020 files of the shared data set; skipped when it is absent. Expected values
 * come from the files themselves through a simple independent read, not from the loaders.
 */
class RtsGmlcRealDataTest {

    private static final double EXACT = 1e-9;
    private static final Instant JAN_1 = Instant.parse("2020-01-01T00:00:00Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final int LEAP_YEAR_DAYS = 366;
    private static final int PERIODS_PER_DAY = 288;

    @Test
    void realTimeLoadCoversTheLeapYearEveryFiveMinutesPerRegion() throws IOException {
        Path dir = TestFiles.shared("rts-gmlc/timeseries");
        RegionalLoad load = RtsGmlcSeries.realTimeRegionalLoad(dir);

        assertThat(load.regions()).containsExactly("1", "2", "3");
        for (Map.Entry<String, String> region : RtsGmlcSeries.REAL_TIME_LOAD_FILES.entrySet()) {
            List<String> lines = Files.readAllLines(dir.resolve(region.getValue()));
            // the file itself: a header, then one row per day of 2020 incl. 29 February, 288 periods each
            assertThat(lines).hasSize(1 + LEAP_YEAR_DAYS);
            assertThat(lines).anyMatch(line -> line.startsWith("2020,2,29,"));
            assertThat(lines.get(1).split(",")).hasSize(3 + PERIODS_PER_DAY);

            TimeSeries s = load.series(region.getKey());
            assertThat(s.size()).isEqualTo(LEAP_YEAR_DAYS * PERIODS_PER_DAY);
            assertThat(s.step()).isEqualTo(FIVE_MINUTES);
            assertThat(s.start()).isEqualTo(JAN_1);
            assertThat(s.end()).isEqualTo(Instant.parse("2020-12-31T23:55:00Z"));
            assertThat(s.max()).isEqualTo(RtsGmlcSeries.REGION_PEAK_MW);
        }
    }

    @Test
    void theFirstValueIsTheFilesFirstValueOverItsMaximumTimes2850() throws IOException {
        Path dir = TestFiles.shared("rts-gmlc/timeseries");
        RegionalLoad load = RtsGmlcSeries.realTimeRegionalLoad(dir);

        for (Map.Entry<String, String> region : RtsGmlcSeries.REAL_TIME_LOAD_FILES.entrySet()) {
            List<String> lines = Files.readAllLines(dir.resolve(region.getValue()));
            double max = lines.stream().skip(1)
                    .flatMap(line -> List.of(line.trim().split(",")).subList(3, 3 + PERIODS_PER_DAY).stream())
                    .mapToDouble(Double::parseDouble).max().orElseThrow();
            String[] first = lines.get(1).trim().split(",");
            String[] leapDay = lines.get(1 + 59).trim().split(",");
            assertThat(leapDay[2]).isEqualTo("29");

            assertThat(load.regionMw(region.getKey(), JAN_1)).as(region.getValue())
                    .isCloseTo(Double.parseDouble(first[3]) / max * 2850, within(EXACT));
            assertThat(load.regionMw(region.getKey(), Instant.parse("2020-02-29T23:55:00Z"))).as(region.getValue())
                    .isCloseTo(Double.parseDouble(leapDay[3 + 287]) / max * 2850, within(EXACT));
        }
    }

    @Test
    void regionIdsMatchTheDayAheadRegionalLoad() {
        Path dir = TestFiles.shared("rts-gmlc/timeseries");
        RegionalLoad realTime = RtsGmlcSeries.realTimeRegionalLoad(dir);
        RegionalLoad dayAhead = RtsGmlcSeries.dayAheadRegionalLoad(dir);

        // each real-time region's hourly means follow the day-ahead column with the same id more closely
        // than any other column: regions 1, 2, 3 = APS, NEVP, LDWP
        for (String region : realTime.regions()) {
            double[] hourly = hourlyMeans(realTime.series(region));
            String best = dayAhead.regions().stream()
                    .max((a, b) -> Double.compare(correlation(hourly, dayAhead.series(a).values()),
                            correlation(hourly, dayAhead.series(b).values())))
                    .orElseThrow();
            assertThat(best).as("day-ahead column closest to real-time region %s", region).isEqualTo(region);
            assertThat(correlation(hourly, dayAhead.series(region).values())).isGreaterThan(0.95);
        }
    }

    @Test
    void dayAheadLoadIsHourlyForTheYear() {
        RegionalLoad load = RtsGmlcSeries.dayAheadRegionalLoad(TestFiles.shared("rts-gmlc/timeseries"));
        for (String region : load.regions()) {
            TimeSeries s = load.series(region);
            assertThat(s.size()).isEqualTo(LEAP_YEAR_DAYS * 24);
            assertThat(s.step()).isEqualTo(Duration.ofHours(1));
            assertThat(s.start()).isEqualTo(JAN_1);
            assertThat(s.max()).isEqualTo(2850.0);
        }
    }

    @Test
    void realTimeWindHasFourPlantsWithinTheirRatings() {
        Map<String, TimeSeries> wind = RtsGmlcSeries.realTimeWind(TestFiles.shared("rts-gmlc/timeseries"));
        RtsGmlcSystem system = RtsGmlcSystem.load(TestFiles.shared("rts-gmlc/source"));

        assertThat(wind.keySet()).containsExactly("309_WIND_1", "317_WIND_1", "303_WIND_1", "122_WIND_1");
        wind.forEach((uid, s) -> {
            assertThat(s.size()).as(uid).isEqualTo(LEAP_YEAR_DAYS * PERIODS_PER_DAY);
            assertThat(s.step()).isEqualTo(FIVE_MINUTES);
            assertThat(s.min()).as(uid).isGreaterThanOrEqualTo(0);
            assertThat(s.max()).as(uid).isPositive().isLessThanOrEqualTo(system.generator(uid).pMaxMw() + 1e-6);
        });
        assertThat(wind.get("309_WIND_1").at(JAN_1)).isEqualTo(146.0);
    }

    @Test
    void pvIsZeroAtNightAndPositiveAtNoonInSummer() {
        Map<String, TimeSeries> pv = RtsGmlcSeries.dayAheadPv(TestFiles.shared("rts-gmlc/timeseries"));

        assertThat(pv).hasSize(25);
        Instant midnight = Instant.parse("2020-06-21T00:00:00Z");
        Instant noon = Instant.parse("2020-06-21T12:00:00Z");
        pv.forEach((uid, s) -> {
            assertThat(s.size()).as(uid).isEqualTo(LEAP_YEAR_DAYS * 24);
            assertThat(s.at(midnight)).as("%s at midnight", uid).isZero();
            assertThat(s.at(noon)).as("%s at noon", uid).isPositive();
        });
    }

    @Test
    void hydroIsHourlyPerPlant() {
        Map<String, TimeSeries> hydro = RtsGmlcSeries.dayAheadHydro(TestFiles.shared("rts-gmlc/timeseries"));
        assertThat(hydro).hasSize(20).containsKey("122_HYDRO_1");
        hydro.values().forEach(s -> assertThat(s.size()).isEqualTo(LEAP_YEAR_DAYS * 24));
    }

    @Test
    void everySeriesColumnIsAGeneratorOfTheSystem() {
        Path dir = TestFiles.shared("rts-gmlc/timeseries");
        RtsGmlcSystem system = RtsGmlcSystem.load(TestFiles.shared("rts-gmlc/source"));
        Set<String> uids = system.generators().stream().map(RtsGenerator::uid).collect(Collectors.toSet());

        assertThat(uids).containsAll(RtsGmlcSeries.realTimeWind(dir).keySet())
                .containsAll(RtsGmlcSeries.dayAheadPv(dir).keySet())
                .containsAll(RtsGmlcSeries.dayAheadHydro(dir).keySet());
    }

    @Test
    void busSharesOfEachAreaSumToOne() {
        RtsGmlcSystem system = RtsGmlcSystem.load(TestFiles.shared("rts-gmlc/source"));

        assertThat(system.buses()).hasSize(73);
        assertThat(system.generators()).hasSize(158);
        Map<Integer, Double> shareByArea = system.buses().stream().collect(
                Collectors.groupingBy(RtsBus::area, Collectors.summingDouble(b -> system.busLoadShare(b.id()))));
        assertThat(shareByArea).containsOnlyKeys(1, 2, 3);
        shareByArea.forEach((area, sum) -> assertThat(sum).as("area %d", area).isCloseTo(1.0, within(1e-9)));
        for (int area = 1; area <= 3; area++) {
            assertThat(system.areaLoadMw(area)).as("base-case load of area %d", area).isCloseTo(2850.0, within(1e-9));
        }
        assertThat(system.bus(101).name()).isEqualTo("Abel");
        assertThat(system.busLoadShare(101)).isCloseTo(108.0 / 2850, within(1e-12));
    }

    @Test
    void theBatteryIs50MwAnd150Mwh() {
        RtsGmlcSystem system = RtsGmlcSystem.load(TestFiles.shared("rts-gmlc"));

        assertThat(system.batteries()).containsExactly(new RtsBattery("313_STORAGE_1", 313, 50, 50, 150, 75, 0.85));
        assertThat(system.storage()).filteredOn(s -> s.genUid().equals("313_STORAGE_1")).hasSize(2);
    }

    private static double[] hourlyMeans(TimeSeries fiveMinute) {
        double[] values = fiveMinute.values();
        double[] hourly = new double[values.length / 12];
        for (int h = 0; h < hourly.length; h++) {
            for (int k = 0; k < 12; k++) {
                hourly[h] += values[h * 12 + k] / 12;
            }
        }
        return hourly;
    }

    private static double correlation(double[] a, double[] b) {
        assertThat(a).hasSameSizeAs(b);
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.length; i++) {
            meanA += a[i] / a.length;
            meanB += b[i] / b.length;
        }
        double cov = 0;
        double varA = 0;
        double varB = 0;
        for (int i = 0; i < a.length; i++) {
            cov += (a[i] - meanA) * (b[i] - meanB);
            varA += (a[i] - meanA) * (a[i] - meanA);
            varB += (b[i] - meanB) * (b[i] - meanB);
        }
        return cov / Math.sqrt(varA * varB);
    }
}
