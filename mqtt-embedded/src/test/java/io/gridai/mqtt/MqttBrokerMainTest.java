package io.gridai.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** The broker as its own process, started the way the launcher starts it. */
class MqttBrokerMainTest {

    @TempDir(cleanup = CleanupMode.ALWAYS)
    Path dir;

    @Test
    void theProcessWritesItsReadyFileServesMqttAndStopsOnSigterm() throws Exception {
        Path users = dir.resolve("users.properties");
        StringBuilder lines = new StringBuilder("# username=password\n");
        EmbeddedMqttBrokerTest.USERS.forEach((user, password) -> lines.append(user).append('=').append(password)
                .append('\n'));
        Files.writeString(users, lines);
        Path ready = dir.resolve("run/mqtt.ready");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process broker = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                MqttBrokerMain.class.getName(), "--data-dir", dir.resolve("data").toString(), "--users",
                users.toString(), "--subscriber", EmbeddedMqttBrokerTest.INGESTION, "--port", "0", "--ready-file",
                ready.toString(), "--parent-pid", String.valueOf(ProcessHandle.current().pid())))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("broker.log").toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(ready) || !broker.isAlive());
            assertThat(broker.isAlive()).as("broker process alive; its log: %s", Files.exists(dir.resolve(
                    "broker.log")) ? Files.readString(dir.resolve("broker.log")) : "").isTrue();
            Properties props = new Properties();
            try (InputStream in = Files.newInputStream(ready)) {
                props.load(in);
            }
            assertThat(props.getProperty("pid")).isEqualTo(String.valueOf(broker.pid()));
            String url = props.getProperty("url");
            assertThat(url).isEqualTo("tcp://127.0.0.1:" + props.getProperty("port"));

            EmbeddedMqttBrokerTest.Received received = new EmbeddedMqttBrokerTest.Received();
            MqttClient ingestion = EmbeddedMqttBrokerTest.client(url, "ingestion-main");
            ingestion.setCallback(received);
            ingestion.connect(EmbeddedMqttBrokerTest.options(EmbeddedMqttBrokerTest.INGESTION,
                    EmbeddedMqttBrokerTest.USERS.get(EmbeddedMqttBrokerTest.INGESTION), true));
            // As EmbeddedMqttBroker#isConnected, from the process's log: only then does the broker take a SUBSCRIBE.
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(dir.resolve("broker.log"))
                    .contains("MQTT client connected clientId=ingestion-main "));
            ingestion.subscribe("gridai/telemetry/#", 1);
            MqttClient north = EmbeddedMqttBrokerTest.client(url, "north-main");
            north.connect(EmbeddedMqttBrokerTest.options("north-grid", EmbeddedMqttBrokerTest.USERS.get("north-grid"),
                    true));
            north.publish("gridai/telemetry/north-grid/substation-7", EmbeddedMqttBrokerTest.payload("hello"), 1,
                    false);
            assertThat(received.next()).isEqualTo("gridai/telemetry/north-grid/substation-7 hello");
            EmbeddedMqttBrokerTest.disconnect(north, ingestion);
        } finally {
            broker.destroy();
            assertThat(broker.waitFor(20, TimeUnit.SECONDS)).as("broker stopped on SIGTERM").isTrue();
        }
    }
}
