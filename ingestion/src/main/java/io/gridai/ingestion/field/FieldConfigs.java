package io.gridai.ingestion.field;

import io.gridai.ingestion.config.IngestionConfig;
import io.gridai.model.QualityFlag;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import io.gridai.protocols.live.Backoff;
import io.gridai.protocols.live.iec104.Iec104Station;
import io.gridai.protocols.live.modbus.ModbusDevice;
import io.gridai.protocols.c37118.PmuMeasurements;
import io.gridai.protocols.live.c37118.PmuClientSettings;
import io.gridai.protocols.points.Iec104Point;
import io.gridai.protocols.points.Iec104PointMap;
import io.gridai.protocols.points.ModbusRegister;
import io.gridai.protocols.points.PointTarget;
import io.gridai.protocols.points.RegisterTable;
import io.gridai.protocols.points.RegisterType;
import io.gridai.protocols.points.WordOrder;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code gridai.ingestion.field.*} → the field clients' own settings, checked at start-up: every mistake stops the
 * service with one line naming the key and what to write instead.
 */
final class FieldConfigs {

    static final String IEC104_PREFIX = "gridai.ingestion.field.iec104.stations.";
    static final String MODBUS_PREFIX = "gridai.ingestion.field.modbus.devices.";
    static final String C37118_PREFIX = "gridai.ingestion.field.c37118.pmus.";

    private FieldConfigs() {
    }

    static List<Iec104Station> stations(IngestionConfig.Field field) {
        List<Iec104Station> stations = new ArrayList<>();
        new TreeMap<>(field.iec104().stations()).forEach((name, station) -> {
            String key = IEC104_PREFIX + name;
            SourceId source = sourceId(key, name);
            List<Iec104Point> points = new ArrayList<>();
            new TreeMap<>(station.points()).forEach((pointName, point) -> {
                String pointKey = key + ".points." + pointName;
                points.add(check(pointKey, () -> new Iec104Point(pointName,
                        point.commonAddress().orElse(station.commonAddress()), point.ioa(),
                        target(pointKey, point.asset(), point.kind(), point.unit(), point.scale()))));
            });
            Iec104PointMap map = check(key + ".points", () -> Iec104PointMap.of(points));
            ZoneId zone = check(key + ".time-zone", () -> {
                try {
                    return ZoneId.of(station.timeZone());
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("'" + station.timeZone() + "' is not a time zone; give UTC or a"
                            + " region such as Europe/Berlin");
                }
            });
            Optional<QualityFlag> flag = check(key + ".receive-time-flag", () -> flag(station.receiveTimeFlag()));
            stations.add(check(key, () -> new Iec104Station(source, station.host(), station.port(),
                    station.connectTimeout(), station.interrogationPeriod(),
                    new Backoff(station.reconnectInitial(), station.reconnectMax()), zone, flag, map)));
        });
        return stations;
    }

    static List<ModbusDevice> devices(IngestionConfig.Field field) {
        List<ModbusDevice> devices = new ArrayList<>();
        new TreeMap<>(field.modbus().devices()).forEach((name, device) -> {
            String key = MODBUS_PREFIX + name;
            SourceId source = sourceId(key, name);
            List<ModbusRegister> registers = new ArrayList<>();
            new TreeMap<>(device.registers()).forEach((registerName, register) -> {
                String registerKey = key + ".registers." + registerName;
                RegisterTable table = option(registerKey + ".table", register.table(), RegisterTable.class);
                RegisterType type = option(registerKey + ".type", register.type(), RegisterType.class);
                WordOrder order = option(registerKey + ".word-order", register.wordOrder(), WordOrder.class);
                registers.add(check(registerKey, () -> new ModbusRegister(registerName, table, register.address(),
                        type, order, target(registerKey, register.asset(), register.kind(), register.unit(),
                                register.scale()))));
            });
            devices.add(check(key, () -> new ModbusDevice(source, device.host(), device.port(), device.unitId(),
                    device.pollInterval(), device.timeout(),
                    new Backoff(device.reconnectInitial(), device.reconnectMax()), registers)));
        });
        return devices;
    }

    static List<PmuClientSettings> pmus(IngestionConfig.Field field) {
        List<PmuClientSettings> pmus = new ArrayList<>();
        new TreeMap<>(field.c37118().pmus()).forEach((name, pmu) -> {
            String key = C37118_PREFIX + name;
            SourceId source = sourceId(key, name);
            PmuClientSettings.Transport transport = option(key + ".transport", pmu.transport().replace('-', '_'),
                    PmuClientSettings.Transport.class);
            PmuMeasurements.VoltageBasis basis = option(key + ".voltage-basis", pmu.voltageBasis().replace('-', '_'),
                    PmuMeasurements.VoltageBasis.class);
            pmus.add(check(key, () -> new PmuClientSettings(pmu.host(), pmu.port(), transport, pmu.idcode(),
                    pmu.dataPort(), pmu.connectTimeout(), pmu.dataTimeout(), pmu.reconnectInitial(),
                    pmu.reconnectMax(), source, PmuMeasurements.AssetNaming.BY_IDCODE, basis, pmu.cfg3())));
        });
        return pmus;
    }

    private static PointTarget target(String key, String asset, MeasurementKind kind,
            String unit, double scale) {
        AssetId assetId = check(key + ".asset", () -> AssetId.of(asset));
        Unit parsed = check(key + ".unit", () -> Unit.fromSymbol(unit));
        return check(key, () -> new PointTarget(assetId, kind, parsed, scale));
    }

    private static SourceId sourceId(String key, String name) {
        return check(key, () -> {
            try {
                return SourceId.of(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + name + "' is not a valid source id: " + e.getMessage());
            }
        });
    }

    private static Optional<QualityFlag> flag(String text) {
        if (text.strip().equalsIgnoreCase("NONE")) {
            return Optional.empty();
        }
        try {
            return Optional.of(QualityFlag.valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a quality flag; give NONE or one of "
                    + Arrays.stream(QualityFlag.values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    private static <E extends Enum<E>> E option(String key, String text, Class<E> type) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key + " is '" + text + "'; give one of " + Arrays.stream(
                    type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
        }
    }

    private static <T> T check(String key, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key + ": " + e.getMessage());
        }
    }

    /** Every station, device and PMU by source id, to refuse a source configured twice. */
    static void requireDistinct(List<Iec104Station> stations, List<ModbusDevice> devices,
            List<PmuClientSettings> pmus) {
        Map<SourceId, String> owners = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
        stations.forEach(s -> owners.put(s.source(), IEC104_PREFIX + s.source()));
        List<Map.Entry<SourceId, String>> others = new ArrayList<>();
        devices.forEach(d -> others.add(Map.entry(d.source(), MODBUS_PREFIX + d.source())));
        pmus.forEach(p -> others.add(Map.entry(p.source(), C37118_PREFIX + p.source())));
        for (Map.Entry<SourceId, String> other : others) {
            String previous = owners.put(other.getKey(), other.getValue());
            if (previous != null) {
                throw new ConfigurationException(previous + " and " + other.getValue() + " are the same source; give"
                        + " each station, device and PMU its own source id");
            }
        }
    }
}
