package io.gridai.protocols.c37118;

/**
 * An analog channel: its name; CFG-1/2 ANUNIT's type byte (0 single point-on-wave, 1 RMS, 2 peak) and signed
 * 24-bit "user defined scaling" in {@code scale} (its meaning is the user's, so integer values are reported as
 * sent); CFG-3 ANSCALE's float magnitude scale and offset (value = raw × scale + offset; type -1). CFG-1/2 channels
 * have offset 0.
 */
public record AnalogChannel(String name, int type, double scale, double offset) {
}
