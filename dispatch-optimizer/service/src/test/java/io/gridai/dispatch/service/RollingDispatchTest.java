package io.gridai.dispatch.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.kafka.quarkus.TopicTail;
import io.gridai.dispatch.opf.DcOpf;
import io.gridai.dispatch.opf.DispatchSettings;
import io.gridai.dispatch.opf.dc.DcNetwork;
import io.gridai.model.AuditEvent;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerCaseReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.path.json.JsonPath;

/**
 * The service end to end on the real embedded broker and the real solver, on {@code case9_dispatch} (case9 with
 * ramps, bus 9 in area 2, branch 8-9 rated 60 MW so that it binds): forecasts and measurements in, setpoints out;
 * the safety envelope; what-if; solve records and audit events.
 *
 * <pre>
 *   gen-1-1 (slack) 1 ── 4 ──────── 9 ── zone-2 load 125 MW
 *                        │          │ 60 MW
 *         zone-1: 90 MW  5          8 ── 2 gen-2-1 (2 MW/min)
 *                        │          │
 *        gen-3-1 3 ───── 6 ──────── 7 ── zone-1: 100 MW
 *        (1 MW/min)
 * </pre>
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class RollingDispatchTest {

    private static final Path CASE = Path.of("src/test/resources/case9_dispatch.m");
    private static final Duration WAIT = Duration.ofSeconds(30);

    static {
        // numbers as doubles: targets are compared exactly with what went on the wire
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
    }

    @Test
    void aForecastBecomesSetpointsOfTheDispatchableUnitsOnly() {
        Instant now = Instant.now();
        Send.activePower(now, "gen-2-1", 163, "gen-3-1", 85);
        String model = "test-model-" + now.toEpochMilli();
        try (TopicTail<?, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            String before = latestId();
            Send.forecasts(Send.zoneLoad("zone-1", now, 190, 6, model), Send.zoneLoad("zone-2", now, 125, 6, model));
            JsonPath solve = awaitSolve(before, model);

            assertThat(solve.getString("status")).isEqualTo("OPTIMAL");
            assertThat(solve.getString("trigger")).isEqualTo("FORECAST");
            assertThat(solve.getDouble("inputs.zones.'zone-1'.firstPeriodMw")).isCloseTo(190, within(1e-9));
            assertThat(solve.getDouble("inputs.zones.'zone-2'.firstPeriodMw")).isCloseTo(125, within(1e-9));
            assertThat(Instant.parse(solve.getString("inputs.liveStateTime"))).isAfterOrEqualTo(now);
            // the forecast equals the case's demand and the measured outputs are within reach: MATPOWER's DC OPF
            DcOpf.Result opf = dcOpf();
            Map<String, Double> first = solve.getMap("firstPeriodMw");
            assertThat((double) first.get("gen-2-1")).isCloseTo(opf.pgMw()[1], within(1e-3));
            assertThat((double) first.get("gen-3-1")).isCloseTo(opf.pgMw()[2], within(1e-3));
            assertThat(solve.getList("binding.branchRow", Integer.class)).isNotEmpty().containsOnly(8);

            Instant planStart = Instant.parse(solve.getString("planStart"));
            List<Setpoint> published = setpoints.newValues();
            assertThat(published).extracting(s -> s.asset().value()).containsExactlyInAnyOrder("gen-2-1", "gen-3-1");
            for (Setpoint s : published) {
                assertThat(s.target()).as(s.asset().value()).isEqualTo(solve.getDouble("setpoints.targets.'" + s.asset().value() + "'"));
                assertThat(s.target()).as(s.asset().value()).isCloseTo(solve.getDouble("firstPeriodMw.'" + s.asset().value() + "'"), within(1e-4));
                assertThat(s.kind()).isEqualTo(MeasurementKind.ACTIVE_POWER);
                assertThat(s.origin()).isEqualTo(SetpointOrigin.OPTIMISER);
                assertThat(s.issuedBy()).isEqualTo("dispatch-optimizer");
                assertThat(s.proposal()).isEmpty();
                assertThat(s.validFrom()).isEqualTo(planStart);
                // the first period (PT1H) plus the grace (PT5M)
                assertThat(s.validUntil()).isEqualTo(planStart.plus(Duration.ofMinutes(65)));
            }
        }
    }

    @Test
    void aTargetOutOfRampReachFromTheMeasuredOutputIsNotPublished() {
        Instant now = Instant.now();
        // gen-3-1 reports 0 MW (tripped): the dispatch starts it from PMIN 10 MW and may take it to 10 + 60 MW in the
        // first hour; from the measured 0 MW only 60 MW are reachable
        Send.activePower(now, "gen-2-1", 130, "gen-3-1", 0);
        String model = "ramp-model-" + now.toEpochMilli();
        try (TopicTail<?, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            String before = latestId();
            Send.forecasts(Send.zoneLoad("zone-1", now, 190, 6, model), Send.zoneLoad("zone-2", now, 125, 6, model));
            JsonPath solve = awaitSolve(before, model);

            assertThat(solve.getString("status")).isEqualTo("OPTIMAL");
            assertThat(solve.getDouble("firstPeriodMw.'gen-3-1'")).isCloseTo(70, within(1e-4));
            assertThat(solve.getList("setpoints.refused.asset", String.class)).containsExactly("gen-3-1");
            assertThat(solve.getString("setpoints.refused[0].reason")).contains("not reachable from the measured 0.000 MW");
            assertThat(setpoints.newValues()).extracting(s -> s.asset().value()).containsExactly("gen-2-1");
        }
    }

    @Test
    void whatIfABranchOutageGivesAnotherDispatchAndPublishesNothing() {
        Instant now = Instant.now();
        Send.activePower(now, "gen-2-1", 116, "gen-3-1", 93);
        String model = "base-model-" + now.toEpochMilli();
        String before = latestId();
        Send.forecasts(Send.zoneLoad("zone-1", now, 190, 6, model), Send.zoneLoad("zone-2", now, 125, 6, model));
        JsonPath base = awaitSolve(before, model);

        try (TopicTail<?, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            JsonPath whatIf = given().contentType(ContentType.JSON).body("{\"branchOutages\": [3], \"periods\": 2}")
                    .when().post("/dispatch/what-if").then().statusCode(200).extract().jsonPath();

            assertThat(whatIf.getString("status")).isEqualTo("OPTIMAL");
            assertThat(whatIf.getInt("periods")).isEqualTo(2);
            assertThat(whatIf.getList("unitMw.'gen-1-1'", Double.class)).hasSize(2);
            // without 5-6, more of zone-1's load comes from bus 1 and 8-9 is still the limit: gen-1-1 runs ~49 MW higher
            double delta = whatIf.getDouble("difference.firstPeriodMwDelta.'gen-1-1'");
            assertThat(delta).isGreaterThan(20);
            assertThat(whatIf.getDouble("unitMw.'gen-1-1'[0]") - base.getDouble("firstPeriodMw.'gen-1-1'")).isCloseTo(delta, within(1e-6));
            assertThat(whatIf.getString("difference.baseSolveId")).isEqualTo(base.getString("id"));
            assertThat(whatIf.getDouble("difference.firstPeriodCostDeltaPerHour")).isGreaterThan(0);
            assertThat(whatIf.getList("binding.branchRow", Integer.class)).contains(8);
            assertThat(whatIf.getDouble("maxBranchLoading.loadingPercent")).isCloseTo(100, within(1e-4));
            assertThat(whatIf.getDouble("shedMwh")).isCloseTo(0, within(1e-6));
            // nothing published, and the rolling solves did not move either
            assertThat(setpoints.newRecords()).isEmpty();
            assertThat(latestId()).isEqualTo(base.getString("id"));
        }
    }

    @Test
    void whatIfRequestsThatNameWhatTheGridDoesNotHaveAreRefusedWithTheReason() {
        given().contentType(ContentType.JSON).body("{\"branchOutages\": [42]}").when().post("/dispatch/what-if").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("branch row 42 does not exist"))
                .body("error", org.hamcrest.Matchers.containsString("1..9"));
        given().contentType(ContentType.JSON).body("{\"unitOutages\": [\"gen-7-1\"]}").when().post("/dispatch/what-if").then()
                .statusCode(400).body("error", org.hamcrest.Matchers.containsString("unknown generator asset 'gen-7-1'"));
        given().contentType(ContentType.JSON).body("{\"zoneDemand\": [{\"zone\": \"zone-9\", \"percent\": 10}]}").when()
                .post("/dispatch/what-if").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("unknown zone 'zone-9'"));
        given().contentType(ContentType.JSON).body("{\"branchOutages\": [1]}").when().post("/dispatch/what-if").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("splits the grid"));
        given().contentType(ContentType.JSON).body("{\"zoneDemand\": [{\"zone\": \"zone-2\", \"deltaMw\": 10, \"percent\": 5}]}").when()
                .post("/dispatch/what-if").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("exactly one of deltaMw"));
    }

    @Test
    void whatIfZoneDemandAndUnitChangesMoveTheDispatch() {
        Send.activePower(Instant.now(), "gen-2-1", 116, "gen-3-1", 93);
        JsonPath more = given().contentType(ContentType.JSON)
                .body("{\"zoneDemand\": [{\"zone\": \"zone-1\", \"deltaMw\": 30}], \"unitLimits\": [{\"asset\": \"gen-3-1\", \"pmaxMw\": 80}],"
                        + " \"periods\": 1}")
                .when().post("/dispatch/what-if").then().statusCode(200).extract().jsonPath();
        assertThat(more.getString("status")).isEqualTo("OPTIMAL");
        double total = more.getList("unitMw.'gen-1-1'", Double.class).get(0) + more.getList("unitMw.'gen-2-1'", Double.class).get(0)
                + more.getList("unitMw.'gen-3-1'", Double.class).get(0);
        JsonPath latest = given().when().get("/dispatch/solves/latest").then().statusCode(200).extract().jsonPath();
        double zoneDemand = latest.getDouble("inputs.zones.'zone-1'.firstPeriodMw") + latest.getDouble("inputs.zones.'zone-2'.firstPeriodMw");
        assertThat(total).isCloseTo(zoneDemand + 30, within(1e-3));
        assertThat(more.getDouble("unitMw.'gen-3-1'[0]")).isLessThanOrEqualTo(80 + 1e-6);
    }

    @Test
    void solveRecordsAreServedAndEachSolveIsAnAuditedEventOfAnIntactChain() {
        Instant now = Instant.now();
        Send.activePower(now, "gen-2-1", 116, "gen-3-1", 93);
        String model = "audit-model-" + now.toEpochMilli();
        String before = latestId();
        Send.forecasts(Send.zoneLoad("zone-1", now, 200, 3, model));
        JsonPath solve = awaitSolve(before, model);

        assertThat(solve.getString("inputs.caseName")).isEqualTo("case9_dispatch");
        assertThat(solve.getString("inputs.caseSha256")).matches("[0-9a-f]{64}");
        assertThat(solve.getString("inputs.zones.'zone-1'.source")).isEqualTo("forecast");
        assertThat(solve.getString("inputs.zones.'zone-1'.issueTime")).isEqualTo(now.toString());
        assertThat(solve.getInt("periods")).isEqualTo(4);
        assertThat(solve.getList("periodCostPerHour")).hasSize(4);
        assertThat(solve.getDouble("objective")).isPositive();
        assertThat(solve.getInt("model.columns")).isPositive();
        assertThat(solve.getDouble("solveMs")).isPositive();
        assertThat(solve.getDouble("binding[0].shadowPrice")).isPositive();
        assertThat(solve.getInt("binding[0].fromBus")).isEqualTo(8);

        List<String> ids = given().when().get("/dispatch/solves?limit=3").then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(ids).first().isEqualTo(solve.getString("id"));
        assertThat(ids).hasSizeLessThanOrEqualTo(3);
        given().when().get("/dispatch/solves?limit=0").then().statusCode(400);
        given().when().get("/dispatch/solves/solve-0").then().statusCode(404);

        await().atMost(WAIT).untilAsserted(() -> {
            try (TopicTail<String, AuditEvent> audit = TopicTail.fromBeginning(Topics.GRID_AUDIT)) {
                List<AuditEvent> chain = audit.newRecords().stream().filter(r -> "dispatch-optimizer".equals(r.key())).map(r -> r.value())
                        .toList();
                assertThat(chain).extracting(AuditEvent::subject).contains(solve.getString("id"));
                assertThat(AuditEvent.verify(chain).intact()).isTrue();
                AuditEvent event = chain.stream().filter(e -> e.subject().equals(solve.getString("id"))).findFirst().orElseThrow();
                assertThat(event.action()).isEqualTo("dispatch.solve");
                assertThat(event.details()).containsEntry("status", "OPTIMAL").containsEntry("trigger", "FORECAST");
                assertThat(event.details().get("forecasts")).contains("zone-1=" + model + "@" + now);
            }
        });
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200).body(org.hamcrest.Matchers.containsString("/dispatch/what-if"));
    }

    @Test
    void badAndUnknownRecordsAreSkippedAndTheServiceGoesOn() {
        Instant now = Instant.now();
        Send.bytes(Topics.TELEMETRY_RAW.name(), "gen-2-1".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
        Send.bytes(Topics.GRID_FORECASTS.name(), "zone-1".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 1, 2, 3});
        Send.activePower(now, "gen-99-1", 50, "gen-2-1", 116, "gen-3-1", 93);
        String model = "after-bad-" + now.toEpochMilli();
        // a zone the case does not have, and a "load" forecast with the wrong sign: both ignored
        Send.forecasts(Send.zoneLoad("zone-7", now, 50, 2, model));
        List<List<Double>> positive = List.of(List.of(90.0, 100.0, 110.0));
        Send.forecasts(io.gridai.model.Forecast.of(io.gridai.model.id.ZoneId.of("zone-2"), MeasurementKind.ACTIVE_POWER, now,
                Duration.ofHours(1), List.of(0.1, 0.5, 0.9), positive, "wrong-sign"));
        String before = latestId();
        Send.forecasts(Send.zoneLoad("zone-2", now, 130, 2, model));
        JsonPath solve = awaitSolve(before, model);
        assertThat(solve.getString("status")).isEqualTo("OPTIMAL");
        assertThat(solve.getDouble("inputs.zones.'zone-2'.firstPeriodMw")).isCloseTo(130, within(1e-9));
        Set<String> zones = solve.getMap("inputs.zones").keySet().stream().map(Object::toString).collect(Collectors.toSet());
        assertThat(zones).containsExactlyInAnyOrder("zone-1", "zone-2");
    }

    // ------------------------------------------------------------------------------------------------------- helpers

    private static DcOpf.Result dcOpf() {
        MatpowerCase c = MatpowerCaseReader.read(CASE);
        try (DcNetwork network = DcNetwork.of(c)) {
            return DcOpf.solve(network, DispatchSettings.defaults());
        }
    }

    private static String latestId() {
        var response = given().when().get("/dispatch/solves/latest");
        return response.statusCode() == 404 ? "" : response.jsonPath().getString("id");
    }

    /** Waits for a solve after {@code before} that used a forecast of {@code model}. */
    private static JsonPath awaitSolve(String before, String model) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            var response = given().when().get("/dispatch/solves/latest");
            if (response.statusCode() != 200) {
                return null;
            }
            JsonPath json = response.jsonPath();
            Map<String, Map<String, Object>> zones = json.getMap("inputs.zones");
            boolean uses = zones.values().stream().anyMatch(z -> model.equals(z.get("modelVersion")));
            return !json.getString("id").equals(before) && uses ? json : null;
        }, java.util.Objects::nonNull);
    }
}
