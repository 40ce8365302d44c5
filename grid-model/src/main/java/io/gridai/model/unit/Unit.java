package io.gridai.model.unit;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A unit of measure: its symbol, its {@link Dimension} and the factor that converts a value in this unit
 * to the dimension's base unit ({@code base = value * factor}).
 *
 * <p>Temperature has only degrees Celsius, so no conversion needs an offset.
 */
public enum Unit {
    WATT("W", Dimension.ACTIVE_POWER, 1),
    KILOWATT("kW", Dimension.ACTIVE_POWER, 1e3),
    MEGAWATT("MW", Dimension.ACTIVE_POWER, 1e6),
    GIGAWATT("GW", Dimension.ACTIVE_POWER, 1e9),
    VAR("var", Dimension.REACTIVE_POWER, 1),
    KILOVAR("kvar", Dimension.REACTIVE_POWER, 1e3),
    MEGAVAR("Mvar", Dimension.REACTIVE_POWER, 1e6),
    VOLT_AMPERE("VA", Dimension.APPARENT_POWER, 1),
    KILOVOLT_AMPERE("kVA", Dimension.APPARENT_POWER, 1e3),
    MEGAVOLT_AMPERE("MVA", Dimension.APPARENT_POWER, 1e6),
    VOLT("V", Dimension.VOLTAGE, 1),
    KILOVOLT("kV", Dimension.VOLTAGE, 1e3),
    AMPERE("A", Dimension.CURRENT, 1),
    KILOAMPERE("kA", Dimension.CURRENT, 1e3),
    HERTZ("Hz", Dimension.FREQUENCY, 1),
    MILLIHERTZ("mHz", Dimension.FREQUENCY, 1e-3),
    WATT_HOUR("Wh", Dimension.ENERGY, 1),
    KILOWATT_HOUR("kWh", Dimension.ENERGY, 1e3),
    MEGAWATT_HOUR("MWh", Dimension.ENERGY, 1e6),
    GIGAWATT_HOUR("GWh", Dimension.ENERGY, 1e9),
    /** Per unit of a base value (nominal voltage, rating); 1 p.u. = 100 %. */
    PER_UNIT("p.u.", Dimension.RATIO, 1),
    PERCENT("%", Dimension.RATIO, 0.01),
    DEGREE("deg", Dimension.ANGLE, Math.PI / 180),
    RADIAN("rad", Dimension.ANGLE, 1),
    CELSIUS("°C", Dimension.TEMPERATURE, 1),
    METRE_PER_SECOND("m/s", Dimension.SPEED, 1),
    WATT_PER_SQUARE_METRE("W/m²", Dimension.IRRADIANCE, 1),
    HERTZ_PER_SECOND("Hz/s", Dimension.FREQUENCY_RATE, 1);

    private static final Map<String, Unit> BY_SYMBOL =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Unit::symbol, Function.identity()));

    private final String symbol;
    private final Dimension dimension;
    private final double factor;

    Unit(String symbol, Dimension dimension, double factor) {
        this.symbol = symbol;
        this.dimension = dimension;
        this.factor = factor;
    }

    /** The symbol as feeds write it, e.g. {@code "MW"}, {@code "p.u."}, {@code "°C"}. */
    public String symbol() {
        return symbol;
    }

    public Dimension dimension() {
        return dimension;
    }

    /** Multiplier from this unit to the dimension's base unit, e.g. 1e6 for MW (base W). */
    public double factor() {
        return factor;
    }

    /**
     * Converts {@code value} from this unit to {@code target}.
     *
     * @throws IllegalArgumentException when the two units measure different dimensions
     */
    public double convert(double value, Unit target) {
        Objects.requireNonNull(target, "target unit");
        if (target.dimension != dimension) {
            throw new IllegalArgumentException("cannot convert " + symbol + " (" + dimension + ") to "
                    + target.symbol + " (" + target.dimension + "); pick a target unit of dimension " + dimension);
        }
        if (target == this) {
            return value;
        }
        return value * factor / target.factor;
    }

    /**
     * The unit with this exact, case-sensitive symbol ({@code "MW"}, not {@code "mw"}) or enum name
     * ({@code "MEGAWATT"}).
     *
     * @throws IllegalArgumentException for anything else, listing the known symbols
     */
    public static Unit fromSymbol(String symbol) {
        if (symbol != null) {
            Unit bySymbol = BY_SYMBOL.get(symbol);
            if (bySymbol != null) {
                return bySymbol;
            }
            for (Unit unit : values()) {
                if (unit.name().equals(symbol)) {
                    return unit;
                }
            }
        }
        throw new IllegalArgumentException("unknown unit '" + symbol + "'; use one of "
                + Arrays.stream(values()).map(Unit::symbol).collect(Collectors.joining(", "))
                + " (symbols are case-sensitive) or an enum name such as MEGAWATT");
    }

    @Override
    public String toString() {
        return symbol;
    }
}
