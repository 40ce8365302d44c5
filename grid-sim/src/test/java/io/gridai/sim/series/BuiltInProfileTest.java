package io.gridai.sim.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BuiltInProfileTest {

    private static final double EXACT = 1e-12;
    /** A Wednesday in winter. */
    private static final Instant WEDNESDAY = Instant.parse("2020-01-15T00:00:00Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final long DAY_STEPS = 288;

    @Test
    void theWeekdayShapeHasItsTroughAtNightAndItsPeakInTheEvening() {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        int hourOfMin = -1;
        int hourOfMax = -1;
        for (int i = 0; i < DAY_STEPS; i++) {
            Instant t = WEDNESDAY.plus(FIVE_MINUTES.multipliedBy(i));
            double v = BuiltInProfile.perUnit(t, ZoneOffset.UTC);
            if (v < min) {
                min = v;
                hourOfMin = i / 12;
            }
            if (v > max) {
                max = v;
                hourOfMax = i / 12;
            }
        }
        assertThat(max).isEqualTo(1.0);
        assertThat(hourOfMax).isEqualTo(18);
        assertThat(min).isCloseTo(0.65, within(EXACT));
        assertThat(hourOfMin).isBetween(3, 4);
        assertThat(BuiltInProfile.dailyShape(8)).isGreaterThan(BuiltInProfile.dailyShape(5) + 0.2); // morning ramp
    }

    @Test
    void staysWithinZeroAndOneAndMovesSmoothlyOverAWeek() {
        double previous = BuiltInProfile.perUnit(WEDNESDAY, ZoneOffset.UTC);
        for (int i = 1; i < 7 * 24 * 60; i++) {
            double v = BuiltInProfile.perUnit(WEDNESDAY.plus(Duration.ofMinutes(i)), ZoneOffset.UTC);
            assertThat(v).isBetween(0.55, 1.0);
            if (i % (24 * 60) != 0) { // the day factor may step at local midnight
                assertThat(Math.abs(v - previous)).as("change in minute %d", i).isLessThan(0.005);
            }
            previous = v;
        }
    }

    @Test
    void weekendsAreLowerThanWeekdays() {
        Instant wednesdayEvening = Instant.parse("2020-01-15T18:00:00Z");
        Instant saturdayEvening = Instant.parse("2020-01-18T18:00:00Z");
        Instant sundayEvening = Instant.parse("2020-01-19T18:00:00Z");
        assertThat(BuiltInProfile.perUnit(saturdayEvening, ZoneOffset.UTC)).isCloseTo(0.90, within(EXACT));
        assertThat(BuiltInProfile.perUnit(sundayEvening, ZoneOffset.UTC)).isCloseTo(0.85, within(EXACT));
        assertThat(BuiltInProfile.perUnit(wednesdayEvening, ZoneOffset.UTC)).isEqualTo(1.0);
        assertThat(BuiltInProfile.dayFactor(DayOfWeek.FRIDAY)).isEqualTo(1.0);
    }

    @Test
    void usesLocalTimeInTheGivenZone() {
        // 17:00 UTC is 18:00 in Paris in winter: the Paris peak
        Instant t = Instant.parse("2020-01-15T17:00:00Z");
        assertThat(BuiltInProfile.perUnit(t, ZoneId.of("Europe/Paris"))).isEqualTo(1.0);
        assertThat(BuiltInProfile.perUnit(t, ZoneOffset.UTC)).isCloseTo(0.94, within(EXACT));
    }

    @Test
    void solarIsZeroAtNightAndPeaksAtSolarNoon() {
        Instant midsummer = Instant.parse("2020-06-21T00:00:00Z");
        assertThat(BuiltInProfile.solarPerUnit(midsummer, 45, 0)).isZero();
        assertThat(BuiltInProfile.solarPerUnit(midsummer.plus(Duration.ofHours(12)), 45, 0))
                .isCloseTo(Math.sin(Math.toRadians(90 - 45 + 23.44)), within(1e-3));
        for (int day = 1; day <= 366; day += 5) {
            assertThat(BuiltInProfile.clearSkyPerUnit(45, day, 0)).as("midnight of day %d", day).isZero();
            assertThat(BuiltInProfile.clearSkyPerUnit(45, day, 12)).as("noon of day %d", day).isPositive();
            assertThat(BuiltInProfile.clearSkyPerUnit(45, day, 9)).as("symmetric about noon, day %d", day)
                    .isCloseTo(BuiltInProfile.clearSkyPerUnit(45, day, 15), within(EXACT));
        }
        // 90° east: solar noon is at 06:00 UTC
        assertThat(BuiltInProfile.solarPerUnit(Instant.parse("2020-06-21T06:00:00Z"), 45, 90))
                .isCloseTo(BuiltInProfile.clearSkyPerUnit(45, 173, 12), within(EXACT));
    }

    @Test
    void solarDaysAreLongerInSummerThanInWinter() {
        assertThat(daylightHours(172)).isBetween(15.0, 16.0);
        assertThat(daylightHours(355)).isBetween(8.5, 9.0);
    }

    @Test
    void windIsDeterministicForASeedAndDiffersBetweenSeeds() {
        int differing = 0;
        for (int i = 0; i < DAY_STEPS * 7; i++) {
            Instant t = WEDNESDAY.plus(FIVE_MINUTES.multipliedBy(i));
            double a = BuiltInProfile.windPerUnit(t, 42);
            assertThat(BuiltInProfile.windPerUnit(t, 42)).isEqualTo(a);
            if (Math.abs(BuiltInProfile.windPerUnit(t, 43) - a) > 0.05) {
                differing++;
            }
        }
        assertThat(differing).isGreaterThan((int) DAY_STEPS);
    }

    @Test
    void windStaysWithinZeroAndOneAndVariesSlowly() {
        double previous = BuiltInProfile.windPerUnit(WEDNESDAY, 7);
        double sum = 0;
        int steps = (int) DAY_STEPS * 365;
        for (int i = 1; i <= steps; i++) {
            double v = BuiltInProfile.windPerUnit(WEDNESDAY.plus(FIVE_MINUTES.multipliedBy(i)), 7);
            assertThat(v).isBetween(0.0, 1.0);
            assertThat(Math.abs(v - previous)).as("change in 5 min at step %d", i).isLessThan(0.1);
            sum += v;
            previous = v;
        }
        assertThat(sum / steps).as("capacity factor").isBetween(0.2, 0.6);
    }

    @Test
    void theWindPowerCurveHasCutInAndRatedSpeeds() {
        assertThat(BuiltInProfile.windPower(2.9)).isZero();
        assertThat(BuiltInProfile.windPower(12.0)).isEqualTo(1.0);
        assertThat(BuiltInProfile.windPower(7.5)).isBetween(0.2, 0.3);
    }

    @Test
    void rejectsPlacesOffTheGlobe() {
        assertThatThrownBy(() -> BuiltInProfile.solarPerUnit(WEDNESDAY, 91, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latitude");
        assertThatThrownBy(() -> BuiltInProfile.solarPerUnit(WEDNESDAY, 45, 200))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longitude");
    }

    private static double daylightHours(int dayOfYear) {
        int minutes = 0;
        for (int m = 0; m < 24 * 60; m++) {
            if (BuiltInProfile.clearSkyPerUnit(45, dayOfYear, m / 60.0) > 0) {
                minutes++;
            }
        }
        return minutes / 60.0;
    }
}
