package io.gridai.flink.config;

import io.gridai.model.unit.MeasurementKind;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;

/**
 * What is physically possible for each kind, in its canonical unit; a value outside is flagged OUT_OF_RANGE and
 * kept out of aggregates, alerts and live state. Deliberately wide: these catch broken sensors and unit mistakes
 * (a voltage sent in V instead of kV), not operating-limit violations, which are alerts. Override one with
 * {@code range.<KIND>=min,max}, e.g. {@code range.FREQUENCY=45,55} on a 50 Hz grid.
 */
public final class PhysicalRanges implements Serializable {

    private static final long serialVersionUID = 1L;

    private final EnumMap<MeasurementKind, double[]> ranges;

    private PhysicalRanges(EnumMap<MeasurementKind, double[]> ranges) {
        this.ranges = ranges;
    }

    /** The defaults: a table per kind (see the module README). */
    public static PhysicalRanges defaults() {
        EnumMap<MeasurementKind, double[]> r = new EnumMap<>(MeasurementKind.class);
        r.put(MeasurementKind.ACTIVE_POWER, new double[] {-10_000, 10_000});
        r.put(MeasurementKind.REACTIVE_POWER, new double[] {-10_000, 10_000});
        r.put(MeasurementKind.VOLTAGE, new double[] {0, 1_200});
        r.put(MeasurementKind.VOLTAGE_PU, new double[] {0, 2});
        r.put(MeasurementKind.VOLTAGE_ANGLE, new double[] {-360, 360});
        r.put(MeasurementKind.CURRENT, new double[] {0, 100_000});
        r.put(MeasurementKind.FREQUENCY, new double[] {40, 70});
        r.put(MeasurementKind.ROCOF, new double[] {-20, 20});
        r.put(MeasurementKind.STATE_OF_CHARGE, new double[] {0, 100});
        r.put(MeasurementKind.ENERGY, new double[] {-1e7, 1e7});
        r.put(MeasurementKind.BRANCH_LOADING, new double[] {0, 1_000});
        r.put(MeasurementKind.TEMPERATURE, new double[] {-80, 200});
        r.put(MeasurementKind.WIND_SPEED, new double[] {0, 120});
        r.put(MeasurementKind.IRRADIANCE, new double[] {0, 2_000});
        r.put(MeasurementKind.AVAILABLE_POWER, new double[] {0, 10_000});
        return new PhysicalRanges(r);
    }

    static PhysicalRanges read(PropertyReader p) {
        PhysicalRanges ranges = defaults();
        for (MeasurementKind kind : MeasurementKind.values()) {
            String key = "range." + kind.name();
            p.text(key).ifPresent(value -> {
                String[] parts = value.split(",");
                double min;
                double max;
                try {
                    min = Double.parseDouble(parts[0].strip());
                    max = Double.parseDouble(parts.length == 2 ? parts[1].strip() : "x");
                } catch (NumberFormatException e) {
                    throw new SettingsException(key + "='" + value + "' is not 'min,max' in " + kind.unit().symbol(), e);
                }
                if (!(min < max)) {
                    throw new SettingsException(key + "='" + value + "': min must be below max");
                }
                ranges.ranges.put(kind, new double[] {min, max});
            });
        }
        return ranges;
    }

    /** True when {@code value} (in {@code kind.unit()}) can physically occur. */
    public boolean isPossible(MeasurementKind kind, double value) {
        double[] range = ranges.get(kind);
        return range == null || (value >= range[0] && value <= range[1]);
    }

    /** The ranges as {@code kind -> [min, max]}, for documentation and logs. */
    public Map<MeasurementKind, double[]> asMap() {
        return new EnumMap<>(ranges);
    }
}
