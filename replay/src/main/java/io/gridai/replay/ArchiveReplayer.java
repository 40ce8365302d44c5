package io.gridai.replay;

import io.gridai.archive.ArchiveReader;
import io.gridai.model.Measurement;
import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.id.AssetId;
import io.gridai.model.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams archived clean telemetry, in the archive's event-time order ({@link ArchiveReader}), into a sandbox's
 * {@code telemetry.raw}, paced by event time: at speed {@code s} a record {@code Δt} of event time after the first is
 * sent {@code Δt / s} of wall time after it (pauses excluded); at maximum speed as fast as the producer goes. Records
 * go as they were archived (same ids, sources, quality, event and ingest times), with the asset as key; the producer
 * is idempotent with {@code acks=all}, so the sandbox gets each record once, in order.
 */
public final class ArchiveReplayer {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveReplayer.class);

    /** Progress every this many records at most once per second, and at the end. */
    public record Progress(long records, Instant eventTime, double recordsPerSecond, boolean done) {
    }

    /**
     * What a replay sent: records, the event-time range covered, the wall time it took and its rate.
     *
     * @param stopped true when {@link ReplayControl#stop} ended it before the end of the window
     */
    public record Sent(long records, Instant firstEventTime, Instant lastEventTime, Duration wall, boolean stopped) {

        /** Records per second of wall time (pauses included). */
        public double recordsPerSecond() {
            double seconds = wall.toNanos() / 1e9;
            return seconds > 0 ? records / seconds : 0;
        }
    }

    private final ReplayRequest request;
    private final Topic<AssetId, Measurement> target;
    private final ReplayControl control;

    public ArchiveReplayer(ReplayRequest request, Topic<AssetId, Measurement> target, ReplayControl control) {
        this.request = request;
        this.target = target;
        this.control = control;
    }

    /** The producer a replay uses: idempotent, {@code acks=all}, batching for throughput. */
    public static Producer<byte[], byte[]> producer(String bootstrap, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** How many records the request's window holds: what {@link #run} sends unless stopped. */
    public long count() {
        try (Stream<Measurement> stream = ArchiveReader.of(request.archive(), ArchiveDataset.TELEMETRY)
                .read(query())) {
            return stream.count();
        }
    }

    private ArchiveReader.Query query() {
        return ArchiveReader.Query.between(request.from(), request.to()).subjects(request.assets());
    }

    /** Replays the request's window through {@code producer}; returns once everything sent was acknowledged. */
    public Sent run(Producer<byte[], byte[]> producer, Consumer<Progress> progress) throws InterruptedException {
        ArchiveReader<Measurement> reader = ArchiveReader.of(request.archive(), ArchiveDataset.TELEMETRY);
        ArchiveReader.Query query = query();
        Serializer<AssetId> keys = target.keySerde().serializer();
        Serializer<Measurement> values = target.valueSerde().serializer();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long lastProgress = start;
        long records = 0;
        Instant first = null;
        long origin = 0;
        Instant last = null;
        boolean stopped = false;
        Future<?> lastSend = null;
        try (Stream<Measurement> stream = reader.read(query)) {
            Iterator<Measurement> it = stream.iterator();
            while (it.hasNext()) {
                Measurement m = it.next();
                if (first == null) {
                    first = m.eventTime();
                    origin = System.nanoTime() - control.pausedNanos();
                }
                boolean go = request.maxSpeed() ? control.awaitRunning()
                        : control.awaitDue(origin
                                + (long) (Duration.between(first, m.eventTime()).toNanos() / request.speed()));
                if (!go) {
                    stopped = true;
                    break;
                }
                if (failure.get() != null) {
                    break;
                }
                lastSend = producer.send(new ProducerRecord<>(target.name(), null, m.eventTime().toEpochMilli(),
                        keys.serialize(target.name(), m.asset()), values.serialize(target.name(), m)),
                        (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                records++;
                last = m.eventTime();
                long now = System.nanoTime();
                if (now - lastProgress >= 1_000_000_000L) {
                    lastProgress = now;
                    progress.accept(new Progress(records, last, records / ((now - start) / 1e9), false));
                }
            }
        }
        producer.flush();
        if (lastSend != null) {
            try {
                lastSend.get();
            } catch (ExecutionException e) {
                failure.compareAndSet(null, e);
            }
        }
        if (failure.get() != null) {
            throw new ReplayException("Kafka refused a replayed record for " + target.name() + ": "
                    + failure.get().getMessage() + "; the sandbox is incomplete, replay again", failure.get());
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        Sent sent = new Sent(records, first, last, wall, stopped);
        progress.accept(new Progress(records, last, sent.recordsPerSecond(), true));
        LOG.info("replay sent sandbox={} records={} from={} to={} wallMs={} recordsPerSecond={} stopped={}",
                request.sandbox(), records, first, last, wall.toMillis(), Math.round(sent.recordsPerSecond()),
                stopped);
        return sent;
    }
}
