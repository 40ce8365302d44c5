package io.gridai.protocols.c37118;

/**
 * One phasor value in volts or amperes (integer values scaled by the configuration), as both polar (magnitude,
 * angle in radians) and rectangular; {@code polar} says which the PMU sent, and {@code rawA}, {@code rawB} are the
 * two numbers as sent (magnitude and angle, or real and imaginary; integers unscaled).
 */
public record Phasor(String name, boolean current, boolean polar, double magnitude, double angle, double real,
        double imaginary, double rawA, double rawB) {

    public static Phasor ofPolar(String name, boolean current, double magnitude, double angle, double rawA, double rawB) {
        return new Phasor(name, current, true, magnitude, angle, magnitude * Math.cos(angle), magnitude * Math.sin(angle),
                rawA, rawB);
    }

    public static Phasor ofRectangular(String name, boolean current, double real, double imaginary, double rawA, double rawB) {
        return new Phasor(name, current, false, Math.hypot(real, imaginary), Math.atan2(imaginary, real), real, imaginary,
                rawA, rawB);
    }
}
