package io.gridai.network;

/**
 * MATPOWER's bus type, column {@code BUS_TYPE} of {@code mpc.bus}, as written in the case file.
 *
 * <p>The type a power flow actually uses can differ (a PV bus without an in-service generator is solved as PQ):
 * see {@link PowerFlowBusType}.
 */
public enum BusType {
    /** 1: load bus, P and Q given. */
    PQ(1),
    /** 2: generator bus, P and |V| given. */
    PV(2),
    /** 3: reference (slack) bus, |V| and angle given. */
    REF(3),
    /** 4: isolated bus, out of service. */
    ISOLATED(4);

    private final int code;

    BusType(int code) {
        this.code = code;
    }

    /** MATPOWER's numeric code, 1 to 4. */
    public int code() {
        return code;
    }

    /**
     * The type for a MATPOWER code.
     *
     * @throws IllegalArgumentException when the code is not 1, 2, 3 or 4
     */
    public static BusType fromCode(int code) {
        for (BusType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("bus type must be 1 (PQ), 2 (PV), 3 (REF) or 4 (isolated), got " + code);
    }
}
