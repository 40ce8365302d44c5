package io.gridai.archive.importer;

import io.gridai.model.unit.MeasurementKind;
import java.util.Optional;

/**
 * The limits a value of a kind has by the kind's own definition in grid-model ({@link MeasurementKind}'s
 * documentation), in the kind's canonical unit: magnitudes are not negative, a state of charge is 0–100 %. These are
 * physical limits, not a utility's plausible ranges (those are the ingestion service's configuration).
 */
final class KindLimits {

    private KindLimits() {
    }

    /** Why {@code value} (in {@code kind.unit()}) cannot be a value of {@code kind}, or empty when it can. */
    static Optional<String> check(MeasurementKind kind, double value) {
        switch (kind) {
            case VOLTAGE, VOLTAGE_PU, CURRENT, FREQUENCY, BRANCH_LOADING, WIND_SPEED, IRRADIANCE -> {
                if (value < 0) {
                    return Optional.of(kind + " is a magnitude, so " + value + " " + kind.unit().symbol()
                            + " (negative) is out of range; correct the value or its sign");
                }
            }
            case STATE_OF_CHARGE -> {
                if (value < 0 || value > 100) {
                    return Optional.of("STATE_OF_CHARGE " + value + " % is outside 0..100 %; correct the value"
                            + " (give a fraction as p.u., e.g. 0.5 p.u. = 50 %)");
                }
            }
            default -> {
                // signed quantities (power, angle, temperature, energy, ROCOF) have no intrinsic limit
            }
        }
        return Optional.empty();
    }
}
