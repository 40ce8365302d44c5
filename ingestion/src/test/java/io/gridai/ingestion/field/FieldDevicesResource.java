package io.gridai.ingestion.field;

import io.gridai.protocols.live.iec104.sim.SimulatedOutstation;
import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import io.gridai.protocols.live.modbus.RegisterDecoder;
import io.gridai.protocols.points.WordOrder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openmuc.j60870.ASdu;
import org.openmuc.j60870.ASduType;
import org.openmuc.j60870.CauseOfTransmission;
import org.openmuc.j60870.ie.IeQuality;
import org.openmuc.j60870.ie.IeScaledValue;
import org.openmuc.j60870.ie.InformationObject;

/**
 * Field devices on loopback, and the configuration that makes ingestion connect to them:
 * <ul>
 *   <li>{@code rtu-north}, a registered source: an IEC 104 outstation (common address 1) whose interrogation answer is
 *   bus-7's voltage as a scaled value (13800 × 10 V, no time tag); its point map also has gen-1's active power (short
 *   float, kW), gen-1's availability (a single point × 20 MW) and load-9's active power, an asset the source may not
 *   report.</li>
 *   <li>{@code rtu-stranger} (no source has this id) and {@code utility-old} (a revoked source of the test profile):
 *   two stations on a second outstation, whose interrogation answer is refused as a whole.</li>
 *   <li>{@code inv-east}, a registered source: a Modbus TCP slave (j2mod's), unit 1, holding 0–1 = 49.98 Hz (float32,
 *   high word first), holding 2–3 = −12.5 kW (float32, low word first), input 0 = 2301 × 0.1 V; its register map also
 *   reads holding 100, which the slave does not have (exception 2, illegal data address).</li>
 * </ul>
 */
public class FieldDevicesResource implements QuarkusTestResourceLifecycleManager {

    static final String NORTH = "rtu-north";
    static final String STRANGER = "rtu-stranger";
    static final String REVOKED = "utility-old";
    static final String INVERTER = "inv-east";

    private static volatile SimulatedOutstation north;
    private static volatile SimulatedOutstation stranger;
    private static volatile ModbusSlave slave;

    static SimulatedOutstation north() {
        return north;
    }

    /** bus-7's voltage as the outstation answers an interrogation: scaled 13800 (× 10 V), no time tag. */
    static ASdu interrogationAnswer() {
        return new ASdu(ASduType.M_ME_NB_1, false, CauseOfTransmission.INTERROGATED_BY_STATION, false, false, 0, 1,
                new InformationObject(1002, new IeScaledValue(13_800), new IeQuality(false, false, false, false,
                        false)));
    }

    @Override
    public Map<String, String> start() {
        north = SimulatedOutstation.start(List.of(interrogationAnswer()));
        stranger = SimulatedOutstation.start(List.of(interrogationAnswer()));
        int modbusPort = freePort();
        try {
            slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), modbusPort, 2, false);
            slave.addProcessImage(1, image());
            slave.open();
        } catch (ModbusException e) {
            throw new IllegalStateException("cannot start the test Modbus slave on port " + modbusPort, e);
        }
        Map<String, String> config = new HashMap<>();
        source(config, NORTH, "North RTUs", "gen-*,bus-*", "ACTIVE_POWER,VOLTAGE,FREQUENCY,AVAILABLE_POWER");
        source(config, INVERTER, "East Solar", "inv-*", "ACTIVE_POWER,VOLTAGE,FREQUENCY,TEMPERATURE");

        String rtu = "gridai.ingestion.field.iec104.stations." + NORTH + ".";
        config.put(rtu + "host", "127.0.0.1");
        config.put(rtu + "port", String.valueOf(north.port()));
        config.put(rtu + "interrogation-period", "PT0S");
        config.put(rtu + "reconnect-initial", "PT0.1S");
        config.put(rtu + "reconnect-max", "PT0.5S");
        point(config, rtu, "gen1-p", 1001, "gen-1", "ACTIVE_POWER", "kW", "1");
        point(config, rtu, "bus7-v", 1002, "bus-7", "VOLTAGE", "V", "10");
        point(config, rtu, "gen1-online", 2001, "gen-1", "AVAILABLE_POWER", "MW", "20");
        point(config, rtu, "load9-p", 1005, "load-9", "ACTIVE_POWER", "MW", "1");
        for (String station : List.of(STRANGER, REVOKED)) {
            String key = "gridai.ingestion.field.iec104.stations." + station + ".";
            config.put(key + "host", "127.0.0.1");
            config.put(key + "port", String.valueOf(stranger.port()));
            config.put(key + "interrogation-period", "PT0S");
            config.put(key + "reconnect-initial", "PT0.1S");
            point(config, key, "bus7-v", 1002, "bus-7", "VOLTAGE", "V", "10");
        }

        String device = "gridai.ingestion.field.modbus.devices." + INVERTER + ".";
        config.put(device + "host", "127.0.0.1");
        config.put(device + "port", String.valueOf(modbusPort));
        config.put(device + "poll-interval", "PT0.25S");
        config.put(device + "timeout", "PT1S");
        config.put(device + "reconnect-initial", "PT0.1S");
        register(config, device, "f", "0", "holding", "float32", "big", "inv-3", "FREQUENCY", "Hz", "1");
        register(config, device, "p", "2", "holding", "float32", "little", "inv-3", "ACTIVE_POWER", "kW", "1");
        register(config, device, "v", "0", "input", "uint16", "big", "inv-3", "VOLTAGE", "V", "0.1");
        register(config, device, "t", "100", "holding", "int16", "big", "inv-3", "TEMPERATURE", "°C", "1");
        return config;
    }

    private static void source(Map<String, String> config, String id, String utility, String assets, String kinds) {
        config.put("gridai.ingestion.sources." + id + ".utility", utility);
        config.put("gridai.ingestion.sources." + id + ".allowed-assets", assets);
        config.put("gridai.ingestion.sources." + id + ".allowed-kinds", kinds);
    }

    private static void point(Map<String, String> config, String station, String name, int ioa, String asset,
            String kind, String unit, String scale) {
        String key = station + "points." + name + ".";
        config.put(key + "ioa", String.valueOf(ioa));
        config.put(key + "asset", asset);
        config.put(key + "kind", kind);
        config.put(key + "unit", unit);
        config.put(key + "scale", scale);
    }

    private static void register(Map<String, String> config, String device, String name, String address,
            String table, String type, String order, String asset, String kind, String unit, String scale) {
        String key = device + "registers." + name + ".";
        config.put(key + "address", address);
        config.put(key + "table", table);
        config.put(key + "type", type);
        config.put(key + "word-order", order);
        config.put(key + "asset", asset);
        config.put(key + "kind", kind);
        config.put(key + "unit", unit);
        config.put(key + "scale", scale);
    }

    private static SimpleProcessImage image() {
        SimpleProcessImage image = new SimpleProcessImage(1);
        for (int word : RegisterDecoder.float32(49.98f, WordOrder.BIG)) {
            image.addRegister(new SimpleRegister(word));
        }
        for (int word : RegisterDecoder.float32(-12.5f, WordOrder.LITTLE)) {
            image.addRegister(new SimpleRegister(word));
        }
        image.addInputRegister(new SimpleInputRegister(2301));
        return image;
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (north != null) {
            north.close();
        }
        if (stranger != null) {
            stranger.close();
        }
        if (slave != null) {
            slave.close();
        }
        north = null;
        stranger = null;
        slave = null;
    }
}
