package io.gridai.flink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The jobs' extra Kafka client properties: literal or from the environment, never one the jobs own. */
class KafkaClientSettingsTest {

    private static Properties of(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void literalAndEnvironmentValues() {
        KafkaClientSettings settings = KafkaClientSettings.read(of(
                "kafka.client.security.protocol", "SSL",
                "kafka.client.ssl.keystore.location", "/etc/gridai/kafka-user/user.p12",
                "kafka.client-env.ssl.keystore.password", "KAFKA_SSL_KEYSTORE_PASSWORD",
                "kafka.group-id", "not-a-client-property"),
                name -> name.equals("KAFKA_SSL_KEYSTORE_PASSWORD") ? "s3cret" : null);
        assertThat(settings.properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SSL",
                "ssl.keystore.location", "/etc/gridai/kafka-user/user.p12",
                "ssl.keystore.password", "s3cret"));
        assertThat(settings.toString()).doesNotContain("s3cret").contains("ssl.keystore.password");
    }

    @Test
    void propertiesTheJobsOwnAreRefused() {
        assertThatThrownBy(() -> KafkaClientSettings.read(of("kafka.client.isolation.level", "read_uncommitted"),
                name -> null)).isInstanceOf(SettingsException.class).hasMessageContaining("isolation.level")
                .hasMessageContaining("the jobs set themselves");
        assertThatThrownBy(() -> KafkaClientSettings.read(of("kafka.client-env.transactional.id", "X"), name -> "x"))
                .isInstanceOf(SettingsException.class).hasMessageContaining("transactional.id");
    }

    @Test
    void aMissingEnvironmentVariableIsNamed() {
        assertThatThrownBy(() -> KafkaClientSettings.read(of("kafka.client-env.ssl.truststore.password", "CA_PASSWORD"),
                name -> null)).isInstanceOf(SettingsException.class).hasMessageContaining("CA_PASSWORD")
                .hasMessageContaining("not set");
    }

    @Test
    void theJobsSettingsCarryThem() {
        assertThat(JobSettings.from(of("kafka.client.security.protocol", "SSL")).kafkaClient().properties())
                .containsEntry("security.protocol", "SSL");
        assertThat(JobSettings.defaults().kafkaClient().properties()).isEmpty();
    }
}
