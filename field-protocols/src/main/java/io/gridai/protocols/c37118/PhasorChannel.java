package io.gridai.protocols.c37118;

/**
 * A phasor channel of a configuration: its name, whether it measures current (else voltage), and how its 16-bit
 * integer values convert to volts or amperes: {@code scale} per bit (CFG-1/2: PHUNIT's 24-bit factor × 10⁻⁵;
 * CFG-3: PHSCALE's float factor). CFG-3 also gives an angle adjustment (radians, reported, not applied) and the
 * PHSCALE flag word; CFG-1/2 have 0 there.
 */
public record PhasorChannel(String name, boolean current, double scale, double angleAdjustment, int flags) {
}
