package io.gridai.model.unit;

/**
 * What a value measures, and the canonical unit every value of that kind is stored in.
 *
 * <p><b>Sign convention (generator convention), used platform-wide:</b> {@link #ACTIVE_POWER},
 * {@link #REACTIVE_POWER} and {@link #AVAILABLE_POWER} are positive when power is injected into the bus
 * (generation, battery discharge) and negative when it is withdrawn from the bus (load consumption,
 * battery charging). A load consuming 5 MW therefore reports −5 MW. The same rule holds at every
 * terminal, a branch's included: positive = power flowing from the asset into the bus it is connected to.
 * (Note that PowSyBl terminals use the opposite, load convention; convert at that boundary.)
 */
public enum MeasurementKind {
    /** Active power, MW, generator convention (positive = injected into the bus). */
    ACTIVE_POWER(Unit.MEGAWATT),
    /** Reactive power, Mvar, generator convention (positive = injected into the bus). */
    REACTIVE_POWER(Unit.MEGAVAR),
    /** Voltage magnitude, kV (line-to-line RMS). */
    VOLTAGE(Unit.KILOVOLT),
    /** Voltage magnitude relative to nominal, p.u. */
    VOLTAGE_PU(Unit.PER_UNIT),
    /** Voltage angle relative to the reference bus, degrees. */
    VOLTAGE_ANGLE(Unit.DEGREE),
    /** Current magnitude, A. */
    CURRENT(Unit.AMPERE),
    /** System frequency, Hz. */
    FREQUENCY(Unit.HERTZ),
    /** Rate of change of frequency, Hz/s (negative while frequency falls). */
    ROCOF(Unit.HERTZ_PER_SECOND),
    /** Battery state of charge, % of usable energy capacity (0–100). */
    STATE_OF_CHARGE(Unit.PERCENT),
    /** Energy, MWh (stored energy or a metered quantity over an interval). */
    ENERGY(Unit.MEGAWATT_HOUR),
    /** Branch loading, % of the branch's thermal rating (100 = at its limit). */
    BRANCH_LOADING(Unit.PERCENT),
    /** Temperature, °C. */
    TEMPERATURE(Unit.CELSIUS),
    /** Wind speed at hub height, m/s. */
    WIND_SPEED(Unit.METRE_PER_SECOND),
    /** Global horizontal irradiance, W/m². */
    IRRADIANCE(Unit.WATT_PER_SQUARE_METRE),
    /** Power a renewable plant could produce now without curtailment, MW (positive = could inject). */
    AVAILABLE_POWER(Unit.MEGAWATT);

    private final Unit unit;

    MeasurementKind(Unit unit) {
        this.unit = unit;
    }

    /** The canonical unit values of this kind are stored and sent in. */
    public Unit unit() {
        return unit;
    }

    public Dimension dimension() {
        return unit.dimension();
    }
}
