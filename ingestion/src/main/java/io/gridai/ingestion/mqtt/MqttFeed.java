package io.gridai.ingestion.mqtt;

import io.gridai.ingestion.config.IngestionConfig;
import io.gridai.ingestion.feed.BatchFormat;
import io.gridai.ingestion.ingest.IngestResult;
import io.gridai.ingestion.ingest.IngestionService;
import io.gridai.ingestion.metrics.IngestionMetrics;
import io.gridai.ingestion.source.Authentication;
import io.gridai.ingestion.source.SourceRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.reactive.messaging.mqtt.ReceivingMqttMessageMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The MQTT feed: sources publish to {@code <topic-root>/<mqtt-username>/<anything>} on an MQTT broker whose ACL lets
 * each username write only below its own level; this feed subscribes to {@code <topic-root>/#} at QoS 1 with a
 * persistent session (channel {@value #CHANNEL}), takes the source from the level after the root, and ingests each
 * message as one batch (one JSON object, a JSON array of them, or CSV).
 *
 * <p><b>Acknowledgement.</b> The PUBACK of a message goes to the broker only after Kafka acknowledged everything that
 * came of it: its accepted records and dead letters, or the dead letter of a message refused as a whole (unknown
 * source, revoked, unreadable). {@link ManualPubAck} turns off the client's automatic PUBACK, which would otherwise
 * be sent on arrival (see there for what the connector's source shows).
 *
 * <p><b>Backpressure.</b> When Kafka does not acknowledge, the message is not acknowledged either: it is tried again
 * after {@code gridai.ingestion.mqtt.retry-backoff}, and the messages behind it wait. Nothing is dropped; the broker
 * keeps every unacknowledged message of the persistent session, stops sending once its in-flight window is full
 * (queueing the rest on its side), and re-sends what is in flight after a reconnect. A repeat is harmless: measurement
 * ids make it a DUPLICATE. Messages are processed one at a time in arrival order on one thread; at most
 * {@code max-pending} wait here, and a re-sent copy of one already waiting replaces it instead of queueing twice.
 *
 * <p>Off unless {@code gridai.ingestion.mqtt.enabled=true}: the channel is then disabled
 * ({@code mp.messaging.incoming.mqtt-telemetry.enabled}), no MQTT client is created, and SmallRye Reactive Messaging
 * notes once at start-up that this method has no upstream.
 */
@Startup
@ApplicationScoped
public class MqttFeed {

    /** The incoming channel; its {@code mp.messaging.incoming.mqtt-telemetry.*} keys are the broker connection. */
    public static final String CHANNEL = "mqtt-telemetry";
    /** The channel written on this feed's dead letters. */
    public static final String DEAD_LETTER_CHANNEL = "mqtt";

    private static final Logger LOG = Logger.getLogger(MqttFeed.class);

    private final IngestionService ingestion;
    private final SourceRegistry registry;
    private final IngestionConfig.Mqtt config;
    /** Messages taken and not yet acknowledged, by MQTT packet id. Guarded by itself. */
    private final Map<Integer, Pending> pending = new HashMap<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gridai-mqtt-feed");
        thread.setDaemon(true);
        return thread;
    });

    public MqttFeed(IngestionService ingestion, SourceRegistry registry, IngestionConfig config,
            @ConfigProperty(name = "mp.messaging.incoming." + CHANNEL + ".password") Optional<String> password,
            IngestionMetrics metrics) {
        this.ingestion = ingestion;
        this.registry = registry;
        this.config = config.mqtt();
        if (this.config.maxPending() < 1) {
            throw new ConfigurationException("gridai.ingestion.mqtt.max-pending is " + this.config.maxPending()
                    + "; give at least 1 (default 1000)");
        }
        if (this.config.enabled() && password.filter(p -> !p.isBlank()).isEmpty()) {
            throw new ConfigurationException("gridai.ingestion.mqtt.enabled is true but mp.messaging.incoming."
                    + CHANNEL + ".password is not set; give ingestion's MQTT password in a properties file"
                    + " (QUARKUS_CONFIG_LOCATIONS) or as a -D system property; not as an environment variable, which"
                    + " cannot spell this channel's name (it has a dash)");
        }
        metrics.mqttUnacknowledged(this::unacknowledged);
        LOG.infof("mqtt feed %s topicRoot=%s", this.config.enabled() ? "on" : "off (gridai.ingestion.mqtt.enabled)",
                this.config.topicRoot());
    }

    /** Takes a message from the broker; returns at once, the PUBACK follows once Kafka acknowledged. */
    @Incoming(CHANNEL)
    public CompletionStage<Void> receive(Message<byte[]> message) {
        ReceivingMqttMessageMetadata mqtt = message.getMetadata(ReceivingMqttMessageMetadata.class)
                .orElseThrow(() -> new IllegalStateException("channel " + CHANNEL + " must use the smallrye-mqtt"
                        + " connector; its message has no MQTT metadata"));
        take(new Delivery(mqtt.getTopic(), mqtt.getMessageId(), message.getPayload(), mqtt.getMessage()::ack));
        return CompletableFuture.completedFuture(null);
    }

    /** Messages taken from the broker whose PUBACK has not been sent yet (waiting for Kafka, or being retried). */
    public int unacknowledged() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** One PUBLISH as received: its topic, packet id, body and the PUBACK to send for it. */
    record Delivery(String topic, int packetId, byte[] body, Runnable puback) {
    }

    void take(Delivery delivery) {
        synchronized (pending) {
            if (stopping.getCount() == 0) {
                return; // stopping: unacknowledged, the broker delivers it again to the next start
            }
            Pending waiting = pending.get(delivery.packetId());
            if (waiting != null) {
                // The broker sent it again (a re-send of an unacknowledged message): answer the newest copy.
                waiting.latest = delivery;
                LOG.debugf("mqtt message delivered again topic=%s packetId=%d", delivery.topic(),
                        delivery.packetId());
                return;
            }
            if (pending.size() >= config.maxPending()) {
                LOG.warnf("mqtt message not taken topic=%s packetId=%d pending=%d; left unacknowledged for the"
                        + " broker to deliver again (lower the broker's in-flight window below"
                        + " gridai.ingestion.mqtt.max-pending)", delivery.topic(), delivery.packetId(),
                        pending.size());
                return;
            }
            Pending entry = new Pending(delivery);
            pending.put(delivery.packetId(), entry);
            worker.execute(() -> process(entry));
        }
    }

    private void process(Pending entry) {
        Delivery first = entry.latest;
        try {
            if (stopping.getCount() == 0) {
                return; // stopping: unacknowledged, the broker delivers it again to the next start
            }
            Authentication authentication = authenticate(first.topic());
            BatchFormat format = BatchFormat.sniffMessage(first.body());
            String contentType = format == BatchFormat.CSV ? "text/csv" : "application/json";
            for (int attempt = 1; ; attempt++) {
                IngestResult result = ingestion.ingestMessage(DEAD_LETTER_CHANNEL, authentication, format,
                        first.body(), contentType);
                if (!(result instanceof IngestResult.Unavailable unavailable)) {
                    break;
                }
                LOG.warnf("mqtt message not acknowledged topic=%s packetId=%d attempt=%d retryIn=%s detail=\"%s\";"
                        + " the broker keeps it", first.topic(), first.packetId(), attempt, config.retryBackoff(),
                        unavailable.detail());
                if (await(config.retryBackoff())) {
                    return; // stopping: unacknowledged, the broker delivers it again to the next start
                }
            }
            Delivery answer;
            synchronized (pending) {
                pending.remove(first.packetId(), entry);
                answer = entry.latest;
            }
            puback(answer);
        } finally {
            synchronized (pending) {
                pending.remove(first.packetId(), entry);
            }
        }
    }

    private Authentication authenticate(String topic) {
        return SourceLevel.of(topic, config.topicRoot())
                .map(registry::authenticateMqtt)
                .orElseGet(() -> new Authentication.Unknown("topic " + topic + " is not below " + config.topicRoot()
                        + "/<mqtt-username>/"));
    }

    private static void puback(Delivery delivery) {
        try {
            delivery.puback().run();
        } catch (IllegalStateException | NullPointerException e) {
            // The Vert.x client throws these when the connection that delivered the message is gone. The broker
            // delivers it again after the reconnect; its measurement ids make that copy a DUPLICATE.
            LOG.warnf("mqtt acknowledgement not sent topic=%s packetId=%d detail=\"%s\"; the broker will deliver"
                    + " the message again", delivery.topic(), delivery.packetId(), e.getMessage());
        }
    }

    /** Waits before the next attempt; true when the service is stopping. */
    private boolean await(Duration backoff) {
        try {
            return stopping.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    void stop(@Observes ShutdownEvent event) {
        synchronized (pending) {
            stopping.countDown();
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("mqtt feed did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (pending) {
            if (!pending.isEmpty()) {
                LOG.infof("mqtt feed stopped with %d messages unacknowledged; the broker keeps them for the next"
                        + " start", pending.size());
            }
        }
    }

    private static final class Pending {
        volatile Delivery latest;

        Pending(Delivery delivery) {
            this.latest = delivery;
        }
    }
}
