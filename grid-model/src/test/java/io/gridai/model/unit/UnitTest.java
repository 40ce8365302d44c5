package io.gridai.model.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnitTest {

    private static final double EXACT = 1e-12;

    @Test
    void convertsWithinADimension() {
        assertThat(Unit.MEGAWATT.convert(1.5, Unit.KILOWATT)).isCloseTo(1500, within(EXACT));
        assertThat(Unit.WATT.convert(2_500_000, Unit.MEGAWATT)).isCloseTo(2.5, within(EXACT));
        assertThat(Unit.GIGAWATT_HOUR.convert(0.25, Unit.MEGAWATT_HOUR)).isCloseTo(250, within(EXACT));
        assertThat(Unit.KILOVOLT.convert(132, Unit.VOLT)).isCloseTo(132_000, within(EXACT));
        assertThat(Unit.MILLIHERTZ.convert(-200, Unit.HERTZ)).isCloseTo(-0.2, within(EXACT));
        assertThat(Unit.PER_UNIT.convert(1.05, Unit.PERCENT)).isCloseTo(105, within(EXACT));
        assertThat(Unit.PERCENT.convert(80, Unit.PER_UNIT)).isCloseTo(0.8, within(EXACT));
        assertThat(Unit.DEGREE.convert(180, Unit.RADIAN)).isCloseTo(Math.PI, within(EXACT));
        assertThat(Unit.MEGAVAR.convert(-3, Unit.KILOVAR)).isCloseTo(-3000, within(EXACT));
    }

    @Test
    void refusesToConvertAcrossDimensionsAndSaysWhatFits() {
        assertThatIllegalArgumentException().isThrownBy(() -> Unit.MEGAWATT.convert(1, Unit.MEGAVAR))
                .withMessageContaining("cannot convert MW (ACTIVE_POWER) to Mvar (REACTIVE_POWER)")
                .withMessageContaining("dimension ACTIVE_POWER");
        assertThatIllegalArgumentException().isThrownBy(() -> Unit.MEGAVOLT_AMPERE.convert(1, Unit.MEGAWATT));
    }

    @Test
    void findsUnitsByExactSymbolOrEnumName() {
        assertThat(Unit.fromSymbol("MW")).isEqualTo(Unit.MEGAWATT);
        assertThat(Unit.fromSymbol("mHz")).isEqualTo(Unit.MILLIHERTZ);
        assertThat(Unit.fromSymbol("p.u.")).isEqualTo(Unit.PER_UNIT);
        assertThat(Unit.fromSymbol("°C")).isEqualTo(Unit.CELSIUS);
        assertThat(Unit.fromSymbol("W/m²")).isEqualTo(Unit.WATT_PER_SQUARE_METRE);
        assertThat(Unit.fromSymbol("MEGAWATT")).isEqualTo(Unit.MEGAWATT);
        assertThat(Unit.fromSymbol("HERTZ_PER_SECOND")).isEqualTo(Unit.HERTZ_PER_SECOND);
    }

    @Test
    void rejectsUnknownOrWrongCaseSymbolsListingTheKnownOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> Unit.fromSymbol("mW"))
                .withMessageContaining("unknown unit 'mW'").withMessageContaining("MW, GW, var");
        assertThatIllegalArgumentException().isThrownBy(() -> Unit.fromSymbol("megawatt"));
        assertThatIllegalArgumentException().isThrownBy(() -> Unit.fromSymbol(null));
    }

    @Test
    void symbolsAreUniqueAndEveryDimensionHasABaseUnit() {
        assertThat(Arrays.stream(Unit.values()).map(Unit::symbol)).doesNotHaveDuplicates();
        for (Dimension dimension : Dimension.values()) {
            assertThat(Arrays.stream(Unit.values()).filter(u -> u.dimension() == dimension && u.factor() == 1))
                    .as("base unit of %s", dimension).hasSize(1);
        }
    }

    @Test
    void measurementKindsUseTheCanonicalUnits() {
        Map<MeasurementKind, String> canonical = Map.ofEntries(
                Map.entry(MeasurementKind.ACTIVE_POWER, "MW"), Map.entry(MeasurementKind.REACTIVE_POWER, "Mvar"),
                Map.entry(MeasurementKind.VOLTAGE, "kV"), Map.entry(MeasurementKind.VOLTAGE_PU, "p.u."),
                Map.entry(MeasurementKind.VOLTAGE_ANGLE, "deg"), Map.entry(MeasurementKind.CURRENT, "A"),
                Map.entry(MeasurementKind.FREQUENCY, "Hz"), Map.entry(MeasurementKind.ROCOF, "Hz/s"),
                Map.entry(MeasurementKind.STATE_OF_CHARGE, "%"), Map.entry(MeasurementKind.ENERGY, "MWh"),
                Map.entry(MeasurementKind.BRANCH_LOADING, "%"), Map.entry(MeasurementKind.TEMPERATURE, "°C"),
                Map.entry(MeasurementKind.WIND_SPEED, "m/s"), Map.entry(MeasurementKind.IRRADIANCE, "W/m²"),
                Map.entry(MeasurementKind.AVAILABLE_POWER, "MW"));
        assertThat(canonical).hasSize(MeasurementKind.values().length);
        canonical.forEach((kind, symbol) -> assertThat(kind.unit().symbol()).as("%s", kind).isEqualTo(symbol));
    }
}
