package io.gridai.sim.series;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Built-in per-unit shapes that drive the twin when no data files are at hand: a daily load shape, and wind
 * and solar availability. All are pure functions of their arguments: the same time, zone, seed and place give
 * the same value on every run and machine.
 *
 * <p><b>Load</b> ({@link #perUnit(Instant, ZoneId)}), per unit of the weekday peak: a winter-weekday shape
 * ({@link #dailyShape(double)}) with a night trough of 0.65 around 03:00–04:00, a morning ramp from 06:00 to a
 * 0.90 plateau at 08:00–12:00, an afternoon dip to 0.85 at 15:00 and the evening peak of 1.0 at 18:00, falling to
 * 0.74 at midnight; times are local clock time in the given zone. It is multiplied by a day factor
 * ({@link #dayFactor(DayOfWeek)}): 1.0 Monday–Friday, 0.90 Saturday, 0.85 Sunday. Between the hourly knots the
 * shape is cosine-interpolated: smooth (continuous slope) and never outside the knots' range, so values stay
 * within [0.55, 1].
 *
 * <p><b>Wind</b> ({@link #windPerUnit(Instant, long)}), per unit of the plant's rating: a wind speed made of two
 * layers of seeded value noise (knots every 12 h and every 3 h, smoothly interpolated) between 0 and 14 m/s, put
 * through a power curve with cut-in 3 m/s and rated speed 12 m/s (cubic in between). It varies over hours, not
 * seconds, and is 0 or 1 for some stretches as real plants are.
 *
 * <p><b>Solar</b> ({@link #solarPerUnit(Instant, double, double)}), per unit of the plant's rating: clear-sky
 * output ≈ the sine of the sun's elevation (1 with the sun at the zenith), from the solar declination of the
 * day of year and the hour angle of local solar time (UTC + longitude / 15 h; the equation of time, at most
 * ±16 min, is ignored). Zero while the sun is below the horizon, so zero at night.
 */
public final class BuiltInProfile {

    /** Winter-weekday load at the start of each hour 00..23, per unit of the weekday peak. */
    private static final double[] HOURLY = {
        0.74, 0.70, 0.67, 0.65, 0.65, 0.67, 0.74, 0.84, 0.90, 0.90, 0.90, 0.90,
        0.90, 0.88, 0.86, 0.85, 0.87, 0.94, 1.00, 0.99, 0.94, 0.88, 0.83, 0.78,
    };

    /** Saturday load relative to a weekday. */
    public static final double SATURDAY_FACTOR = 0.90;
    /** Sunday load relative to a weekday. */
    public static final double SUNDAY_FACTOR = 0.85;

    /** Wind speed at which a plant starts to produce, m/s. */
    public static final double WIND_CUT_IN_MS = 3.0;
    /** Wind speed from which a plant produces its rating, m/s. */
    public static final double WIND_RATED_MS = 12.0;
    /** Highest wind speed of the built-in wind, m/s. */
    public static final double WIND_MAX_MS = 14.0;

    private static final long SLOW_KNOT_SECONDS = 12 * 3600;
    private static final long FAST_KNOT_SECONDS = 3 * 3600;
    private static final double SLOW_WEIGHT = 0.65;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private BuiltInProfile() {
    }

    /**
     * Load at {@code t}, per unit of the weekday peak, in [0.55, 1]: {@link #dailyShape(double)} at the local
     * time of day in {@code zone} × {@link #dayFactor(DayOfWeek)} of the local day.
     */
    public static double perUnit(Instant t, ZoneId zone) {
        Objects.requireNonNull(zone, "zone must not be null; e.g. ZoneId.of(\"Europe/Paris\")");
        ZonedDateTime local = t.atZone(zone);
        double hour = local.getHour() + local.getMinute() / 60.0 + (local.getSecond() + local.getNano() / 1e9) / 3600.0;
        return dailyShape(hour) * dayFactor(local.getDayOfWeek());
    }

    /**
     * The winter-weekday shape at a local time of day, per unit of the peak: 0.65 at the night trough, 1.0 at the
     * 18:00 peak.
     *
     * @param hourOfDay local time of day in hours, [0, 24); other values wrap around the day
     */
    public static double dailyShape(double hourOfDay) {
        if (!Double.isFinite(hourOfDay)) {
            throw new IllegalArgumentException("hour of day must be finite but was " + hourOfDay);
        }
        double h = hourOfDay - 24.0 * Math.floor(hourOfDay / 24.0);
        int knot = Math.min((int) h, 23);
        double a = HOURLY[knot];
        double b = HOURLY[(knot + 1) % 24];
        return cosine(a, b, h - knot);
    }

    /** Load of a day relative to a weekday: 1.0 Monday–Friday, {@value #SATURDAY_FACTOR} Saturday,
     * {@value #SUNDAY_FACTOR} Sunday. */
    public static double dayFactor(DayOfWeek day) {
        return switch (day) {
            case SATURDAY -> SATURDAY_FACTOR;
            case SUNDAY -> SUNDAY_FACTOR;
            default -> 1.0;
        };
    }

    /**
     * Available wind power at {@code t}, per unit of the plant's rating, in [0, 1]; see the class comment.
     *
     * @param seed selects the weather: plants with different seeds vary independently, the same seed gives the
     *             same values
     */
    public static double windPerUnit(Instant t, long seed) {
        return windPower(windSpeedMs(t, seed));
    }

    /** The built-in wind speed at {@code t}, m/s, in [0, {@value #WIND_MAX_MS}]. */
    public static double windSpeedMs(Instant t, long seed) {
        double slow = valueNoise(t, seed, SLOW_KNOT_SECONDS, 1);
        double fast = valueNoise(t, seed, FAST_KNOT_SECONDS, 2);
        return WIND_MAX_MS * (SLOW_WEIGHT * slow + (1 - SLOW_WEIGHT) * fast);
    }

    /** The built-in power curve: per unit of rating at a wind speed in m/s (0 below cut-in, 1 from rated up). */
    public static double windPower(double speedMs) {
        if (speedMs <= WIND_CUT_IN_MS) {
            return 0;
        }
        if (speedMs >= WIND_RATED_MS) {
            return 1;
        }
        double cutIn3 = WIND_CUT_IN_MS * WIND_CUT_IN_MS * WIND_CUT_IN_MS;
        double rated3 = WIND_RATED_MS * WIND_RATED_MS * WIND_RATED_MS;
        return (speedMs * speedMs * speedMs - cutIn3) / (rated3 - cutIn3);
    }

    /**
     * Clear-sky solar output at {@code t} at a place, per unit of the plant's rating, in [0, 1]; 0 at night.
     *
     * @param latitudeDeg  degrees north, [-90, 90]
     * @param longitudeDeg degrees east, [-180, 180]
     */
    public static double solarPerUnit(Instant t, double latitudeDeg, double longitudeDeg) {
        if (!(longitudeDeg >= -180 && longitudeDeg <= 180)) {
            throw new IllegalArgumentException("longitude must be within [-180, 180] degrees east but was "
                    + longitudeDeg);
        }
        // local mean solar time: UTC shifted by 4 minutes per degree of longitude
        ZonedDateTime solar = t.plusNanos(Math.round(longitudeDeg / 15.0 * 3_600e9)).atZone(ZoneOffset.UTC);
        double solarHour = solar.getHour() + solar.getMinute() / 60.0
                + (solar.getSecond() + solar.getNano() / 1e9) / 3600.0;
        int dayOfYear = solar.getDayOfYear();
        return clearSkyPerUnit(latitudeDeg, dayOfYear, solarHour);
    }

    /**
     * Clear-sky solar output, per unit of rating: max(0, sine of the sun's elevation).
     *
     * @param latitudeDeg degrees north, [-90, 90]
     * @param dayOfYear   1..366
     * @param solarHour   local solar time, hours [0, 24); 12 = solar noon
     */
    public static double clearSkyPerUnit(double latitudeDeg, int dayOfYear, double solarHour) {
        if (!(latitudeDeg >= -90 && latitudeDeg <= 90)) {
            throw new IllegalArgumentException("latitude must be within [-90, 90] degrees north but was "
                    + latitudeDeg);
        }
        if (dayOfYear < 1 || dayOfYear > 366) {
            throw new IllegalArgumentException("day of year must be within 1..366 but was " + dayOfYear);
        }
        if (!(solarHour >= 0 && solarHour < 24)) {
            throw new IllegalArgumentException("solar hour must be within [0, 24) but was " + solarHour);
        }
        double declination = Math.toRadians(23.44) * Math.sin(2 * Math.PI * (284 + dayOfYear) / 365.0);
        double latitude = Math.toRadians(latitudeDeg);
        double hourAngle = Math.toRadians(15.0 * (solarHour - 12.0));
        double sinElevation = Math.sin(latitude) * Math.sin(declination)
                + Math.cos(latitude) * Math.cos(declination) * Math.cos(hourAngle);
        return Math.max(0.0, Math.min(1.0, sinElevation));
    }

    private static double cosine(double a, double b, double fraction) {
        return a + (b - a) * (1 - Math.cos(Math.PI * fraction)) / 2;
    }

    /** Seeded value noise in [0, 1]: hashed values at knots every {@code knotSeconds}, smoothstep in between. */
    private static double valueNoise(Instant t, long seed, long knotSeconds, long layer) {
        long knot = Math.floorDiv(t.getEpochSecond(), knotSeconds);
        double fraction = (Math.floorMod(t.getEpochSecond(), knotSeconds) + t.getNano() / 1e9) / knotSeconds;
        double a = hash01(seed, layer, knot);
        double b = hash01(seed, layer, knot + 1);
        double s = fraction * fraction * (3 - 2 * fraction);
        return a + (b - a) * s;
    }

    /** SplitMix64 of (seed, layer, knot) mapped to [0, 1). */
    private static double hash01(long seed, long layer, long knot) {
        return (mix(mix(seed) + GOLDEN * (layer * 0x632BE59BD9B4E019L + knot)) >>> 11) * 0x1.0p-53;
    }

    private static long mix(long value) {
        long z = value + GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
