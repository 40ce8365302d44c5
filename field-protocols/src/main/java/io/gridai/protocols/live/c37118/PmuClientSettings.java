package io.gridai.protocols.live.c37118;

import java.time.Duration;
import java.util.Objects;

import io.gridai.model.id.SourceId;
import io.gridai.protocols.c37118.PmuMeasurements.AssetNaming;
import io.gridai.protocols.c37118.PmuMeasurements.VoltageBasis;

/**
 * How a {@link PmuClient} reaches one PMU or PDC data stream and names what it measures.
 *
 * @param host             the PMU's (or PDC's) address
 * @param port             its command port: TCP for {@link Transport#TCP} and {@link Transport#UDP_DATA_TCP_COMMANDS},
 *                         UDP for {@link Transport#UDP} (C37.118 defaults: 4712 TCP, 4713 UDP)
 * @param transport        where commands and data travel
 * @param idcode           the data stream's IDCODE, put in every command frame
 * @param dataPort         the local UDP port the PMU streams data to (UDP transports); 0 picks a free port, which
 *                         {@link PmuClient#dataPort()} then tells
 * @param connectTimeout   TCP connect timeout; default {@link #DEFAULT_CONNECT_TIMEOUT}
 * @param dataTimeout      no configuration within this time after a (re)connect, or no data frame for this long,
 *                         and the client reconnects; default {@link #DEFAULT_DATA_TIMEOUT}
 * @param backoffInitial   first wait before a reconnect, doubled after each failed attempt; default
 *                         {@link #DEFAULT_BACKOFF_INITIAL}
 * @param backoffMax       longest wait between reconnects; default {@link #DEFAULT_BACKOFF_MAX}
 * @param source           the source id every measurement carries (one per PMU station)
 * @param naming           asset names of the values; default {@link AssetNaming#BY_IDCODE}
 * @param basis            whether voltage magnitudes are phase-to-neutral (× √3) or line-to-line; default
 *                         {@link VoltageBasis#PHASE_TO_NEUTRAL}
 * @param useCfg3          ask for CFG-3 rather than CFG-2; default false
 */
public record PmuClientSettings(String host, int port, Transport transport, int idcode, int dataPort,
        Duration connectTimeout, Duration dataTimeout, Duration backoffInitial, Duration backoffMax, SourceId source,
        AssetNaming naming, VoltageBasis basis, boolean useCfg3) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_DATA_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofMillis(500);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(30);

    /** Where commands and data travel (C37.118.2-2011 annex: TCP only, UDP only, or TCP commands with UDP data). */
    public enum Transport {
        /** Commands and data on one TCP connection to {@code host:port}. */
        TCP,
        /** Commands on TCP to {@code host:port}; the PMU streams data to the client's UDP {@code dataPort}. */
        UDP_DATA_TCP_COMMANDS,
        /** Commands as UDP datagrams to {@code host:port}; configuration and data come back to {@code dataPort}. */
        UDP
    }

    public PmuClientSettings {
        Objects.requireNonNull(host, "host: the PMU's address");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(source, "source: the source id of this PMU station's measurements");
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        dataTimeout = dataTimeout == null ? DEFAULT_DATA_TIMEOUT : dataTimeout;
        backoffInitial = backoffInitial == null ? DEFAULT_BACKOFF_INITIAL : backoffInitial;
        backoffMax = backoffMax == null ? DEFAULT_BACKOFF_MAX : backoffMax;
        naming = naming == null ? AssetNaming.BY_IDCODE : naming;
        basis = basis == null ? VoltageBasis.PHASE_TO_NEUTRAL : basis;
        if (port < 1 || port > 0xffff) {
            throw new IllegalArgumentException("port " + port + " is not a TCP/UDP port; give the PMU's command port"
                    + " (4712 for TCP, 4713 for UDP by default)");
        }
        if (dataPort < 0 || dataPort > 0xffff) {
            throw new IllegalArgumentException("dataPort " + dataPort + " is not a UDP port; give 0 for any free port");
        }
        if (idcode < 0 || idcode > 0xffff) {
            throw new IllegalArgumentException("idcode " + idcode + " does not fit C37.118's 16-bit IDCODE");
        }
        if (backoffInitial.isNegative() || backoffInitial.isZero() || backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("back-off " + backoffInitial + " … " + backoffMax + ": the initial wait"
                    + " must be positive and no longer than the longest");
        }
        if (dataTimeout.isNegative() || dataTimeout.isZero()) {
            throw new IllegalArgumentException("dataTimeout " + dataTimeout + " must be positive");
        }
    }

    /** All-TCP settings with the defaults. */
    public static PmuClientSettings tcp(String host, int port, int idcode, SourceId source) {
        return new PmuClientSettings(host, port, Transport.TCP, idcode, 0, null, null, null, null, source, null, null,
                false);
    }

    public PmuClientSettings withTransport(Transport transport, int dataPort) {
        return new PmuClientSettings(host, port, transport, idcode, dataPort, connectTimeout, dataTimeout,
                backoffInitial, backoffMax, source, naming, basis, useCfg3);
    }

    public PmuClientSettings withTimeouts(Duration connectTimeout, Duration dataTimeout) {
        return new PmuClientSettings(host, port, transport, idcode, dataPort, connectTimeout, dataTimeout,
                backoffInitial, backoffMax, source, naming, basis, useCfg3);
    }

    public PmuClientSettings withBackoff(Duration initial, Duration max) {
        return new PmuClientSettings(host, port, transport, idcode, dataPort, connectTimeout, dataTimeout, initial, max,
                source, naming, basis, useCfg3);
    }

    public PmuClientSettings withNaming(AssetNaming naming, VoltageBasis basis) {
        return new PmuClientSettings(host, port, transport, idcode, dataPort, connectTimeout, dataTimeout,
                backoffInitial, backoffMax, source, naming, basis, useCfg3);
    }

    public PmuClientSettings withCfg3(boolean useCfg3) {
        return new PmuClientSettings(host, port, transport, idcode, dataPort, connectTimeout, dataTimeout,
                backoffInitial, backoffMax, source, naming, basis, useCfg3);
    }
}
