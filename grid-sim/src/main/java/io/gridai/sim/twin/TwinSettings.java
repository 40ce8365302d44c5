package io.gridai.sim.twin;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.gridai.model.id.SourceId;

/**
 * How the twin runs. Every field has a documented default in {@link #defaults()}.
 *
 * @param source                   source id stamped on every measurement ({@value #DEFAULT_SOURCE})
 * @param tick                     grid time between two solves (default 1 s)
 * @param frequency                the aggregate frequency model's parameters
 * @param defaultRampPerMinute     ramp rate of units whose case gives none (RAMP_AGC and RAMP_10 zero), as a
 *                                 fraction of PMAX per minute (default {@value #DEFAULT_RAMP_PER_MINUTE})
 * @param batteries                batteries placed at buses of the case
 * @param imperfections            telemetry imperfections (default none)
 * @param generatorNames           asset names of the case's generators by index (e.g. RTS-GMLC GEN UIDs);
 *                                 missing ones are named {@code gen-<bus>-<n>}
 */
public record TwinSettings(SourceId source, Duration tick, FrequencyParameters frequency, double defaultRampPerMinute,
        List<BatterySpec> batteries, ImperfectionSettings imperfections, Map<Integer, String> generatorNames) {

    public static final String DEFAULT_SOURCE = "grid-sim";
    public static final double DEFAULT_RAMP_PER_MINUTE = 0.02;

    public TwinSettings {
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("tick must be positive, was " + tick);
        }
        if (!(defaultRampPerMinute > 0)) {
            throw new IllegalArgumentException("defaultRampPerMinute must be positive, was " + defaultRampPerMinute);
        }
        batteries = List.copyOf(batteries);
        generatorNames = Map.copyOf(generatorNames);
    }

    public static TwinSettings defaults() {
        return new TwinSettings(SourceId.of(DEFAULT_SOURCE), Duration.ofSeconds(1), FrequencyParameters.defaults(),
                DEFAULT_RAMP_PER_MINUTE, List.of(), ImperfectionSettings.none(), Map.of());
    }

    public TwinSettings withTick(Duration value) {
        return new TwinSettings(source, value, frequency, defaultRampPerMinute, batteries, imperfections, generatorNames);
    }

    public TwinSettings withBatteries(List<BatterySpec> value) {
        return new TwinSettings(source, tick, frequency, defaultRampPerMinute, value, imperfections, generatorNames);
    }

    public TwinSettings withImperfections(ImperfectionSettings value) {
        return new TwinSettings(source, tick, frequency, defaultRampPerMinute, batteries, value, generatorNames);
    }

    public TwinSettings withGeneratorNames(Map<Integer, String> value) {
        return new TwinSettings(source, tick, frequency, defaultRampPerMinute, batteries, imperfections, value);
    }
}
