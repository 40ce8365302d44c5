package io.gridai.operator.override;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Operators' manual setpoint overrides ({@code POST /api/v1/setpoints/{asset}/override}). */
@ConfigMapping(prefix = "gridai.operator.overrides")
public interface OverrideConfig {

    /** The longest {@code validFor} an override may ask for. */
    @WithDefault("PT4H")
    Duration maxValidFor();

    /**
     * The time a dispatchable generator has to reach the target at its ramp (the envelope's ramp check); the
     * override's {@code validFor} when that is shorter.
     */
    @WithDefault("PT15M")
    Duration reachWithin();

    /** How old the generator's ACTIVE_POWER in the live state may be (by event time) for the ramp check. */
    @WithDefault("PT5M")
    Duration maxStateAge();

    /** How far past a limit a target may be (rounding), MW; the dispatch optimiser's default. */
    @WithDefault("0.01")
    double toleranceMw();

    /** How long Kafka may take to acknowledge the setpoint. */
    @WithDefault("PT30S")
    Duration publishTimeout();
}
