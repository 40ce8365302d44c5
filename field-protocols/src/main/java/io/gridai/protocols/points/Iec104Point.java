package io.gridai.protocols.points;

import java.util.Objects;

/**
 * One information object of an IEC 60870-5-104 outstation and what it becomes in GridAI. Measured values (normalised,
 * scaled, short float) give {@code raw × scale}: a normalised value's raw value is its fraction in [-1, 1), a scaled
 * value's the 16-bit integer, a short float the float. Single points give 0 (off) or 1 (on), double points 0 (off) or
 * 1 (on), times {@code scale}.
 *
 * @param name          the point's name in configuration, used in messages
 * @param commonAddress the ASDU common address (station address), 1…65534
 * @param ioa           the information object address, 1…16777215
 * @param target        asset, kind, unit and scale
 */
public record Iec104Point(String name, int commonAddress, int ioa, PointTarget target) {

    /** Highest common address of a station (65535 is the broadcast address). */
    public static final int MAX_COMMON_ADDRESS = 65534;
    /** Highest information object address (3 octets). */
    public static final int MAX_IOA = 16_777_215;

    public Iec104Point {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        if (commonAddress < 1 || commonAddress > MAX_COMMON_ADDRESS) {
            throw new IllegalArgumentException("point " + name + ": common address " + commonAddress
                    + " is outside 1.." + MAX_COMMON_ADDRESS + " (0 is unused, 65535 is the broadcast address)");
        }
        if (ioa < 1 || ioa > MAX_IOA) {
            throw new IllegalArgumentException("point " + name + ": information object address " + ioa
                    + " is outside 1.." + MAX_IOA);
        }
    }

    /** Where the point lives on the wire. */
    public Address address() {
        return new Address(commonAddress, ioa);
    }

    /** Common address and information object address. */
    public record Address(int commonAddress, int ioa) {

        @Override
        public String toString() {
            return "ca=" + commonAddress + " ioa=" + ioa;
        }
    }
}
