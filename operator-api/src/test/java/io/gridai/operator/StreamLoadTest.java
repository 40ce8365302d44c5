package io.gridai.operator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's acceptance: {@code CLIENTS} concurrent SSE clients of the telemetry stream (200 by default,
 * {@code -Dgridai.test.stream-clients=N}) and one stalled client, a raw socket with a tiny receive buffer that reads
 * the response headers and then nothing. A producer publishes {@code N} measurements at a steady rate, once before the
 * clients connect and once with them: every live client receives all N, the stalled one is dropped (the counter
 * {@code gridai_operator_stream_dropped_total{topic="telemetry"}} says so, and its connection is closed), and the
 * producer's rate with the streams running is within 10 % of the rate without.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestTokens.class)
class StreamLoadTest {

    private static final int CLIENTS = Integer.getInteger("gridai.test.stream-clients", 200);
    private static final int N = Integer.getInteger("gridai.test.stream-records", 2000);
    private static final int RATE = Integer.getInteger("gridai.test.stream-rate", 250);

    @TestHTTPResource("/")
    URI base;

    @Test
    void aStalledClientIsDroppedAndTheOthersAndTheProducerKeepTheirPace() throws Exception {
        String token = TestTokens.token("vera", "viewer");
        double droppedBefore = dropped();

        double rateWithout = publish("baseline");

        HttpClient http = SseClient.http();
        List<SseClient> clients = new ArrayList<>();
        try (Socket stalled = new Socket()) {
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(SseClient.open(http, base, "/api/v1/streams/telemetry", token, null,
                        e -> e.data().contains("\"asset\":\"load-live\""), false));
            }
            CompletableFuture.allOf(clients.stream().map(SseClient::status).toArray(CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);
            assertThat(clients).allMatch(c -> c.status().join() == 200);
            String headers = openStalled(stalled, token);
            assertThat(headers).startsWith("HTTP/1.1 200").containsIgnoringCase("text/event-stream");

            Instant start = Instant.now();
            double rateWith = publish("live");
            await().atMost(Duration.ofSeconds(60)).failFast(() -> assertThat(clients.stream()
                    .filter(SseClient::ended).count()).as("live clients whose stream ended (dropped: too slow for %d"
                    + " records/s)", RATE).isZero())
                    .until(() -> clients.stream().allMatch(c -> c.count() >= N));
            Duration delivered = Duration.between(start, Instant.now());

            assertThat(clients).allMatch(c -> c.count() == N);
            await().atMost(Duration.ofSeconds(20)).until(() -> dropped() >= droppedBefore + 1);
            // the server closed the stalled connection: reading it now reaches its end
            assertThat(drainToEnd(stalled)).isTrue();
            assertThat(clients).noneMatch(SseClient::ended);

            String report = String.format("stream load: %d clients + 1 stalled, %d records at a target %d/s: producer "
                    + "%.1f records/s without streams, %.1f with; all %d clients got all %d in %d ms; dropped %+.0f",
                    CLIENTS, N, RATE, rateWithout, rateWith, CLIENTS, N, delivered.toMillis(),
                    dropped() - droppedBefore);
            System.out.println(report);
            assertThat(rateWith).as(report).isGreaterThanOrEqualTo(rateWithout * 0.9);
        } finally {
            clients.forEach(SseClient::close);
        }
    }

    /** Publishes N measurements of asset load-{@code what} at RATE per second; returns the rate achieved. */
    private static double publish(String what) throws Exception {
        Topic<AssetId, Measurement> topic = Topics.TELEMETRY_CLEAN;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerTestResource.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        AssetId asset = AssetId.of("load-" + what);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>(N);
            long period = TimeUnit.SECONDS.toNanos(1) / RATE;
            long t0 = System.nanoTime();
            for (int i = 0; i < N; i++) {
                long due = t0 + i * period;
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now); // pacing the producer, not waiting for a result
                }
                Instant at = Instant.now();
                Measurement m = Measurement.of(SourceId.of("scada"), asset, MeasurementKind.ACTIVE_POWER, i,
                        MeasurementKind.ACTIVE_POWER.unit(), at, at);
                sent.add(producer.send(new ProducerRecord<>(topic.name(),
                        topic.keySerde().serializer().serialize(topic.name(), asset),
                        topic.valueSerde().serializer().serialize(topic.name(), m))));
            }
            for (Future<?> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
            return N / ((System.nanoTime() - t0) / 1e9);
        }
    }

    /** Connects, asks for the telemetry stream, reads the response headers, and from then on reads nothing. */
    private String openStalled(Socket s, String token) throws IOException {
        s.setReceiveBufferSize(1024); // before connecting, so that the window it advertises stays small
        s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
        OutputStream out = s.getOutputStream();
        out.write(("GET /api/v1/streams/telemetry HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        s.setSoTimeout(20_000);
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            headers.append((char) b);
        }
        return headers.toString();
    }

    /** Reads what is left of the stalled connection; true when it ends (closed or reset by the server). */
    private static boolean drainToEnd(Socket s) throws IOException {
        s.setSoTimeout(20_000);
        byte[] buf = new byte[64 * 1024];
        InputStream in = s.getInputStream();
        try {
            while (in.read(buf) >= 0) {
                // discard
            }
            return true;
        } catch (SocketException reset) {
            return true;
        }
    }

    private static final Pattern DROPPED = Pattern.compile(
            "^gridai_operator_stream_dropped_total\\{[^}]*topic=\"telemetry\"[^}]*} ([0-9.eE+-]+)$", Pattern.MULTILINE);

    private static double dropped() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = DROPPED.matcher(metrics);
        assertThat(m.find()).as("gridai_operator_stream_dropped_total{topic=telemetry} in /q/metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
