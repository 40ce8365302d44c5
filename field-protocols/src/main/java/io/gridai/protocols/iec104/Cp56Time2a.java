package io.gridai.protocols.iec104;

/**
 * CP56Time2a: milliseconds (0–59999) of the minute, minute, hour, day of month, day of week, month, year (2000 +
 * 0–99), with the invalid (IV) and summer time (SU) bits. Field values out of range are printed as sent, not
 * corrected, so a bad clock stays visible.
 */
public record Cp56Time2a(int year, int month, int day, int dayOfWeek, int hour, int minute, int millis, boolean invalid,
        boolean summerTime) {

    static Cp56Time2a decode(byte[] f, int at) {
        int ms = (f[at] & 0xff) | (f[at + 1] & 0xff) << 8;
        return new Cp56Time2a(2000 + (f[at + 6] & 0x7f), f[at + 5] & 0x0f, f[at + 4] & 0x1f, (f[at + 4] & 0xe0) >> 5,
                f[at + 3] & 0x1f, f[at + 2] & 0x3f, ms, (f[at + 2] & 0x80) != 0, (f[at + 3] & 0x80) != 0);
    }

    /** ISO-8601 local date-time, e.g. {@code 2019-03-07T10:15:02.345} (IEC 104 times carry no zone). */
    public String text() {
        return String.format("%04d-%02d-%02dT%02d:%02d:%02d.%03d", year, month, day, hour, minute, millis / 1000,
                millis % 1000);
    }
}
