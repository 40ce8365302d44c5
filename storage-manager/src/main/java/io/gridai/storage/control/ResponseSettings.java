package io.gridai.storage.control;

import java.time.Duration;

/**
 * Fast frequency response: droop beyond a dead band, reacting on every frequency measurement.
 *
 * @param enabled             whether the fleet responds at all
 * @param nominalHz           f0
 * @param deadBandHz          no response while |f − f0| is at most this
 * @param sustain             how long a unit must be able to hold its reserve power: the energy held back from the
 *                            schedule is reserve MW × sustain
 * @param maxFrequencyAge     a frequency reading older than this (service clock) gets no response
 * @param plausibleDeviationHz a reading further than this from f0 is treated as a bad measurement, not a grid event
 */
public record ResponseSettings(boolean enabled, double nominalHz, double deadBandHz, Duration sustain,
        Duration maxFrequencyAge, double plausibleDeviationHz) {

    public ResponseSettings {
        if (!(nominalHz > 0) || !(deadBandHz >= 0) || !(plausibleDeviationHz > deadBandHz)) {
            throw new IllegalArgumentException("frequency response: need nominal > 0, dead band >= 0 and a plausible"
                    + " deviation above the dead band; got " + nominalHz + " Hz, " + deadBandHz + " Hz, "
                    + plausibleDeviationHz + " Hz");
        }
        if (sustain.isNegative() || maxFrequencyAge.isNegative() || maxFrequencyAge.isZero()) {
            throw new IllegalArgumentException("frequency response: sustain must be >= 0 and the frequency's max age"
                    + " positive; got " + sustain + " and " + maxFrequencyAge);
        }
    }

    /** ΔP (MW, generator sign) a unit with gain {@code k} MW/Hz asks for at frequency {@code hz}, before limits. */
    public double droopMw(double k, double hz) {
        double deviation = hz - nominalHz;
        if (!enabled || Math.abs(deviation) <= deadBandHz || Math.abs(deviation) > plausibleDeviationHz) {
            return 0;
        }
        return -k * (deviation - Math.signum(deviation) * deadBandHz);
    }
}
