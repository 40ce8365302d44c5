package io.gridai.ingestion.config;

import io.gridai.ingestion.source.AssetPattern;
import io.gridai.ingestion.validate.PlausibleRange;
import io.gridai.model.unit.MeasurementKind;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything ingestion reads from configuration, under {@code gridai.ingestion}. Kafka client settings
 * ({@code kafka.bootstrap.servers} and any other {@code kafka.*} key) are read by {@code TelemetryPublisher}.
 */
@ConfigMapping(prefix = "gridai.ingestion")
public interface IngestionConfig {

    /**
     * The approved feeds, by source id (the map key, a valid {@code SourceId} such as {@code utility-a}).
     * Only these may send telemetry; an empty map refuses everything.
     */
    Map<String, Source> sources();

    /** The HTTP feed. */
    Http http();

    /** The MQTT feed (its broker connection is the {@code mp.messaging.incoming.mqtt-telemetry.*} channel). */
    Mqtt mqtt();

    /** The Kafka-direct feed. */
    KafkaDirect kafkaDirect();

    /** The field protocols: IEC 60870-5-104 stations and Modbus TCP devices ingestion connects to itself. */
    Field field();

    /** Per-record validation. */
    Validation validation();

    /** Recognising re-sent records. */
    Dedup dedup();

    /** Producing to Kafka. */
    Kafka kafka();

    /** Records kept on the dead-letter topic. */
    DeadLetter deadLetter();

    /** One approved feed. */
    interface Source {

        /** The utility that operates the feed, as shown to operators (e.g. {@code North Grid Co}). */
        String utility();

        /**
         * The secret the feed sends in the {@code X-Api-Key} header of the HTTP feed; at least 16 characters,
         * unique across sources. Absent: the source cannot use the HTTP feed.
         */
        Optional<String> apiKey();

        /**
         * The MQTT username the feed's devices connect to the MQTT broker with. The feed publishes under
         * {@code <mqtt.topic-root>/<username>/…}, and the broker's ACL must let each username write only below
         * its own level (mosquitto: {@code pattern write gridai/telemetry/%u/#}); ingestion takes the source from
         * that level. Absent: the source cannot use the MQTT feed.
         */
        Optional<String> mqttUsername();

        /**
         * SHA-256 fingerprints (hex, colons allowed, as {@code openssl x509 -noout -fingerprint -sha256} prints
         * them) of the client certificates the source may present on the HTTPS port instead of an API key. The
         * TLS handshake proves the sender holds the certificate's key; the certificate must also be trusted by
         * the server's trust store ({@code quarkus.tls.trust-store.p12.path} or another {@code quarkus.tls} store).
         */
        Optional<List<String>> clientCertificateSha256();

        /**
         * Whether the source produces to its own Kafka topic ({@code telemetry.inbound.<id>}), which ingestion
         * creates if missing, reads, verifies and re-publishes. The broker's ACL must let only this source write
         * to it.
         */
        @WithDefault("false")
        boolean kafkaDirect();

        /**
         * Assets the source may report: exact asset ids ({@code gen-1}) or prefixes ending in {@code *}
         * ({@code gen-*}; {@code *} alone allows every asset).
         */
        List<@WithConverter(AssetPattern.Converter.class) AssetPattern> allowedAssets();

        /** Measurement kinds the source may report ({@code ACTIVE_POWER}, {@code FREQUENCY}, …). */
        Set<MeasurementKind> allowedKinds();

        /** A revoked source is refused as a whole (HTTP 403) and its refusals are counted. */
        @WithDefault("false")
        boolean revoked();
    }

    /** The HTTP feed. */
    interface Http {

        /** Most records in one batch; a larger batch is refused with 413 and should be split. */
        @WithDefault("10000")
        int maxBatchRecords();

        /**
         * The {@code Retry-After} given with a 503 when Kafka did not acknowledge a batch in time, and with a 429
         * when a source has too many batches in flight.
         */
        @WithDefault("PT5S")
        Duration retryAfter();

        /**
         * Most batches of one source processed at once (all unidentified senders share one such budget); one
         * more is answered 429 with {@code Retry-After}. Send batches one or a few at a time.
         */
        @WithDefault("4")
        int maxInFlightPerSource();

        /** Most batches processed at once over all sources; one more is answered 429. */
        @WithDefault("32")
        int maxInFlight();
    }

    /** The MQTT feed. */
    interface Mqtt {

        /**
         * Whether ingestion subscribes to an MQTT broker. Off by default: a plain start needs no broker. When on,
         * the connection is the {@code mp.messaging.incoming.mqtt-telemetry.*} channel (host, port, username,
         * password, client id), and its password must be set.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * Most messages taken from the broker and not yet acknowledged to it (waiting for Kafka). A message beyond
         * this is left unacknowledged and untouched, for the broker to deliver again; the broker's own in-flight
         * window (mosquitto {@code max_inflight_messages}, default 20; Moquette 10) normally keeps far below it.
         */
        @WithDefault("1000")
        int maxPending();

        /**
         * The topic level below which sources publish: {@code <topic-root>/<mqtt-username>/<anything>}. The
         * channel subscribes to {@code <topic-root>/#}.
         */
        @WithDefault("gridai/telemetry")
        String topicRoot();

        /**
         * How long a message waits between attempts when Kafka did not acknowledge it. The message is not
         * acknowledged to the MQTT broker meanwhile, so the broker holds (QoS 1) and redelivers it; no more
         * messages are taken in the meantime.
         */
        @WithDefault("PT1S")
        Duration retryBackoff();
    }

    /** The Kafka-direct feed: sources with {@code kafka-direct=true} produce to their own inbound topic. */
    interface KafkaDirect {

        /** The consumer group ingestion reads the inbound topics with. */
        @WithDefault("gridai-ingestion")
        String groupId();

        /**
         * Consumers (threads) reading the inbound topics in the group; the inbound partitions are shared among
         * them, so one validates while another waits for Kafka's acknowledgement. More than the inbound topics'
         * partitions (3 each) stay idle.
         */
        @WithDefault("2")
        int consumers();

        /** Most records taken from the inbound topics per poll (each record is a batch of one or more). */
        @WithDefault("500")
        int maxPollRecords();

        /** How long to wait before polling again after Kafka did not acknowledge a re-published batch. */
        @WithDefault("PT1S")
        Duration retryBackoff();
    }

    /**
     * The field protocols. Each station or device is keyed by its source id, which must be a registered source
     * ({@code gridai.ingestion.sources.<id>}): what a station sends is verified and validated like any batch of that
     * source, and refused (dead letter {@code UNKNOWN_SOURCE}) when no source has its id. Nothing connects unless a
     * station or device is configured.
     */
    interface Field {

        /** IEC 60870-5-104 ({@code gridai.ingestion.field.iec104.stations.<source id>.*}). */
        Iec104 iec104();

        /** Modbus TCP ({@code gridai.ingestion.field.modbus.devices.<source id>.*}). */
        Modbus modbus();

        /** IEEE C37.118.2 synchrophasors ({@code gridai.ingestion.field.c37118.pmus.<source id>.*}). */
        C37118 c37118();

        /**
         * Most batches (an ASDU, a poll) waiting for Kafka. While Kafka is away the feed keeps this many and counts
         * further ones as {@code dropped} (metric {@code gridai_ingestion_field_events_total{event="dropped"}}): field
         * devices cannot be asked to send again, except by the next interrogation or poll.
         */
        @WithDefault("10000")
        int maxPendingBatches();

        /** How long to wait before publishing again after Kafka did not acknowledge. */
        @WithDefault("PT1S")
        Duration retryBackoff();
    }

    /** IEC 60870-5-104. */
    interface Iec104 {

        /** The outstations (RTUs, substation gateways) to connect to, by source id. */
        Map<String, Iec104Station> stations();
    }

    /** Modbus TCP. */
    interface Modbus {

        /** The devices (inverters, meters, battery controllers) to poll, by source id. */
        Map<String, ModbusDevice> devices();
    }

    /** One IEC 104 outstation. */
    interface Iec104Station {

        /** Its host name or address. */
        String host();

        /** Its TCP port. */
        @WithDefault("2404")
        int port();

        /** The common address (ASDU address) of its points, unless a point names another. */
        @WithDefault("1")
        int commonAddress();

        /** How long the TCP connect and the STARTDT confirmation may take. */
        @WithDefault("PT5S")
        Duration connectTimeout();

        /**
         * How often a general interrogation is repeated while connected (one is always sent on connect); {@code PT0S}:
         * only on connect.
         */
        @WithDefault("PT15M")
        Duration interrogationPeriod();

        /** Wait after the first failed connection attempt; it doubles with every further failure. */
        @WithDefault("PT1S")
        Duration reconnectInitial();

        /** Longest wait between connection attempts. */
        @WithDefault("PT1M")
        Duration reconnectMax();

        /** The time zone its CP56Time2a time tags are in ({@code UTC}, {@code Europe/Berlin}, …). */
        @WithDefault("UTC")
        String timeZone();

        /**
         * The quality flag a value without a (valid) time tag gets; its event time is then the receive time.
         * {@code NONE}: no flag, for stations whose cyclic values carry no tags by design.
         */
        @WithDefault("SUSPECT")
        String receiveTimeFlag();

        /** Its points, by a name of your choice (used in messages). */
        Map<String, Iec104Point> points();
    }

    /** One information object of an IEC 104 station and what it becomes. */
    interface Iec104Point {

        /** The common address, when not the station's. */
        Optional<Integer> commonAddress();

        /** The information object address. */
        int ioa();

        /** The GridAI asset it measures (must be among the source's allowed assets). */
        String asset();

        /** What it measures (must be among the source's allowed kinds). */
        MeasurementKind kind();

        /** The unit of {@code raw value × scale} ({@code kW}, {@code V}, {@code Hz}, …), of the kind's dimension. */
        String unit();

        /**
         * Factor on the raw value: a short float's value, a scaled value's integer, a normalised value's fraction
         * (−1…1), a single or double point's 0 (off) or 1 (on).
         */
        @WithDefault("1")
        double scale();
    }

    /** IEEE C37.118.2. */
    interface C37118 {

        /** The PMUs or PDCs whose data streams to take, by source id. */
        Map<String, PmuStation> pmus();
    }

    /**
     * One PMU (or PDC) data stream. Its values become {@code VOLTAGE} (kV line-to-line), {@code VOLTAGE_ANGLE},
     * {@code CURRENT}, {@code FREQUENCY} and {@code ROCOF} readings of assets {@code pmu-<IDCODE>} (frequency, ROCOF)
     * and {@code pmu-<IDCODE>/<channel>} (phasors), at the frames' SOC + FRACSEC, with the STAT bits as quality.
     */
    interface PmuStation {

        /** Its host name or address. */
        String host();

        /** Its command port: TCP for {@code tcp} and {@code udp-data-tcp-commands}, UDP for {@code udp}. */
        @WithDefault("4712")
        int port();

        /** {@code tcp} (commands and data on one connection), {@code udp-data-tcp-commands} or {@code udp}. */
        @WithDefault("tcp")
        String transport();

        /** The data stream's IDCODE, put in every command frame. */
        int idcode();

        /** Local UDP port the PMU streams data to (UDP transports); 0 picks a free one. */
        @WithDefault("0")
        int dataPort();

        /** TCP connect timeout. */
        @WithDefault("PT5S")
        Duration connectTimeout();

        /** No configuration after a (re)connect, or no data frame, for this long: reconnect. */
        @WithDefault("PT5S")
        Duration dataTimeout();

        /** Wait after the first failed connection attempt; it doubles with every further failure. */
        @WithDefault("PT0.5S")
        Duration reconnectInitial();

        /** Longest wait between connection attempts. */
        @WithDefault("PT30S")
        Duration reconnectMax();

        /** {@code phase-to-neutral} (phasor magnitudes × √3 into line-to-line kV) or {@code line-to-line}. */
        @WithDefault("phase-to-neutral")
        String voltageBasis();

        /** Ask for CFG-3 rather than CFG-2. */
        @WithDefault("false")
        boolean cfg3();
    }

    /** One Modbus TCP device. */
    interface ModbusDevice {

        /** Its host name or address (or its Modbus gateway's). */
        String host();

        /** Its TCP port. */
        @WithDefault("502")
        int port();

        /** The unit identifier (slave id) to address. */
        @WithDefault("1")
        int unitId();

        /** Time between the starts of two polls of all its registers. */
        @WithDefault("PT1S")
        Duration pollInterval();

        /** How long one request (and the TCP connect) may wait for an answer. */
        @WithDefault("PT2S")
        Duration timeout();

        /** Wait after the first failed connection attempt; it doubles with every further failure. */
        @WithDefault("PT1S")
        Duration reconnectInitial();

        /** Longest wait between connection attempts. */
        @WithDefault("PT1M")
        Duration reconnectMax();

        /** Its registers, by a name of your choice (used in messages). */
        Map<String, ModbusRegister> registers();
    }

    /** One value of a Modbus device and what it becomes. */
    interface ModbusRegister {

        /** Zero-based protocol address of its first register (Modicon 40001 is 0). */
        int address();

        /** {@code holding} (function 3) or {@code input} (function 4). */
        @WithDefault("holding")
        String table();

        /** {@code int16}, {@code uint16}, {@code int32}, {@code uint32} or {@code float32}. */
        String type();

        /**
         * For 32-bit types: {@code big} (high word first, ABCD) or {@code little} (low word first, CDAB,
         * "word-swapped").
         */
        @WithDefault("big")
        String wordOrder();

        /** Factor on the number read. */
        @WithDefault("1")
        double scale();

        /** The unit of {@code number × scale}, of the kind's dimension. */
        String unit();

        /** The GridAI asset it measures (must be among the source's allowed assets). */
        String asset();

        /** What it measures (must be among the source's allowed kinds). */
        MeasurementKind kind();
    }

    /** Per-record validation. */
    interface Validation {

        /** How far in the future (ahead of this service's clock) a record's time may be. */
        @WithDefault("PT5M")
        Duration maxFutureSkew();

        /**
         * Plausible value ranges in each kind's canonical unit, as {@code KIND=min..max} (inclusive). Kinds
         * that are not listed are not range-checked. Setting the key replaces the whole list.
         */
        @WithDefault("FREQUENCY=40..70,VOLTAGE_PU=0..2,STATE_OF_CHARGE=0..100,BRANCH_LOADING=0..1000,"
                + "WIND_SPEED=0..100,IRRADIANCE=0..2000")
        List<@WithConverter(PlausibleRange.Converter.class) PlausibleRange> plausibleRanges();
    }

    /** Recognising re-sent records. */
    interface Dedup {

        /**
         * How many of the most recently acknowledged measurement ids are remembered; a record whose id is
         * among them is answered DUPLICATE and not published again. The window is in memory only: after a
         * restart the Flink cleaning job's keyed state drops the duplicates.
         */
        @WithDefault("100000")
        int windowSize();
    }

    /** Records kept on the dead-letter topic. */
    interface DeadLetter {

        /**
         * Most payload bytes kept per dead letter; a longer payload is cut to this size and its detail says so.
         * Keeps every dead letter under Kafka's default 1 MiB record limit.
         */
        @WithDefault("262144")
        int maxPayloadBytes();
    }

    /** Producing to Kafka. */
    interface Kafka {

        /**
         * How long a batch may wait for Kafka's acknowledgement of all its records (also the producer's
         * {@code delivery.timeout.ms} and {@code max.block.ms}); after it the batch is answered 503.
         */
        @WithDefault("PT10S")
        Duration ackTimeout();

        /**
         * How long the readiness check ({@code /q/health/ready}) waits for the broker to describe the topics this
         * service writes to.
         */
        @WithDefault("PT3S")
        Duration healthTimeout();
    }
}
