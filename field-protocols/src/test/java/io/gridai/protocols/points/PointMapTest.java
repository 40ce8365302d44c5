package io.gridai.protocols.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import io.gridai.protocols.live.Backoff;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointMapTest {

    private static final PointTarget GEN_1_MW = new PointTarget(AssetId.of("gen-1"), MeasurementKind.ACTIVE_POWER,
            Unit.MEGAWATT, 1);

    @Test
    void aTargetNeedsAUnitOfItsKindsDimensionAndAUsableScale() {
        assertThat(new PointTarget(AssetId.of("bus-7"), MeasurementKind.VOLTAGE, Unit.VOLT, 0.1).apply(1234))
                .isCloseTo(123.4, org.assertj.core.data.Offset.offset(1e-9));
        assertThatThrownBy(() -> new PointTarget(AssetId.of("gen-1"), MeasurementKind.ACTIVE_POWER, Unit.KILOVOLT, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kV").hasMessageContaining("ACTIVE_POWER").hasMessageContaining("MW");
        assertThatThrownBy(() -> new PointTarget(AssetId.of("gen-1"), MeasurementKind.ACTIVE_POWER, Unit.MEGAWATT, 0))
                .hasMessageContaining("scale 0.0");
        assertThatThrownBy(() -> new PointTarget(AssetId.of("gen-1"), MeasurementKind.ACTIVE_POWER, Unit.MEGAWATT,
                Double.NaN)).hasMessageContaining("finite");
    }

    @Test
    void iec104AddressesAreChecked() {
        assertThatThrownBy(() -> new Iec104Point("p", 0, 1, GEN_1_MW)).hasMessageContaining("common address 0");
        assertThatThrownBy(() -> new Iec104Point("p", 65535, 1, GEN_1_MW)).hasMessageContaining("broadcast");
        assertThatThrownBy(() -> new Iec104Point("p", 1, 0, GEN_1_MW))
                .hasMessageContaining("information object address 0");
        assertThatThrownBy(() -> new Iec104Point("p", 1, 16_777_216, GEN_1_MW)).hasMessageContaining("16777215");
    }

    @Test
    void aPointMapFindsByCommonAddressAndIoaAndRefusesTwoPointsAtOneAddress() {
        Iec104PointMap map = Iec104PointMap.of(List.of(new Iec104Point("p", 1, 1001, GEN_1_MW),
                new Iec104Point("q", 7, 1001, GEN_1_MW), new Iec104Point("r", 1, 1002, GEN_1_MW)));
        assertThat(map.find(1, 1001)).get().extracting(Iec104Point::name).isEqualTo("p");
        assertThat(map.find(7, 1001)).get().extracting(Iec104Point::name).isEqualTo("q");
        assertThat(map.find(2, 1001)).isEmpty();
        assertThat(map.commonAddresses()).containsExactly(1, 7);
        assertThat(map.size()).isEqualTo(3);

        assertThatThrownBy(() -> Iec104PointMap.of(List.of(new Iec104Point("p", 1, 1001, GEN_1_MW),
                new Iec104Point("dup", 1, 1001, GEN_1_MW))))
                .hasMessageContaining("p").hasMessageContaining("dup").hasMessageContaining("ca=1 ioa=1001");
        assertThatThrownBy(() -> Iec104PointMap.of(List.of())).hasMessageContaining("empty");
    }

    @Test
    void aRegisterMustFitTheAddressSpace() {
        assertThat(new ModbusRegister("last", RegisterTable.HOLDING, 65_534, RegisterType.FLOAT32, WordOrder.BIG,
                GEN_1_MW).address()).isEqualTo(65_534);
        assertThatThrownBy(() -> new ModbusRegister("over", RegisterTable.HOLDING, 65_535, RegisterType.FLOAT32,
                WordOrder.BIG, GEN_1_MW)).hasMessageContaining("over").hasMessageContaining("65535");
        assertThatThrownBy(() -> new ModbusRegister("neg", RegisterTable.INPUT, -1, RegisterType.INT16,
                WordOrder.BIG, GEN_1_MW)).hasMessageContaining("zero-based");
        assertThat(RegisterTable.HOLDING.functionCode()).isEqualTo(3);
        assertThat(RegisterTable.INPUT.functionCode()).isEqualTo(4);
    }

    @Test
    void backOffDoublesUpToItsMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500));
        assertThat(List.of(backoff.delay(1), backoff.delay(2), backoff.delay(3), backoff.delay(4), backoff.delay(40)))
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                        Duration.ofMillis(500), Duration.ofMillis(500));
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("positive");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("shorter");
    }
}
