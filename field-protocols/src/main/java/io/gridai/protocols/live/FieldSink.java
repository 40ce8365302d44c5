package io.gridai.protocols.live;

import io.gridai.model.id.SourceId;
import java.time.Instant;
import java.util.List;

/**
 * Where a field client delivers. Called from the client's own threads; an implementation must not block for long
 * (hand the readings to a queue) and must not throw.
 */
public interface FieldSink {

    /**
     * Values that arrived together: one ASDU of an IEC 104 outstation, or one poll of a Modbus device.
     *
     * @param source     the station's or device's source id
     * @param protocol   {@code iec104} or {@code modbus}
     * @param readings   the values, in the order the device sent them; never empty
     * @param receivedAt when they arrived
     */
    void readings(SourceId source, String protocol, List<FieldReading> readings, Instant receivedAt);

    /**
     * Something other than values happened (see {@link FieldEvent}); {@code detail} says what, for a log line.
     */
    void event(SourceId source, String protocol, FieldEvent event, String detail);
}
