package io.gridai.cli;

import io.gridai.inference.features.Holidays;
import io.gridai.inference.features.ZoneGuess;
import io.gridai.inference.series.SeriesCsv;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The load (and weather) history options the forecast commands share, and what they resolve to. */
final class LoadDataOptions {

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "Hourly (or finer) load CSV.")
    Path csv;

    @Option(names = "--time-column", required = true, paramLabel = "NAME",
            description = "Timestamp column (ISO 8601; without an offset it is UTC unless --local-timestamps).")
    String timeColumn;

    @Option(names = "--load-column", required = true, paramLabel = "NAME", description = "Load column (MW).")
    String loadColumn;

    @Option(names = "--weather-csv", paramLabel = "FILE", description = "Hourly weather CSV (observed temperature).")
    Path weatherCsv;

    @Option(names = "--weather-time-column", paramLabel = "NAME",
            description = "Timestamp column of --weather-csv (default: --time-column).")
    String weatherTimeColumn;

    @Option(names = "--temperature-column", paramLabel = "NAME", description = "Temperature column (°C) of --weather-csv.")
    String temperatureColumn;

    @Option(names = "--zone", paramLabel = "ZONE",
            description = "IANA time zone of local time, e.g. Europe/Paris (default: the country's only zone when"
                    + " known, else UTC).")
    ZoneId zone;

    @Option(names = "--country", paramLabel = "CC",
            description = "ISO country whose public holidays are features (default: from an OPSD-style load column"
                    + " name such as FR_load_…, else none). 'none' for no holidays.")
    String country;

    @Option(names = "--local-timestamps", description = "Timestamps without an offset are in --zone, not UTC.")
    boolean localTimestamps;

    /** The data as read, with the country and zone resolved (and told on {@code err} when guessed). */
    record Resolved(SeriesCsv.Loaded load, SeriesCsv.Loaded weather, String country, ZoneId zone) {
    }

    Resolved resolve(PrintWriter err) throws IOException {
        if (weatherCsv != null && temperatureColumn == null) {
            throw new IllegalArgumentException("--weather-csv needs --temperature-column to say which column holds °C");
        }
        String holidays = resolveCountry(err);
        ZoneId local = resolveZone(holidays, err);
        ZoneId naive = localTimestamps ? local : ZoneOffset.UTC;
        SeriesCsv.Loaded load = SeriesCsv.read(csv, timeColumn, loadColumn, naive);
        SeriesCsv.Loaded weather = weatherCsv == null ? null
                : SeriesCsv.read(weatherCsv, weatherTimeColumn(), temperatureColumn, naive);
        return new Resolved(load, weather, holidays, local);
    }

    String weatherTimeColumn() {
        return weatherTimeColumn == null ? timeColumn : weatherTimeColumn;
    }

    String resolveCountry(PrintWriter err) {
        if (country != null) {
            if (country.equalsIgnoreCase("none")) {
                return "";
            }
            Holidays.of(country); // refuses an unknown country with a clear message
            return country.toUpperCase(Locale.ROOT);
        }
        String guess = ZoneGuess.countryOfColumn(loadColumn).orElse("");
        err.println(guess.isEmpty() ? "no --country: no public holidays as features"
                : "no --country: using public holidays of " + guess + " (from the column name " + loadColumn + ")");
        return guess;
    }

    ZoneId resolveZone(String holidays, PrintWriter err) {
        if (zone != null) {
            return zone;
        }
        ZoneId guess = holidays.isEmpty() ? null : ZoneGuess.zoneOfCountry(holidays).orElse(null);
        err.println(guess == null ? "no --zone: local time is UTC (give --zone for calendar features in local time)"
                : "no --zone: local time is " + guess + ", the only time zone of " + holidays);
        return guess == null ? ZoneOffset.UTC : guess;
    }
}
