package io.gridai.protocols.live.modbus;

import io.gridai.model.id.SourceId;
import io.gridai.protocols.live.Backoff;
import io.gridai.protocols.points.ModbusRegister;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One Modbus TCP device (inverter, meter, battery controller) to poll.
 *
 * @param source       its source id (every reading carries it)
 * @param host         its address
 * @param port         its TCP port (502 is the standard one)
 * @param unitId       the unit identifier (slave id) to address, 0…255 (behind a gateway: the serial device's id)
 * @param pollInterval time between the starts of two polls of all its registers
 * @param timeout      how long one request may wait for its answer (also the connect timeout)
 * @param reconnect    back-off between connection attempts
 * @param registers    what to read, and what each value becomes
 */
public record ModbusDevice(SourceId source, String host, int port, int unitId, Duration pollInterval,
        Duration timeout, Backoff reconnect, List<ModbusRegister> registers) {

    public ModbusDevice {
        Objects.requireNonNull(source, "source");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("device " + source + " has no host; give the device's address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("device " + source + ": port " + port + " is outside 1..65535"
                    + " (Modbus TCP's standard port is 502)");
        }
        if (unitId < 0 || unitId > 255) {
            throw new IllegalArgumentException("device " + source + ": unit id " + unitId + " is outside 0..255");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("device " + source + ": poll interval " + pollInterval
                    + " must be positive, e.g. PT1S");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("device " + source + ": timeout " + timeout
                    + " must be positive, e.g. PT2S");
        }
        Objects.requireNonNull(reconnect, "reconnect");
        registers = List.copyOf(registers);
        if (registers.isEmpty()) {
            throw new IllegalArgumentException("device " + source + " has no registers; map at least one register"
                    + " to an asset and kind");
        }
    }

    @Override
    public String toString() {
        return source + "@" + host + ":" + port + "/" + unitId;
    }
}
