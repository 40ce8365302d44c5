package io.gridai.sim.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.gridai.kafka.junit.BootstrapServers;
import io.gridai.kafka.junit.WithKafkaBroker;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SandboxId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;

/**
 * Defence in depth behind the publishers' setpoint guard: a sandbox's setpoint that got onto {@code grid.setpoints}
 * anyway (written here by a plain producer without the guard, as an old or foreign client could) is never handed to the
 * twin; the real setpoint sent after it for the same asset is.
 */
@WithKafkaBroker
class KafkaTwinLinkSandboxTest {

    private static final Instant T = Instant.parse("2020-07-01T12:00:00Z");
    private static final AssetId GEN = AssetId.of("gen-sandbox-test");

    @Test
    void theTwinIgnoresASandboxSetpointFoundOnGridSetpoints(@BootstrapServers String bootstrap) {
        Setpoint sandboxed = setpoint(500).inSandbox(SandboxId.of("s1"));
        Setpoint real = setpoint(80);
        Topic<AssetId, Setpoint> topic = Topics.GRID_SETPOINTS;
        try (KafkaProducer<AssetId, Setpoint> unguarded = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            unguarded.send(new ProducerRecord<>(topic.name(), GEN, sandboxed));
            unguarded.send(new ProducerRecord<>(topic.name(), GEN, real));
            unguarded.flush();
        }

        List<Setpoint> applied = new ArrayList<>();
        try (KafkaTwinLink link = new KafkaTwinLink(bootstrap, "twin-sandbox-test")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                applied.addAll(link.pollSetpoints(Duration.ofMillis(200)));
                return applied.stream().anyMatch(s -> s.id().equals(real.id()));
            });
        }
        assertThat(applied).filteredOn(s -> s.asset().equals(GEN)).containsExactly(real);
        assertThat(applied).noneMatch(Setpoint::fromSandbox);
        assertThat(KafkaTwinLink.appliesToTheGrid(sandboxed)).isFalse();
        assertThat(KafkaTwinLink.appliesToTheGrid(real)).isTrue();
    }

    private static Setpoint setpoint(double mw) {
        return new Setpoint(SetpointId.random(), GEN, MeasurementKind.ACTIVE_POWER, mw, T, T.plusSeconds(900), SetpointOrigin.OPTIMISER,
                Optional.empty(), "dispatch-optimizer", T);
    }
}
