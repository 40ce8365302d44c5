package io.gridai.inference.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Best guesses for a backtest's country and time zone when the user gives neither: the country from an
 * Open Power System Data style column name ({@code FR_load_actual_entsoe_transparency} → {@code FR}) when the
 * holiday calendar knows it, and the zone from the system's time-zone table ({@code zone1970.tab}) when the
 * country has exactly one zone. Both are told to the user; options always win.
 */
public final class ZoneGuess {

    private static final Pattern COUNTRY_PREFIX = Pattern.compile("^([A-Za-z]{2})_.+");
    private static final List<Path> ZONE_TABLES = List.of(Path.of("/usr/share/zoneinfo/zone1970.tab"),
            Path.of("/usr/share/zoneinfo/zone.tab"));

    private ZoneGuess() {
    }

    /** The country an OPSD-style column name starts with, if the holiday calendar knows it. */
    public static Optional<String> countryOfColumn(String column) {
        Matcher m = COUNTRY_PREFIX.matcher(column.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        String code = m.group(1).toUpperCase(Locale.ROOT);
        return Holidays.known(code) ? Optional.of(code) : Optional.empty();
    }

    /** The single time zone of {@code country} in the system's zone table, if it has exactly one. */
    public static Optional<ZoneId> zoneOfCountry(String country) {
        for (Path table : ZONE_TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            try {
                List<String> zones = Files.readAllLines(table).stream()
                        .filter(line -> !line.startsWith("#"))
                        .map(line -> line.split("\t"))
                        .filter(cols -> cols.length >= 3 && List.of(cols[0].split(",")).contains(country))
                        .map(cols -> cols[2]).distinct().toList();
                return zones.size() == 1 ? Optional.of(ZoneId.of(zones.get(0))) : Optional.empty();
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
