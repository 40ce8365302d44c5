package io.gridai.ingestion.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.ingestion.config.IngestionConfig;
import io.gridai.model.QualityFlag;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import io.gridai.protocols.live.iec104.Iec104Station;
import io.gridai.protocols.live.modbus.ModbusDevice;
import io.gridai.protocols.points.Iec104Point;
import io.gridai.protocols.points.ModbusRegister;
import io.gridai.protocols.points.RegisterTable;
import io.gridai.protocols.points.RegisterType;
import io.gridai.protocols.points.WordOrder;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import io.gridai.protocols.c37118.PmuMeasurements;
import io.gridai.protocols.live.c37118.PmuClientSettings;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code gridai.ingestion.field.*} read through real SmallRye configuration, the mapping the service uses. */
class FieldConfigsTest {

    private static final String RTU = "gridai.ingestion.field.iec104.stations.rtu-7.";
    private static final String INV = "gridai.ingestion.field.modbus.devices.inv-3.";

    private static Map<String, String> oneOfEach() {
        Map<String, String> props = new HashMap<>();
        props.put(RTU + "host", "10.0.0.7");
        props.put(RTU + "common-address", "5");
        props.put(RTU + "time-zone", "Europe/Berlin");
        props.put(RTU + "points.gen1-p.ioa", "1001");
        props.put(RTU + "points.gen1-p.asset", "gen-1");
        props.put(RTU + "points.gen1-p.kind", "ACTIVE_POWER");
        props.put(RTU + "points.gen1-p.unit", "kW");
        props.put(RTU + "points.bus7-v.common-address", "6");
        props.put(RTU + "points.bus7-v.ioa", "2001");
        props.put(RTU + "points.bus7-v.asset", "bus-7");
        props.put(RTU + "points.bus7-v.kind", "VOLTAGE");
        props.put(RTU + "points.bus7-v.unit", "V");
        props.put(RTU + "points.bus7-v.scale", "10");
        props.put(INV + "host", "10.0.1.3");
        props.put(INV + "registers.p.address", "2");
        props.put(INV + "registers.p.type", "float32");
        props.put(INV + "registers.p.word-order", "little");
        props.put(INV + "registers.p.asset", "inv-3");
        props.put(INV + "registers.p.kind", "ACTIVE_POWER");
        props.put(INV + "registers.p.unit", "kW");
        return props;
    }

    private static IngestionConfig.Field config(Map<String, String> props) {
        return new SmallRyeConfigBuilder()
                .withMapping(IngestionConfig.class)
                .withSources(new PropertiesConfigSource(props, "test", 100))
                .build()
                .getConfigMapping(IngestionConfig.class)
                .field();
    }

    @Test
    void stationsAndDevicesWithTheirDefaults() {
        IngestionConfig.Field field = config(oneOfEach());
        Iec104Station station = FieldConfigs.stations(field).get(0);
        assertThat(station.source().value()).isEqualTo("rtu-7");
        assertThat(station.port()).isEqualTo(2404);
        assertThat(station.interrogationPeriod()).isEqualTo(Duration.ofMinutes(15));
        assertThat(station.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(station.receiveTimeFlag()).contains(QualityFlag.SUSPECT);
        assertThat(station.points().find(5, 1001)).get().extracting(p -> p.target().unit())
                .isEqualTo(Unit.KILOWATT);
        assertThat(station.points().find(6, 2001)).get().extracting(Iec104Point::name).isEqualTo("bus7-v");
        assertThat(station.points().commonAddresses()).containsExactly(5, 6);

        ModbusDevice device = FieldConfigs.devices(field).get(0);
        assertThat(device.port()).isEqualTo(502);
        assertThat(device.unitId()).isEqualTo(1);
        assertThat(device.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        ModbusRegister register = device.registers().get(0);
        assertThat(register.table()).isEqualTo(RegisterTable.HOLDING);
        assertThat(register.type()).isEqualTo(RegisterType.FLOAT32);
        assertThat(register.wordOrder()).isEqualTo(WordOrder.LITTLE);
        assertThat(register.target().kind()).isEqualTo(MeasurementKind.ACTIVE_POWER);
    }

    @Test
    void nothingConfiguredIsNoStation() {
        IngestionConfig.Field field = config(Map.of());
        assertThat(FieldConfigs.stations(field)).isEmpty();
        assertThat(FieldConfigs.devices(field)).isEmpty();
    }

    @Test
    void mistakesNameTheKeyAndWhatToWrite() {
        assertError(RTU + "points.gen1-p.unit", "kV", "gridai.ingestion.field.iec104.stations.rtu-7.points.gen1-p:"
                + " unit kV (VOLTAGE) cannot carry a ACTIVE_POWER value; give MW");
        assertError(RTU + "points.gen1-p.unit", "MWatt", "points.gen1-p.unit: unknown unit 'MWatt'");
        Map<String, String> twice = oneOfEach();
        twice.put(RTU + "points.bus7-v.common-address", "5");
        twice.put(RTU + "points.bus7-v.ioa", "1001");
        assertThatThrownBy(() -> FieldConfigs.stations(config(twice))).hasMessageContaining(
                "rtu-7.points: points bus7-v and gen1-p both map ca=5 ioa=1001; keep one point per address");
        assertError(RTU + "time-zone", "Mars/Olympus", "rtu-7.time-zone: 'Mars/Olympus' is not a time zone");
        assertError(RTU + "receive-time-flag", "LATEISH", "'LATEISH' is not a quality flag; give NONE or one of");
        assertError(RTU + "points.gen1-p.asset", "gen|1", "points.gen1-p.asset:");
        assertError(INV + "registers.p.type", "float64",
                "registers.p.type is 'float64'; give one of int16, uint16, int32, uint32, float32");
        assertError(INV + "registers.p.table", "coils", "registers.p.table is 'coils'; give one of holding, input");
        assertError(INV + "registers.p.address", "65535", "registers.p: register p: address 65535 with 2 word(s)");
        assertError(INV + "port", "0", "devices.inv-3: device inv-3: port 0 is outside 1..65535");

        Map<String, String> flagOff = oneOfEach();
        flagOff.put(RTU + "receive-time-flag", "none");
        assertThat(FieldConfigs.stations(config(flagOff)).get(0).receiveTimeFlag()).isEmpty();
    }

    @Test
    void aSourceIsOneStationOrOneDevice() {
        Map<String, String> props = oneOfEach();
        oneOfEach().forEach((key, value) -> {
            if (key.startsWith(INV)) {
                props.put(key.replace("inv-3", "rtu-7"), value);
            }
        });
        IngestionConfig.Field field = config(props);
        List<Iec104Station> stations = FieldConfigs.stations(field);
        List<ModbusDevice> devices = FieldConfigs.devices(field);
        assertThatThrownBy(() -> FieldConfigs.requireDistinct(stations, devices, List.of()))
                .hasMessageContaining("gridai.ingestion.field.iec104.stations.rtu-7 and"
                        + " gridai.ingestion.field.modbus.devices.rtu-7 are the same source");
    }

    @Test
    void aPmuWithItsDefaultsAndItsMistakes() {
        String pmu = "gridai.ingestion.field.c37118.pmus.pmu-sub-a.";
        Map<String, String> props = new HashMap<>(Map.of(pmu + "host", "10.40.0.9", pmu + "idcode", "41"));
        PmuClientSettings settings = FieldConfigs.pmus(config(props)).get(0);
        assertThat(settings.source().value()).isEqualTo("pmu-sub-a");
        assertThat(settings.port()).isEqualTo(4712);
        assertThat(settings.transport()).isEqualTo(PmuClientSettings.Transport.TCP);
        assertThat(settings.basis()).isEqualTo(PmuMeasurements.VoltageBasis.PHASE_TO_NEUTRAL);
        assertThat(settings.backoffInitial()).isEqualTo(Duration.ofMillis(500));

        props.put(pmu + "transport", "udp-data-tcp-commands");
        props.put(pmu + "voltage-basis", "line-to-line");
        PmuClientSettings udp = FieldConfigs.pmus(config(props)).get(0);
        assertThat(udp.transport()).isEqualTo(PmuClientSettings.Transport.UDP_DATA_TCP_COMMANDS);
        assertThat(udp.basis()).isEqualTo(PmuMeasurements.VoltageBasis.LINE_TO_LINE);

        props.put(pmu + "transport", "carrier-pigeon");
        assertThatThrownBy(() -> FieldConfigs.pmus(config(props))).hasMessageContaining(pmu + "transport is"
                + " 'carrier_pigeon'").hasMessageContaining("tcp");
        props.put(pmu + "transport", "tcp");
        props.put(pmu + "idcode", "70000");
        assertThatThrownBy(() -> FieldConfigs.pmus(config(props))).hasMessageContaining("gridai.ingestion.field"
                + ".c37118.pmus.pmu-sub-a: idcode 70000 does not fit");
    }

    private static void assertError(String key, String value, String message) {
        Map<String, String> props = oneOfEach();
        props.put(key, value);
        IngestionConfig.Field field = config(props);
        assertThatThrownBy(() -> {
            FieldConfigs.stations(field);
            FieldConfigs.devices(field);
        }).hasMessageContaining(message);
    }
}
