package io.gridai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridai.model.Alert;
import io.gridai.model.AlertState;
import io.gridai.model.Measurement;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.ZoneLoad;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.id.SourceId;
import io.gridai.model.id.ZoneId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The live streams on the real broker: records published to a topic arrive as events (id, event name, JSON data),
 * filtered by asset; a client resuming from a Last-Event-ID gets exactly the events it missed, then live ones; an id
 * older than the replay window is a 410 problem; refusals are problem details, not event streams.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestTokens.class)
class StreamsTest {

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = SseClient.http();

    private SseClient open(String path, String lastEventId) throws Exception {
        SseClient c = SseClient.open(http, base, path, TestTokens.token("vera", "viewer"), lastEventId, e -> true);
        assertThat(c.status().get(20, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(c.header("content-type")).startsWith("text/event-stream");
        return c;
    }

    @Test
    void alertsAndSetpointsPublishedArriveAsEvents() throws Exception {
        try (SseClient alerts = open("/api/v1/streams/alerts?asset=stream-bus-1", null);
                SseClient setpoints = open("/api/v1/streams/setpoints", null)) {
            Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Publish.alert("stream-bus-2", AlertState.RAISED, t); // filtered out
            Alert alert = Publish.alert("stream-bus-1", AlertState.RAISED, t);
            Setpoint sp = new Setpoint(SetpointId.random(), AssetId.of("stream-bess-1"), MeasurementKind.ACTIVE_POWER,
                    -20.0, t, t.plusSeconds(300), SetpointOrigin.OPERATOR, Optional.empty(), "olga", t);
            Publish.send(Topics.GRID_SETPOINTS, sp.asset(), sp);

            await().atMost(Duration.ofSeconds(20)).until(() -> alerts.events().size() >= 1
                    && setpoints.events().stream().anyMatch(e -> e.data().contains(sp.id().value())));
            SseClient.Event a = alerts.events().get(0);
            assertThat(a.event()).isEqualTo("alerts");
            assertThat(a.id()).matches("0-\\d+_1-\\d+_2-\\d+");
            JsonPath aj = new JsonPath(a.data());
            assertThat(aj.getString("id")).isEqualTo(alert.id().value());
            assertThat(aj.getString("asset")).isEqualTo("stream-bus-1");
            assertThat(aj.getString("state")).isEqualTo("RAISED");
            assertThat(aj.getString("time")).isEqualTo(t.toString());
            assertThat(aj.getBoolean("acknowledged")).isFalse();
            assertThat(alerts.events()).hasSize(1);

            SseClient.Event s = setpoints.events().stream().filter(e -> e.data().contains(sp.id().value()))
                    .findFirst().orElseThrow();
            assertThat(s.event()).isEqualTo("setpoints");
            JsonPath sj = new JsonPath(s.data());
            assertThat(sj.getString("asset")).isEqualTo("stream-bess-1");
            assertThat(sj.getDouble("target")).isEqualTo(-20.0);
            assertThat(sj.getString("unit")).isEqualTo("MW");
            assertThat(sj.getString("origin")).isEqualTo("OPERATOR");
            assertThat(sj.getString("validUntil")).isEqualTo(t.plusSeconds(300).toString());
        }
    }

    @Test
    void telemetryIsFilteredByAsset() throws Exception {
        try (SseClient c = open("/api/v1/streams/telemetry?asset=tele-1", null)) {
            Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            for (int i = 0; i < 3; i++) {
                for (String asset : List.of("tele-1", "tele-2")) {
                    Measurement m = Measurement.of(SourceId.of("scada"), AssetId.of(asset),
                            MeasurementKind.ACTIVE_POWER, 10 + i, MeasurementKind.ACTIVE_POWER.unit(),
                            t.plusSeconds(i), t.plusSeconds(i));
                    Publish.send(Topics.TELEMETRY_CLEAN, m.asset(), m);
                }
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> c.events().size() >= 3);
            assertThat(c.events()).extracting(e -> new JsonPath(e.data()).getString("asset"))
                    .containsExactly("tele-1", "tele-1", "tele-1");
            assertThat(c.events()).extracting(e -> new JsonPath(e.data()).getDouble("value"))
                    .containsExactly(10.0, 11.0, 12.0);
            assertThat(c.events()).allMatch(e -> e.event().equals("telemetry") && e.id().split("_").length == 6);
        }
    }

    @Test
    void aClientResumingFromLastEventIdGetsExactlyTheMissedEvents() throws Exception {
        try (SseClient first = open("/api/v1/streams/zone-load", null)) {
            for (int i = 0; i < 5; i++) {
                publishZoneLoad("resume-zone", i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> count(first, "resume-zone") >= 5);
            List<SseClient.Event> seen = mine(first, "resume-zone");
            // The client saw the first two, then was cut off; it comes back with the second one's id.
            String lastSeen = seen.get(1).id();
            try (SseClient resumed = open("/api/v1/streams/zone-load", lastSeen)) {
                publishZoneLoad("resume-zone", 5);
                publishZoneLoad("resume-zone", 6);
                await().atMost(Duration.ofSeconds(20)).until(() -> count(resumed, "resume-zone") >= 5);
                await().atMost(Duration.ofSeconds(20)).until(() -> count(first, "resume-zone") >= 7);
                List<SseClient.Event> got = mine(resumed, "resume-zone");
                // exactly events 3..7 of the first client: the missed ones, then live, no gap, no duplicate
                assertThat(got).extracting(SseClient.Event::id)
                        .containsExactlyElementsOf(mine(first, "resume-zone").subList(2, 7).stream()
                                .map(SseClient.Event::id).toList());
                assertThat(got).extracting(e -> new JsonPath(e.data()).getInt("readings"))
                        .containsExactly(3, 4, 5, 6, 7);
            }
            // The same through ?lastEventId=
            try (SseClient resumed = open("/api/v1/streams/zone-load?lastEventId=" + seen.get(3).id(), null)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> count(resumed, "resume-zone") >= 3);
                assertThat(mine(resumed, "resume-zone")).extracting(e -> new JsonPath(e.data()).getInt("readings"))
                        .containsExactly(5, 6, 7);
            }
        }
    }

    @Test
    void anIdOlderThanTheReplayWindowIsA410Problem() throws Exception {
        String oldId;
        // an event's id, then more events after it than the replay window holds (100 in tests)
        try (SseClient zl = open("/api/v1/streams/zone-load", null)) {
            for (int i = 0; i < 3; i++) {
                publishZoneLoad("gone-zone", i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> count(zl, "gone-zone") >= 3);
            oldId = mine(zl, "gone-zone").get(0).id();
            Publish.many(Topics.GRID_ZONE_LOAD, 110, i -> zoneLoad("gone-zone-filler", i), ZoneLoad::zone);
            await().atMost(Duration.ofSeconds(30)).until(() -> count(zl, "gone-zone-filler") >= 110);
        }
        try (SseClient gone = SseClient.open(http, base, "/api/v1/streams/zone-load",
                TestTokens.token("vera", "viewer"), oldId, e -> true)) {
            assertThat(gone.status().get(20, TimeUnit.SECONDS)).isEqualTo(410);
            assertThat(gone.header("content-type")).startsWith("application/problem+json");
            await().atMost(Duration.ofSeconds(10)).until(gone::ended);
            JsonPath p = new JsonPath(gone.body());
            assertThat(p.getString("type")).isEqualTo("urn:gridai:problem:stream-position-gone");
            assertThat(p.getString("detail")).contains("no longer held");
            assertThat(p.getString("oldestId")).matches("0-\\d+_1-\\d+_2-\\d+");
        }
        try (SseClient bad = SseClient.open(http, base, "/api/v1/streams/zone-load",
                TestTokens.token("vera", "viewer"), "yesterday", e -> true)) {
            assertThat(bad.status().get(20, TimeUnit.SECONDS)).isEqualTo(400);
            await().atMost(Duration.ofSeconds(10)).until(bad::ended);
            assertThat(new JsonPath(bad.body()).getString("type")).isEqualTo("urn:gridai:problem:bad-request");
        }
    }

    @Test
    void refusedStreamsAnswerProblemDetails() throws Exception {
        record Case(String path, String token, int status, String type) {
        }
        for (Case c : List.of(
                new Case("/api/v1/streams/alerts", null, 401, "unauthorized"),
                new Case("/api/v1/streams/alerts", TestTokens.expired("vera", "viewer"), 401, "unauthorized"),
                new Case("/api/v1/streams/alerts", TestTokens.foreignKey("vera", "viewer"), 401, "unauthorized"),
                new Case("/api/v1/streams/telemetry", "not-a-token", 401, "unauthorized"),
                new Case("/api/v1/streams/alerts", TestTokens.token("vera", "guest"), 403, "forbidden"),
                new Case("/api/v1/streams/alerts", TestTokens.token("vera"), 403, "forbidden"),
                new Case("/api/v1/streams/weather", TestTokens.token("vera", "viewer"), 404, "not-found"))) {
            try (SseClient s = SseClient.open(http, base, c.path(), c.token(), null, e -> true)) {
                assertThat(s.status().get(20, TimeUnit.SECONDS)).as(c.toString()).isEqualTo(c.status());
                assertThat(s.header("content-type")).as(c.toString()).startsWith("application/problem+json");
                await().atMost(Duration.ofSeconds(10)).until(s::ended);
                JsonPath p = new JsonPath(s.body());
                assertThat(p.getString("type")).as(c.toString()).isEqualTo("urn:gridai:problem:" + c.type());
                assertThat(p.getInt("status")).isEqualTo(c.status());
                assertThat(p.getString("instance")).isEqualTo(c.path());
                if (c.status() == 401) {
                    assertThat(s.header("www-authenticate")).contains("Bearer");
                }
            }
        }
    }

    private static ZoneLoad zoneLoad(String zone, int i) {
        return new ZoneLoad(ZoneId.of(zone), Instant.parse("2025-01-01T00:00:00Z").plus(Duration.ofMinutes(5L * i)),
                Duration.ofMinutes(5), -100.0 - i, 1, i + 1);
    }

    private static void publishZoneLoad(String zone, int i) {
        ZoneLoad z = zoneLoad(zone, i);
        Publish.send(Topics.GRID_ZONE_LOAD, z.zone(), z);
    }

    private static List<SseClient.Event> mine(SseClient c, String zone) {
        return c.events().stream().filter(e -> zone.equals(new JsonPath(e.data()).getString(
                e.event().equals("telemetry") ? "asset" : "zone"))).toList();
    }

    private static long count(SseClient c, String zone) {
        return mine(c, zone).size();
    }
}
