package io.gridai.protocols.c37118;

/**
 * One phasor value in volts or amperes (integer values scaled by the configuration), as both polar (magnitude,
 * angle in radians) and rectangular; {@code polar} says which the PMU sent.
 */
public record Phasor(String name, boolean current, boolean polar, double magnitude, double angle, double real,
        double imaginary) {

    static Phasor ofPolar(String name, boolean current, double magnitude, double angle) {
        return new Phasor(name, current, true, magnitude, angle, magnitude * Math.cos(angle), magnitude * Math.sin(angle));
    }

    static Phasor ofRectangular(String name, boolean current, double real, double imaginary) {
        return new Phasor(name, current, false, Math.hypot(real, imaginary), Math.atan2(imaginary, real), real, imaginary);
    }
}
