package io.gridai.network;

import java.util.Objects;

/**
 * One row of {@code mpc.bus} in MATPOWER's column layout (columns 1 to 13), plus the bus name from
 * {@code mpc.bus_name} when the case has one.
 *
 * @param number  BUS_I, the bus number (positive integer, unique in the case)
 * @param type    BUS_TYPE
 * @param pdMw    PD, active power demand, MW
 * @param qdMvar  QD, reactive power demand, Mvar
 * @param gsMw    GS, shunt conductance, MW demanded at V = 1.0 p.u.
 * @param bsMvar  BS, shunt susceptance, Mvar injected at V = 1.0 p.u.
 * @param area    BUS_AREA, area number
 * @param vmPu    VM, voltage magnitude, p.u.
 * @param vaDeg   VA, voltage angle, degrees
 * @param baseKv  BASE_KV, base voltage, kV (0 when unknown)
 * @param zone    ZONE, loss zone
 * @param vmaxPu  VMAX, maximum voltage magnitude, p.u.
 * @param vminPu  VMIN, minimum voltage magnitude, p.u.
 * @param name    the bus name, empty when the case has none
 */
public record MatpowerBus(int number, BusType type, double pdMw, double qdMvar, double gsMw, double bsMvar, int area,
                          double vmPu, double vaDeg, double baseKv, int zone, double vmaxPu, double vminPu,
                          String name) {

    public MatpowerBus {
        if (number <= 0) {
            throw new IllegalArgumentException("bus number must be positive, got " + number);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }
}
