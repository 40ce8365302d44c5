package io.gridai.sim.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.unit.MeasurementKind;

/** A generator's trip: 0 MW at once from its trip time on, whatever its role, setpoint, schedule or availability. */
class GeneratorUnitTest {

    private static final Instant T0 = Instant.parse("2020-07-01T12:00:00Z");

    @Test
    void aDispatchableUnitDropsAtOnceRatherThanRamping() {
        GeneratorUnit unit = new GeneratorUnit(0, AssetId.of("gen-1-1"), UnitRole.DISPATCHABLE, 50, 400, 1.0, 300);
        unit.trip(T0.plusSeconds(2));
        unit.advance(T0.plusSeconds(1), 1, 300, 400);
        assertThat(unit.outputMw).isEqualTo(300);
        assertThat(unit.off()).isFalse();
        unit.advance(T0.plusSeconds(2), 1, 300, 400);
        assertThat(unit.outputMw).as("not 299 MW: a trip ignores the 1 MW/s ramp and PMIN").isZero();
        assertThat(unit.off()).isTrue();
        unit.trip(T0.plusSeconds(10));
        assertThat(unit.tripTime()).as("the earlier trip time stays").hasValue(T0.plusSeconds(2));
        unit.advance(T0.plusSeconds(3), 1, 300, 400);
        assertThat(unit.outputMw).isZero();
    }

    @Test
    void aTrippedRenewableUnitProducesNothingAndHasNothingAvailableWhateverTheWindAndItsSetpoint() {
        GeneratorUnit wind = new GeneratorUnit(3, AssetId.of("gen-wind"), UnitRole.RENEWABLE, 0, 150, 10, 80);
        wind.setpoint(new Setpoint(SetpointId.random(), AssetId.of("gen-wind"), MeasurementKind.ACTIVE_POWER, 120, T0,
                T0.plusSeconds(3600), SetpointOrigin.OPERATOR, Optional.empty(), "test", T0));
        wind.advance(T0.plusSeconds(1), 1, 0, 100);
        assertThat(wind.outputMw).isEqualTo(100);
        wind.trip(T0.plusSeconds(1));
        assertThat(wind.trippedBy(T0.plusSeconds(1))).isTrue();
        assertThat(wind.trippedBy(T0)).isFalse();
        for (int s = 2; s <= 5; s++) {
            wind.advance(T0.plusSeconds(s), 1, 0, 140);
            assertThat(wind.outputMw).isZero();
            assertThat(wind.availableMw).isZero();
        }
    }
}
