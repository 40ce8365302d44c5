package io.gridai.sim.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.unit.MeasurementKind;

class BatteryUnitTest {

    private static final Instant T0 = Instant.parse("2020-07-01T00:00:00Z");
    private static final AssetId BESS = AssetId.of("bess-1");

    private static BatteryUnit battery(double soc) {
        // 100 MWh, 50 MW each way, 90 % each way, SoC band 10..90 %.
        return new BatteryUnit(new BatterySpec(BESS, 1, 100, 50, 50, 0.9, 0.9, 0.1, 0.9, soc));
    }

    private static Setpoint setpoint(double mw, Instant until) {
        return new Setpoint(SetpointId.random(), BESS, MeasurementKind.ACTIVE_POWER, mw, T0, until,
                SetpointOrigin.STORAGE_MANAGER, Optional.empty(), "test", T0);
    }

    @Test
    void dischargingDrawsStoredEnergyWithItsLossesAndStopsAtTheBottomOfTheBand() {
        BatteryUnit b = battery(0.5);
        b.setpoint(setpoint(45, T0.plusSeconds(36_000)));
        b.advance(T0.plusSeconds(600), 600);
        assertThat(b.outputMw).isEqualTo(45);
        double afterTenMinutes = 0.5 - 45 / 6.0 / 0.9 / 100; // 7.5 MWh delivered = 8.33 MWh drawn
        assertThat(b.soc).isCloseTo(afterTenMinutes, within(1e-12));
        b.advance(T0.plusSeconds(4200), 3600); // a full hour at 45 MW would go below 10 %: limited
        assertThat(b.outputMw).isCloseTo((afterTenMinutes - 0.1) * 100 * 0.9, within(1e-9));
        assertThat(b.soc).isCloseTo(0.1, within(1e-12));
        b.advance(T0.plusSeconds(7800), 3600);
        assertThat(b.outputMw).isZero();
    }

    @Test
    void chargingStoresLessThanItDrawsAndStopsAtTheTopOfTheBand() {
        BatteryUnit b = battery(0.8);
        b.setpoint(setpoint(-50, T0.plusSeconds(36_000)));
        b.advance(T0.plusSeconds(600), 600);
        assertThat(b.outputMw).isEqualTo(-50);
        assertThat(b.soc).isCloseTo(0.8 + 50 / 6.0 * 0.9 / 100, within(1e-12));
        b.advance(T0.plusSeconds(4200), 3600);
        assertThat(b.soc).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void anExpiredOrMissingSetpointLeavesTheBatteryAtRest() {
        BatteryUnit b = battery(0.5);
        b.setpoint(setpoint(30, T0.plusSeconds(60)));
        b.advance(T0.plusSeconds(120), 60);
        assertThat(b.outputMw).isZero();
        assertThat(b.soc).isEqualTo(0.5);
    }
}
