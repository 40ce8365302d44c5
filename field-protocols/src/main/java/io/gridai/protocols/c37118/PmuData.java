package io.gridai.protocols.c37118;

import java.util.List;

/**
 * One PMU's block of a data frame. {@code frequencyHz} is the measured frequency, {@code freqDeviationMilliHz} its
 * deviation from nominal (integer FREQ is sent as that deviation; float FREQ as the frequency itself, C37.118.2-2011
 * 6.3), {@code rocof} in Hz/s. Analogs are scaled by the configuration; digitals are the raw 16-bit words.
 * {@code freqRaw}, {@code dfreqRaw} and {@code analogsRaw} are the numbers as sent (integers unscaled).
 */
public record PmuData(PmuConfig config, Stat stat, List<Phasor> phasors, double frequencyHz, double freqDeviationMilliHz,
        double rocof, List<Double> analogs, List<Integer> digitals, double freqRaw, double dfreqRaw,
        List<Double> analogsRaw) {

    public PmuData {
        phasors = List.copyOf(phasors);
        analogs = List.copyOf(analogs);
        digitals = List.copyOf(digitals);
        analogsRaw = List.copyOf(analogsRaw);
    }
}
