package io.gridai.inference.features;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Public holidays of one country (from Jollyday's calendars), or none. Caches years as they are asked for. */
public final class Holidays {

    private static final Holidays NONE = new Holidays("", null);

    private final String country;
    private final HolidayManager manager;
    private final Map<Integer, Set<LocalDate>> years = new HashMap<>();

    private Holidays(String country, HolidayManager manager) {
        this.country = country;
        this.manager = manager;
    }

    /** No holidays: every day is an ordinary day. */
    public static Holidays none() {
        return NONE;
    }

    /**
     * The public holidays of {@code country} (ISO 3166 alpha-2, e.g. {@code FR}); {@code ""} or null means none.
     *
     * @throws IllegalArgumentException when the calendar library has no calendar for the country
     */
    public static Holidays of(String country) {
        if (country == null || country.isBlank()) {
            return NONE;
        }
        String code = country.trim().toUpperCase(Locale.ROOT);
        try {
            return new Holidays(code, HolidayManager.getInstance(ManagerParameters.create(code.toLowerCase(Locale.ROOT))));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("no public-holiday calendar for country '" + country
                    + "'; give an ISO 3166 alpha-2 code such as FR, DE or US, or leave --country out for none", e);
        }
    }

    /** Whether the calendar library knows {@code country}. */
    public static boolean known(String country) {
        return country != null && HolidayManager.getSupportedCalendarCodes().stream()
                .anyMatch(code -> code.equalsIgnoreCase(country.trim()));
    }

    /** The ISO code, or {@code ""} for none. */
    public String country() {
        return country;
    }

    public synchronized boolean isHoliday(LocalDate date) {
        if (manager == null) {
            return false;
        }
        return years.computeIfAbsent(date.getYear(), y -> manager.getHolidays(Year.of(y)).stream()
                .filter(h -> h.getType() == HolidayType.PUBLIC_HOLIDAY)
                .map(Holiday::getActualDate).collect(Collectors.toSet())).contains(date);
    }
}
