package io.gridai.cli;

import io.gridai.sim.clock.SimClock;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks the twin's speed option the way the twin's clock does, so a bad value is refused before anything starts. */
final class SimClockCheck {

    private SimClockCheck() {
    }

    static void speed(CommandSpec spec, double speed) {
        try {
            SimClock.validSpeed(speed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--sim-speed: " + e.getMessage());
        }
    }
}
