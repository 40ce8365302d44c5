package io.gridai.inference.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.inference.series.HourlySeries;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureBuilderTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** Load = hours since the start, so every lag is recognisable. */
    private static HourlySeries ramp(Instant start, int hours) {
        double[] v = new double[hours];
        for (int i = 0; i < hours; i++) {
            v[i] = i;
        }
        return new HourlySeries(start, v);
    }

    @Test
    void dayAheadLagsOnlyUseHoursOverByTheIssueTime() {
        Instant start = Instant.parse("2019-01-01T00:00:00Z");
        HourlySeries load = ramp(start, 24 * 30);
        FeatureBuilder b = new FeatureBuilder(List.of("load_same_hour_last_known_day", "load_same_hour_last_week",
                "load_last", "lead_hours", "hour"), PARIS, Holidays.none());
        DayAhead schedule = new DayAhead(PARIS, LocalTime.of(10, 0));
        LocalDate day = LocalDate.of(2019, 1, 20);
        Instant issue = schedule.issueFor(day); // 2019-01-19T09:00Z
        float[] row = new float[5];
        for (Instant target : schedule.targets(day)) {
            b.fill(load, null, issue, target, row, 0);
            int targetIndex = load.indexOf(target);
            int issueIndex = load.indexOf(issue);
            // every load feature is an hour that ended by the issue time
            assertThat(row[0]).isLessThanOrEqualTo(issueIndex - 1);
            assertThat(row[1]).isLessThanOrEqualTo(issueIndex - 1);
            assertThat(row[2]).isEqualTo(issueIndex - 1);
            assertThat((targetIndex - (int) row[0]) % 24).isZero();
            assertThat(targetIndex - (int) row[1]).isEqualTo(168);
            assertThat(row[3]).isEqualTo((float) java.time.Duration.between(issue, target).toHours());
        }
        // local midnight of the day is 23:00 UTC the day before: 15 h after a 09:00 UTC issue, 24 h back is known
        b.fill(load, null, issue, schedule.targets(day).get(0), row, 0);
        assertThat(row[4]).isZero();
        assertThat(load.indexOf(schedule.targets(day).get(0)) - (int) row[0]).isEqualTo(24);
        // 23:00 local: 24 h back is after the issue, so 48 h back
        b.fill(load, null, issue, schedule.targets(day).get(23), row, 0);
        assertThat(row[4]).isEqualTo(23);
        assertThat(load.indexOf(schedule.targets(day).get(23)) - (int) row[0]).isEqualTo(48);
    }

    @Test
    void daylightSavingDaysHave23And25HoursAndLocalHours() {
        DayAhead schedule = new DayAhead(PARIS, DayAhead.DEFAULT_ISSUE_TIME);
        assertThat(schedule.targets(LocalDate.of(2019, 3, 31))).hasSize(23);
        assertThat(schedule.targets(LocalDate.of(2019, 10, 27))).hasSize(25);
        assertThat(schedule.targets(LocalDate.of(2019, 6, 1))).hasSize(24);
        assertThat(schedule.issueFor(LocalDate.of(2019, 6, 1))).isEqualTo(Instant.parse("2019-05-31T08:00:00Z"));
        FeatureBuilder b = new FeatureBuilder(List.of("hour"), PARIS, Holidays.none());
        HourlySeries load = ramp(Instant.parse("2019-10-01T00:00:00Z"), 24 * 40);
        float[] row = new float[1];
        List<Instant> fallBack = schedule.targets(LocalDate.of(2019, 10, 27));
        int[] hours = new int[fallBack.size()];
        for (int i = 0; i < hours.length; i++) {
            b.fill(load, null, schedule.issueFor(LocalDate.of(2019, 10, 27)), fallBack.get(i), row, 0);
            hours[i] = (int) row[0];
        }
        assertThat(hours).startsWith(0, 1, 2, 2, 3).endsWith(23);
    }

    @Test
    void holidaysAndWeatherFeatures() {
        FeatureBuilder b = new FeatureBuilder(List.of("holiday", "holiday_adjacent", "temperature",
                "temperature_delta_week", "weekday"), PARIS, Holidays.of("FR"));
        Instant start = Instant.parse("2019-04-01T00:00:00Z");
        HourlySeries load = ramp(start, 24 * 60);
        HourlySeries temperature = ramp(start, 24 * 60);
        float[] row = new float[5];
        Instant mayDayNoon = Instant.parse("2019-05-01T10:00:00Z");
        b.fill(load, temperature, mayDayNoon.minusSeconds(26 * 3600), mayDayNoon, row, 0);
        assertThat(row[0]).isEqualTo(1);
        assertThat(row[2]).isEqualTo(temperature.indexOf(mayDayNoon));
        assertThat(row[3]).isEqualTo(168);
        assertThat(row[4]).isEqualTo(3); // Wednesday
        Instant mayThird = Instant.parse("2019-05-02T10:00:00Z");
        b.fill(load, temperature, mayThird.minusSeconds(26 * 3600), mayThird, row, 0);
        assertThat(row[0]).isZero();
        assertThat(row[1]).isEqualTo(1);
        FeatureBuilder noWeather = new FeatureBuilder(List.of("temperature"), PARIS, Holidays.none());
        noWeather.fill(load, null, mayDayNoon.minusSeconds(3600), mayDayNoon, row, 0);
        assertThat(row[0]).isNaN();
    }

    @Test
    void unknownFeatureNamesAreRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> new FeatureBuilder(List.of("hour", "humidity"), PARIS, Holidays.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown feature 'humidity'").hasMessageContaining("temperature_mean_24h");
        assertThat(Feature.defaults(false)).noneMatch(n -> n.startsWith("temperature"));
        assertThat(Feature.defaults(true)).contains("temperature", "temperature_smooth_day");
    }

    @Test
    void guessesCountryAndZoneFromOpsdColumnNames() {
        assertThat(ZoneGuess.countryOfColumn("FR_load_actual_entsoe_transparency")).contains("FR");
        assertThat(ZoneGuess.countryOfColumn("load")).isEmpty();
        assertThat(ZoneGuess.countryOfColumn("zz_load")).isEmpty();
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(
                java.nio.file.Path.of("/usr/share/zoneinfo/zone1970.tab")), "no system time-zone table here");
        assertThat(ZoneGuess.zoneOfCountry("FR")).contains(PARIS);
        assertThat(ZoneGuess.zoneOfCountry("US")).isEmpty();
    }
}
