package io.gridai.protocols.c37118;

/**
 * An analog channel: its name; CFG-1/2 ANUNIT's type byte (0 single point-on-wave, 1 RMS, 2 peak) and signed
 * 24-bit user scaling (integer values are multiplied by it); CFG-3 ANSCALE's float magnitude scale and offset
 * (value = raw × scale + offset). CFG-1/2 channels have offset 0.
 */
public record AnalogChannel(String name, int type, double scale, double offset) {
}
