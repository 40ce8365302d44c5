package io.gridai.flink.live;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import io.gridai.model.wire.WireFormat;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the latest clean value per asset and kind in a Hazelcast IMap ({@link LiveStateKeys}) without ever
 * blocking the pipeline: writes are coalesced per key (newer event time wins) and sent with
 * {@code putAllAsync} in batches, at most {@value #MAX_IN_FLIGHT} batches in flight per subtask; while those are
 * outstanding, new values replace pending ones instead of queueing. OUT_OF_RANGE readings are not written. Live
 * state is a cache, not a record: it is at-least-once and a failed batch is logged and counted, not retried.
 */
public final class LiveStateSink implements Sink<Measurement> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LiveStateSink.class);
    static final int MAX_IN_FLIGHT = 2;

    private final LiveStateTarget target;
    private final String mapName;
    private final Duration flushInterval;

    public LiveStateSink(LiveStateTarget target, String mapName, Duration flushInterval) {
        this.target = target;
        this.mapName = mapName;
        this.flushInterval = flushInterval;
    }

    @Override
    public SinkWriter<Measurement> createWriter(WriterInitContext context) {
        Writer writer = new Writer(target, mapName, flushInterval.toNanos(),
                context.metricGroup().counter("liveStateFailedBatches"));
        writer.scheduleFlushes(context.getProcessingTimeService(), flushInterval.toMillis());
        return writer;
    }

    private static final class Writer implements SinkWriter<Measurement> {
        private final LiveStateTarget target;
        private final HazelcastInstance hazelcast;
        private final IMap<String, byte[]> map;
        private final long flushIntervalNanos;
        private final Counter failedBatches;
        private final WireFormat<Measurement> format = WireFormat.of(Measurement.class);
        private final Map<String, Long> newest = new HashMap<>();
        private final AtomicInteger inFlight = new AtomicInteger();
        private Map<String, byte[]> pending = new HashMap<>();
        private long lastSend = System.nanoTime();

        Writer(LiveStateTarget target, String mapName, long flushIntervalNanos, Counter failedBatches) {
            this.target = target;
            this.hazelcast = target.connect();
            this.map = hazelcast.getMap(mapName);
            this.flushIntervalNanos = flushIntervalNanos;
            this.failedBatches = failedBatches;
        }

        @Override
        public void write(Measurement m, Context context) {
            if (m.quality().contains(QualityFlag.OUT_OF_RANGE)) {
                return;
            }
            String key = LiveStateKeys.of(m.asset(), m.kind());
            long eventNanos = m.eventTime().getEpochSecond() * 1_000_000_000L + m.eventTime().getNano();
            Long known = newest.get(key);
            if (known != null && known >= eventNanos) {
                return;
            }
            newest.put(key, eventNanos);
            pending.put(key, format.encode(m));
            if (System.nanoTime() - lastSend >= flushIntervalNanos) {
                send();
            }
        }

        private void send() {
            if (pending.isEmpty() || inFlight.get() >= MAX_IN_FLIGHT) {
                return;
            }
            Map<String, byte[]> batch = pending;
            pending = new HashMap<>();
            lastSend = System.nanoTime();
            inFlight.incrementAndGet();
            map.putAllAsync(batch).whenComplete((ignored, failure) -> {
                inFlight.decrementAndGet();
                if (failure != null) {
                    failedBatches.inc();
                    LOG.warn("live state: a batch of {} values was not written to Hazelcast: {}", batch.size(),
                            failure.toString());
                }
            });
        }

        /** A quiet stream still reaches Hazelcast within the flush interval (timers run in the task thread). */
        void scheduleFlushes(ProcessingTimeService time, long everyMillis) {
            time.registerTimer(time.getCurrentProcessingTime() + everyMillis, now -> {
                send();
                scheduleFlushes(time, everyMillis);
            });
        }

        @Override
        public void flush(boolean endOfInput) {
            send();
        }

        @Override
        public void close() throws InterruptedException {
            send();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(10); // bounded wait for outstanding batches at shutdown only
            }
            if (target.ownsInstance()) {
                hazelcast.shutdown();
            }
        }
    }
}
