package io.gridai.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridai.model.id.AssetId;

class BatteryPlacementTest {

    @Test
    void parsesTheShortFormWithAndWithoutInitialCharge() {
        assertThat(BatteryPlacement.parseList("bess-a@69:200:50, bess-b@12:100:25:0.8", "--batteries")).containsExactly(
                new BatteryPlacement(AssetId.of("bess-a"), 69, 200, 50, 0.5),
                new BatteryPlacement(AssetId.of("bess-b"), 12, 100, 25, 0.8));
        assertThat(BatteryPlacement.parseList("none", "--batteries")).isEmpty();
        assertThat(BatteryPlacement.parseList(" ", "--batteries")).isEqualTo(List.of());
    }

    @Test
    void aMalformedItemIsNamedWithTheOptionAndTheExpectedForm() {
        assertThatThrownBy(() -> BatteryPlacement.parseList("bess-a@69:200", "gridai.dispatch.grid.batteries"))
                .hasMessageContaining("gridai.dispatch.grid.batteries").hasMessageContaining("'bess-a@69:200'")
                .hasMessageContaining("ASSET@BUS:MWH:MW[:SOC]");
        assertThatThrownBy(() -> BatteryPlacement.parseList("bess-a@69:lots:50", "--batteries")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> BatteryPlacement.parseList("bess-a@69:200:50:1.5", "--batteries")).hasMessageContaining("[0, 1]");
    }
}
