package io.gridai.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.ingestion.config.IngestionConfig;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry built from real configuration (SmallRye Config, the same mapping the service uses). */
class SourceRegistryTest {

    private static final String A_KEY = "key-of-utility-a-0123456789";
    private static final String B_KEY = "key-of-utility-b-0123456789";

    @Test
    void findsTheSourceOfAKeyAndWhatItMayReport() {
        SourceRegistry registry = new SourceRegistry(config(twoSources()));
        assertThat(registry.size()).isEqualTo(2);
        assertThat(registry.authenticate(B_KEY)).isInstanceOfSatisfying(Authentication.Known.class, known -> {
            ApprovedSource source = known.source();
            assertThat(source.id()).isEqualTo(SourceId.of("utility-b"));
            assertThat(source.utility()).isEqualTo("South Power");
            assertThat(source.revoked()).isTrue();
            assertThat(source.mayReport(AssetId.of("pv-12"))).isTrue();
            assertThat(source.mayReport(AssetId.of("gen-1"))).isFalse();
            assertThat(source.mayReport(MeasurementKind.IRRADIANCE)).isTrue();
            assertThat(source.mayReport(MeasurementKind.ACTIVE_POWER)).isFalse();
        });
        assertThat(registry.authenticate(A_KEY)).isInstanceOfSatisfying(Authentication.Known.class,
                known -> assertThat(known.source().revoked()).isFalse());
    }

    @Test
    void unknownAndMissingKeysAreUnknownWithoutEchoingTheKey() {
        SourceRegistry registry = new SourceRegistry(config(twoSources()));
        assertThat(registry.authenticate(A_KEY + "x")).isInstanceOfSatisfying(Authentication.Unknown.class,
                unknown -> assertThat(unknown.detail()).contains("not registered").doesNotContain(A_KEY));
        assertThat(registry.authenticate(null)).isInstanceOfSatisfying(Authentication.Unknown.class,
                unknown -> assertThat(unknown.detail()).contains("no X-Api-Key header"));
    }

    @Test
    void refusesShortAndSharedKeysAndBadIdsAtStartup() {
        Map<String, String> shortKey = twoSources();
        shortKey.put("gridai.ingestion.sources.utility-a.api-key", "secret");
        assertThatThrownBy(() -> new SourceRegistry(config(shortKey))).hasMessageContaining("at least 16 characters");

        Map<String, String> shared = twoSources();
        shared.put("gridai.ingestion.sources.utility-b.api-key", A_KEY);
        assertThatThrownBy(() -> new SourceRegistry(config(shared))).hasMessageContaining("have the same api-key");

        Map<String, String> badId = twoSources();
        badId.put("gridai.ingestion.sources.\"utility a\".utility", "Spaces Inc");
        badId.put("gridai.ingestion.sources.\"utility a\".allowed-assets", "*");
        badId.put("gridai.ingestion.sources.\"utility a\".allowed-kinds", "FREQUENCY");
        assertThatThrownBy(() -> new SourceRegistry(config(badId))).hasMessageContaining("not a valid source id");
    }

    @Test
    void aBadAssetPatternIsAConfigurationErrorNamingTheKey() {
        Map<String, String> bad = twoSources();
        bad.put("gridai.ingestion.sources.utility-a.allowed-assets", "gen*1");
        assertThatThrownBy(() -> config(bad)).hasStackTraceContaining("only at the end");
    }

    @Test
    void mqttUsernamesInboundTopicsAndCertificatesAreCheckedAndFound() {
        Map<String, String> props = twoSources();
        props.put("gridai.ingestion.sources.utility-a.mqtt-username", "north");
        props.put("gridai.ingestion.sources.utility-a.kafka-direct", "true");
        SourceRegistry registry = new SourceRegistry(config(props));
        assertThat(registry.authenticateMqtt("north")).isInstanceOfSatisfying(Authentication.Known.class,
                known -> assertThat(known.source().id()).isEqualTo(SourceId.of("utility-a")));
        assertThat(registry.authenticateMqtt("south")).isInstanceOf(Authentication.Unknown.class);
        assertThat(registry.authenticateInbound(Topics.sourceInbound(SourceId.of("utility-a"))
                .name())).isInstanceOf(Authentication.Known.class);
        assertThat(registry.authenticateInbound(Topics.sourceInbound(SourceId.of("utility-b"))
                .name())).as("utility-b has no kafka-direct").isInstanceOf(Authentication.Unknown.class);
        assertThat(registry.kafkaDirectSources()).extracting(ApprovedSource::id).containsExactly(SourceId.of("utility-a"));

        Map<String, String> bad = twoSources();
        bad.put("gridai.ingestion.sources.utility-a.client-certificate-sha256", "AB:CD");
        assertThatThrownBy(() -> new SourceRegistry(config(bad))).hasMessageContaining("client-certificate-sha256")
                .hasMessageContaining("64 hex digits");
        Map<String, String> sameUser = twoSources();
        sameUser.put("gridai.ingestion.sources.utility-a.mqtt-username", "shared");
        sameUser.put("gridai.ingestion.sources.utility-b.mqtt-username", "shared");
        assertThatThrownBy(() -> new SourceRegistry(config(sameUser))).hasMessageContaining("same mqtt-username");
        Map<String, String> slash = twoSources();
        slash.put("gridai.ingestion.sources.utility-a.mqtt-username", "a/b");
        assertThatThrownBy(() -> new SourceRegistry(config(slash))).hasMessageContaining("cannot be an MQTT topic level");
    }

    private static Map<String, String> twoSources() {
        Map<String, String> props = new HashMap<>();
        props.put("gridai.ingestion.sources.utility-a.utility", "North Grid Co");
        props.put("gridai.ingestion.sources.utility-a.api-key", A_KEY);
        props.put("gridai.ingestion.sources.utility-a.allowed-assets", "gen-*,bus-7");
        props.put("gridai.ingestion.sources.utility-a.allowed-kinds", "ACTIVE_POWER,VOLTAGE");
        props.put("gridai.ingestion.sources.utility-b.utility", "South Power");
        props.put("gridai.ingestion.sources.utility-b.api-key", B_KEY);
        props.put("gridai.ingestion.sources.utility-b.allowed-assets", "pv-*");
        props.put("gridai.ingestion.sources.utility-b.allowed-kinds", "IRRADIANCE");
        props.put("gridai.ingestion.sources.utility-b.revoked", "true");
        return props;
    }

    private static IngestionConfig config(Map<String, String> props) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(IngestionConfig.class)
                .withSources(new PropertiesConfigSource(props, "test", 100))
                .build();
        return config.getConfigMapping(IngestionConfig.class);
    }
}
