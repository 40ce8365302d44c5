package io.gridai.protocols.c37118;

import java.util.List;

/**
 * One PMU's block of a configuration frame. {@code nominalHz} is 50 or 60 (FNOM bit 0). The CFG-3-only fields
 * ({@code globalPmuId}, position, service class, window, group delay) are empty, NaN or 0 for CFG-1/2.
 */
public record PmuConfig(String station, int idcode, String globalPmuId, DataFormat format, List<PhasorChannel> phasors,
        List<AnalogChannel> analogs, List<DigitalWord> digitals, int nominalHz, int cfgcnt, double latitude,
        double longitude, double elevation, String serviceClass, int window, int groupDelay) {

    public PmuConfig {
        phasors = List.copyOf(phasors);
        analogs = List.copyOf(analogs);
        digitals = List.copyOf(digitals);
    }

    /** Bytes of this PMU's block in a data frame. */
    public long dataBytes() {
        return format.dataBytes(phasors.size(), analogs.size(), digitals.size());
    }
}
