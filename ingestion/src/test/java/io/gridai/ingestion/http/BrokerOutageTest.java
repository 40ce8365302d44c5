package io.gridai.ingestion.http;

import static io.gridai.ingestion.http.Feed.UTILITY_A_KEY;
import static io.gridai.ingestion.http.Feed.json;
import static io.gridai.ingestion.http.Feed.postJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridai.ingestion.RestartableKafkaResource;
import io.gridai.ingestion.TopicTail;
import io.gridai.model.topic.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The broker stops while a utility keeps sending: the utility gets 503 with Retry-After (retryable) and re-sends,
 * and after the broker is back everything it was ever told was accepted is on the raw topic.
 */
@QuarkusTest
@TestProfile(BrokerOutageTest.ShortAckTimeout.class)
@WithTestResource(RestartableKafkaResource.class)
class BrokerOutageTest {

    /** A short ack timeout so that the outage answers quickly. */
    public static class ShortAckTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gridai.ingestion.kafka.ack-timeout", "PT2S", "gridai.ingestion.http.retry-after", "PT1S");
        }
    }

    private static final int RECORDS_PER_BATCH = 25;

    @Test
    void nothingAcknowledgedIsLostWhenTheBrokerStopsMidIngest() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger okBatches = new AtomicInteger();
        AtomicInteger retryable = new AtomicInteger();
        AtomicBoolean sending = new AtomicBoolean(true);
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
        ExecutorService utility = Executors.newSingleThreadExecutor();
        Future<?> feed = utility.submit(() -> {
            for (int batch = 0; sending.get(); batch++) {
                String body = batch(batch, base);
                while (true) { // a utility's client re-sends a batch until it is acknowledged
                    Response response = postJson(UTILITY_A_KEY, body).extract().response();
                    if (response.statusCode() == 200) {
                        acknowledged.addAll(response.jsonPath().getList(
                                "results.findAll { it.status == 'ACCEPTED' }.measurementId", String.class));
                        okBatches.incrementAndGet();
                        break;
                    }
                    assertThat(response.statusCode()).as("status while Kafka is away").isEqualTo(503);
                    assertThat(response.header("Retry-After")).isEqualTo("1");
                    assertThat(response.jsonPath().getString("detail")).contains("Nothing in this batch was"
                            + " acknowledged");
                    retryable.incrementAndGet();
                    if (!sending.get()) {
                        return;
                    }
                }
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> okBatches.get() >= 5 || feed.isDone());
        RestartableKafkaResource.stopBroker();
        int beforeOutage = okBatches.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> retryable.get() >= 2 || feed.isDone());
        RestartableKafkaResource.restartBroker();
        int atRestart = okBatches.get();
        await().atMost(Duration.ofSeconds(60)).until(() -> okBatches.get() >= atRestart + 5 || feed.isDone());
        sending.set(false);
        feed.get(30, TimeUnit.SECONDS);
        utility.shutdown();

        assertThat(beforeOutage).isGreaterThanOrEqualTo(5);
        assertThat(retryable.get()).as("503 answers while the broker was down").isGreaterThanOrEqualTo(2);
        assertThat(okBatches.get()).as("batches acknowledged after the restart").isGreaterThanOrEqualTo(atRestart + 5);
        assertThat(acknowledged).hasSize(okBatches.get() * RECORDS_PER_BATCH);
        Set<String> onKafka = allIdsOnTheRawTopic();
        assertThat(onKafka).containsAll(acknowledged);
    }

    private static String batch(int batch, Instant base) {
        List<String> records = new ArrayList<>(RECORDS_PER_BATCH);
        for (int i = 0; i < RECORDS_PER_BATCH; i++) {
            records.add(json("gen-" + i, "ACTIVE_POWER", Integer.toString(batch), "MW", base.plusSeconds(batch),
                    "outage-" + batch + "-" + i));
        }
        return Feed.array(records.toArray(String[]::new));
    }

    private static Set<String> allIdsOnTheRawTopic() {
        return TopicTail.everything(Topics.TELEMETRY_RAW, RestartableKafkaResource.bootstrapServers()).stream()
                .map(m -> m.id().value()).collect(Collectors.toSet());
    }
}
