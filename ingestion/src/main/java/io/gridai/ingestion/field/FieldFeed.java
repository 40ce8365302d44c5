package io.gridai.ingestion.field;

import io.gridai.model.Measurement;
import io.gridai.protocols.live.c37118.PmuClient;
import io.gridai.protocols.live.c37118.PmuClientSettings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridai.ingestion.config.IngestionConfig;
import io.gridai.ingestion.feed.RawRecord;
import io.gridai.ingestion.ingest.IngestResult;
import io.gridai.ingestion.ingest.IngestionService;
import io.gridai.ingestion.ingest.Prepared;
import io.gridai.ingestion.metrics.IngestionMetrics;
import io.gridai.ingestion.source.Authentication;
import io.gridai.ingestion.source.SourceRegistry;
import io.gridai.model.QualityFlag;
import io.gridai.model.id.MeasurementId;
import io.gridai.model.id.SourceId;
import io.gridai.protocols.live.FieldEvent;
import io.gridai.protocols.live.FieldReading;
import io.gridai.protocols.live.FieldSink;
import io.gridai.protocols.live.iec104.Iec104Client;
import io.gridai.protocols.live.iec104.Iec104Decoder;
import io.gridai.protocols.live.iec104.Iec104Station;
import io.gridai.protocols.live.modbus.ModbusDevice;
import io.gridai.protocols.live.modbus.ModbusPoller;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The field protocols feed: ingestion is the client of IEC 60870-5-104 outstations ({@link Iec104Client}), polls
 * Modbus TCP devices ({@link ModbusPoller}) and takes IEEE C37.118.2 synchrophasor streams ({@link PmuClient}; each
 * data frame one batch) configured under {@code gridai.ingestion.field}. Each station or device is
 * a source of the registry (its configuration key is its source id); each ASDU or poll is one batch, verified and
 * validated by {@link IngestionService} like an HTTP batch of that source (allowed assets and kinds, unit conversion
 * to the canonical unit, plausible ranges, time skew, duplicates) and published by the same producer, with the quality
 * flags the device reported. Refusals are dead letters with channel {@code iec104} or {@code modbus} whose payload is
 * the reading as JSON (asset, kind, value, unit, time, quality, origin on the wire); a station no source has, or a
 * revoked source, is refused as a whole (one dead letter per batch) and counted.
 *
 * <p><b>Backpressure.</b> Field devices cannot be held back or asked to send again: the clients hand each batch to a
 * bounded queue ({@code max-pending-batches}), one thread publishes what is queued with one wait for Kafka's
 * acknowledgements, and while Kafka does not acknowledge it retries after {@code retry-backoff}. When the queue is
 * full, further batches are dropped and counted (event {@code dropped}); the next interrogation or poll brings the
 * current values again.
 *
 * <p>Off unless a station or device is configured: no thread, no connection.
 */
@Startup
@ApplicationScoped
public class FieldFeed implements FieldSink {

    private static final Logger LOG = Logger.getLogger(FieldFeed.class);
    private static final String CONTENT_TYPE = "application/json";
    /** The channel of PMU readings (dead letters, metrics). */
    static final String PMU_PROTOCOL = "c37118";
    /** Most queued batches published together, with one wait for acknowledgements. */
    private static final int MAX_GROUP = 200;

    private final IngestionService ingestion;
    private final IngestionMetrics metrics;
    private final IngestionConfig.Field config;
    private final List<Iec104Client> clients = new ArrayList<>();
    private final List<ModbusPoller> pollers = new ArrayList<>();
    private final List<PmuClient> pmus = new ArrayList<>();
    private final Map<SourceId, Authentication> authentications = new HashMap<>();
    private final BlockingQueue<Arrival> queue;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicLong dropped = new AtomicLong();
    private final ObjectMapper json = new ObjectMapper();
    private Thread worker;

    public FieldFeed(IngestionService ingestion, SourceRegistry registry, IngestionConfig config,
            IngestionMetrics metrics) {
        this.ingestion = ingestion;
        this.metrics = metrics;
        this.config = config.field();
        if (this.config.maxPendingBatches() < 1) {
            throw new ConfigurationException("gridai.ingestion.field.max-pending-batches is "
                    + this.config.maxPendingBatches() + "; give at least 1 (default 10000)");
        }
        this.queue = new ArrayBlockingQueue<>(this.config.maxPendingBatches());
        List<Iec104Station> stations = FieldConfigs.stations(this.config);
        List<ModbusDevice> devices = FieldConfigs.devices(this.config);
        List<PmuClientSettings> pmuSettings = FieldConfigs.pmus(this.config);
        FieldConfigs.requireDistinct(stations, devices, pmuSettings);
        for (Iec104Station station : stations) {
            authenticate(registry, station.source(), Iec104Decoder.PROTOCOL + " station " + station.source() + " at "
                    + station.host() + ":" + station.port(), station.points().size() + " points");
            Iec104Client client = new Iec104Client(station, this);
            metrics.fieldConnected(station.source().value(), Iec104Decoder.PROTOCOL, client::connected);
            clients.add(client);
        }
        for (ModbusDevice device : devices) {
            authenticate(registry, device.source(), ModbusPoller.PROTOCOL + " device " + device.source() + " at "
                    + device.host() + ":" + device.port() + " unit " + device.unitId(), device.registers().size()
                    + " registers every " + device.pollInterval());
            ModbusPoller poller = new ModbusPoller(device, this);
            metrics.fieldConnected(device.source().value(), ModbusPoller.PROTOCOL, poller::connected);
            pollers.add(poller);
        }
        for (PmuClientSettings pmu : pmuSettings) {
            authenticate(registry, pmu.source(), PMU_PROTOCOL + " PMU " + pmu.source() + " at " + pmu.host() + ":"
                    + pmu.port() + " idcode " + pmu.idcode(), pmu.transport().name().toLowerCase(Locale.ROOT));
            PmuClient client = new PmuClient(pmu, measurements -> readings(pmu.source(), PMU_PROTOCOL,
                    pmuReadings(pmu, measurements), Instant.now()));
            metrics.fieldConnected(pmu.source().value(), PMU_PROTOCOL, () -> client.config() != null);
            pmus.add(client);
        }
        if (clients.isEmpty() && pollers.isEmpty() && pmus.isEmpty()) {
            LOG.info("field feed off (no gridai.ingestion.field.iec104.stations, .modbus.devices or .c37118.pmus"
                    + " configured)");
        }
    }

    /** A data frame's measurements (canonical units, STAT as quality) as the feed's readings. */
    private static List<FieldReading> pmuReadings(PmuClientSettings pmu, List<Measurement> measurements) {
        List<FieldReading> readings = new ArrayList<>(measurements.size());
        for (Measurement m : measurements) {
            readings.add(new FieldReading(pmu.source(), m.asset(), m.kind(), m.value(), m.kind().unit(), m.quality(),
                    m.eventTime(), PMU_PROTOCOL + " idcode=" + pmu.idcode()));
        }
        return readings;
    }

    private void authenticate(SourceRegistry registry, SourceId source, String what, String extent) {
        Authentication authentication = registry.authenticateStation(source, what);
        authentications.put(source, authentication);
        if (authentication instanceof Authentication.Unknown unknown) {
            LOG.warnf("field station refused source=%s detail=\"%s\"; everything it sends becomes UNKNOWN_SOURCE"
                    + " dead letters", source, unknown.detail());
        } else if (((Authentication.Known) authentication).source().revoked()) {
            LOG.warnf("field station refused source=%s detail=\"%s is revoked\"; everything it sends becomes"
                    + " REVOKED_SOURCE dead letters", source, what);
        } else {
            LOG.infof("field station source=%s station=\"%s\" %s", source, what, extent);
        }
    }

    void start(@Observes StartupEvent event) {
        if (clients.isEmpty() && pollers.isEmpty() && pmus.isEmpty()) {
            return;
        }
        worker = new Thread(this::publishLoop, "gridai-field-feed");
        worker.setDaemon(true);
        worker.start();
        clients.forEach(Iec104Client::start);
        pollers.forEach(ModbusPoller::start);
        pmus.forEach(PmuClient::start);
    }

    void stop(@Observes ShutdownEvent event) {
        clients.forEach(Iec104Client::close);
        pollers.forEach(ModbusPoller::close);
        pmus.forEach(PmuClient::close);
        stopping.countDown();
        if (worker != null) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!queue.isEmpty()) {
            LOG.warnf("field feed stopped with %d batches not published", queue.size());
        }
    }

    /** Stations and devices connected now, for tests and health views. */
    public long connected() {
        return clients.stream().filter(Iec104Client::connected).count()
                + pollers.stream().filter(ModbusPoller::connected).count()
                + pmus.stream().filter(p -> p.config() != null).count();
    }

    @Override
    public void readings(SourceId source, String protocol, List<FieldReading> readings, Instant receivedAt) {
        if (queue.offer(new Arrival(source, protocol, List.copyOf(readings)))) {
            return;
        }
        metrics.fieldEvent(source.value(), protocol, "dropped");
        long count = dropped.incrementAndGet();
        if (Long.bitCount(count) == 1) { // 1st, 2nd, 4th, 8th… drop: no log flood while Kafka is away
            LOG.warnf("field batch dropped source=%s protocol=%s readings=%d droppedSoFar=%d; the queue of %d batches"
                    + " waiting for Kafka is full (gridai.ingestion.field.max-pending-batches)", source, protocol,
                    readings.size(), count, config.maxPendingBatches());
        }
    }

    @Override
    public void event(SourceId source, String protocol, FieldEvent event, String detail) {
        String name = event.name().toLowerCase(Locale.ROOT).replace('_', '-');
        metrics.fieldEvent(source.value(), protocol, name);
        if (event == FieldEvent.UNMAPPED_POINT || event == FieldEvent.UNSUPPORTED_TYPE
                || event == FieldEvent.INDETERMINATE) {
            LOG.debugf("field value ignored source=%s protocol=%s event=%s detail=\"%s\"", source, protocol, name,
                    detail);
        }
    }

    private void publishLoop() {
        List<Arrival> group = new ArrayList<>();
        while (stopping.getCount() > 0) {
            try {
                Arrival first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                publish(group);
                group.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Publishes the group, trying again while Kafka does not acknowledge it (until the service stops). */
    private void publish(List<Arrival> group) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Set<MeasurementId> seen = new HashSet<>();
            List<Prepared> prepared = new ArrayList<>(group.size());
            for (Arrival arrival : group) {
                prepared.add(prepare(arrival, seen));
            }
            List<IngestResult> results = ingestion.ingest(prepared, Context.current(), List.of());
            if (results.stream().noneMatch(r -> r instanceof IngestResult.Unavailable)) {
                return;
            }
            LOG.warnf("field batches not acknowledged batches=%d attempt=%d retryIn=%s; kept and tried again",
                    group.size(), attempt, config.retryBackoff());
            if (stopping.await(config.retryBackoff().toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    private Prepared prepare(Arrival arrival, Set<MeasurementId> seen) {
        List<RawRecord> records = new ArrayList<>(arrival.readings().size());
        List<Set<QualityFlag>> quality = new ArrayList<>(arrival.readings().size());
        List<Map<String, Object>> documents = new ArrayList<>(arrival.readings().size());
        for (FieldReading reading : arrival.readings()) {
            Map<String, String> fields = new HashMap<>(8);
            fields.put(RawRecord.ASSET, reading.asset().value());
            fields.put(RawRecord.KIND, reading.kind().name());
            fields.put(RawRecord.VALUE, Double.toString(reading.value()));
            fields.put(RawRecord.UNIT, reading.unit().symbol());
            fields.put(RawRecord.TIME, reading.eventTime().toString());
            Map<String, Object> document = document(reading);
            documents.add(document);
            records.add(new RawRecord(records.size(), fields, bytes(document), CONTENT_TYPE,
                    Optional.empty()));
            quality.add(reading.quality());
        }
        return ingestion.prepareRecords(arrival.protocol(), authentications.get(arrival.source()), records, quality,
                bytes(documents), CONTENT_TYPE, seen);
    }

    /** The reading as a dead letter shows it: the record schema's fields, its quality, and where it came from. */
    private static Map<String, Object> document(FieldReading reading) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("source", reading.source().value());
        document.put(RawRecord.ASSET, reading.asset().value());
        document.put(RawRecord.KIND, reading.kind().name());
        document.put(RawRecord.VALUE, Double.isFinite(reading.value()) ? reading.value()
                : Double.toString(reading.value()));
        document.put(RawRecord.UNIT, reading.unit().symbol());
        document.put(RawRecord.TIME, reading.eventTime().toString());
        document.put("quality", reading.quality().stream().map(Enum::name).sorted().toList());
        document.put("origin", reading.origin());
        return document;
    }

    private byte[] bytes(Object document) {
        try {
            return json.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings, numbers and lists always serialises", e);
        }
    }

    /** One batch from a client: its source, protocol and readings. */
    private record Arrival(SourceId source, String protocol, List<FieldReading> readings) {
    }
}
