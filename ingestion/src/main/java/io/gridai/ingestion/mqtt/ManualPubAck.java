package io.gridai.ingestion.mqtt;

import io.smallrye.reactive.messaging.ClientCustomizer;
import io.smallrye.reactive.messaging.mqtt.session.MqttClientSessionOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

/**
 * Turns off the Vert.x MQTT client's automatic PUBACK on the feed's channel, so that {@link MqttFeed} answers each
 * QoS 1 message only once Kafka acknowledged what came of it.
 *
 * <p>Why: the SmallRye MQTT connector (4.33.0, Quarkus 3.33) never sends PUBACK itself. Its
 * {@code ReceivingMqttMessage} has no {@code ack()} of its own (the default, a no-op), and the Vert.x client under it
 * (vertx-mqtt 4.5.27, {@code MqttClientImpl.handlePublish}, lines 1216-1221) sends PUBACK for a QoS 1 PUBLISH as soon
 * as it arrives, before the message reaches the connector's stream, when {@code autoAck} is on, which is its default.
 * With that default a message would be acknowledged to the broker while Kafka may still refuse it, and lost if the
 * service stopped. With {@code autoAck} off the client keeps a callback on each message
 * ({@code MqttPublishMessage.ack()}) that sends the PUBACK.
 */
@ApplicationScoped
public class ManualPubAck implements ClientCustomizer<MqttClientSessionOptions> {

    @Override
    public MqttClientSessionOptions customize(String channel, Config channelConfig, MqttClientSessionOptions options) {
        if (MqttFeed.CHANNEL.equals(channel)) {
            options.setAutoAck(false);
        }
        return options;
    }
}
