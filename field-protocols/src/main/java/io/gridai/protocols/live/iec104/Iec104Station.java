package io.gridai.protocols.live.iec104;

import io.gridai.model.QualityFlag;
import io.gridai.model.id.SourceId;
import io.gridai.protocols.live.Backoff;
import io.gridai.protocols.points.Iec104PointMap;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * One IEC 60870-5-104 outstation (RTU, substation gateway) to take data from.
 *
 * @param source              its source id (every reading carries it)
 * @param host                its address
 * @param port                its TCP port (2404 is the standard one)
 * @param connectTimeout      how long a TCP connect and the STARTDT confirmation may take
 * @param interrogationPeriod how often a general interrogation is repeated while connected (one is always sent on
 *                            connect); zero: only on connect
 * @param reconnect           back-off between connection attempts
 * @param timeZone            the zone the station's CP56Time2a tags are in (UTC in most utilities' practice)
 * @param receiveTimeFlag     the flag a value without a time tag gets (its event time is the receive time); empty:
 *                            none
 * @param points              what each information object becomes
 */
public record Iec104Station(SourceId source, String host, int port, Duration connectTimeout,
        Duration interrogationPeriod, Backoff reconnect, ZoneId timeZone, Optional<QualityFlag> receiveTimeFlag,
        Iec104PointMap points) {

    public Iec104Station {
        Objects.requireNonNull(source, "source");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("station " + source + " has no host; give the outstation's address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("station " + source + ": port " + port + " is outside 1..65535"
                    + " (IEC 104's standard port is 2404)");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("station " + source + ": connect timeout " + connectTimeout
                    + " must be positive, e.g. PT5S");
        }
        if (interrogationPeriod.isNegative()) {
            throw new IllegalArgumentException("station " + source + ": interrogation period " + interrogationPeriod
                    + " is negative; give zero (only on connect) or a period such as PT15M");
        }
        Objects.requireNonNull(reconnect, "reconnect");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(receiveTimeFlag, "receiveTimeFlag");
        Objects.requireNonNull(points, "points");
    }

    @Override
    public String toString() {
        return source + "@" + host + ":" + port;
    }
}
