package io.gridai.operator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.kafka.quarkus.TopicTail;
import io.gridai.model.ActorType;
import io.gridai.model.AuditEvent;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Manual overrides through the optimiser's safety envelope, on case9 (gen-1-1 at the reference bus; gen-2-1 10..300 MW
 * ramping 2 MW/min, so 30 MW in the 15 minutes it has; gen-3-1 10..270 MW at 1 MW/min; battery bess-1 of 25 MW) with
 * the generators' output in the real Hazelcast member: refusals are 422 problems naming the limit, publish nothing and
 * are audited as refused attempts; an accepted one is audited in the operator-api chain, then on grid.setpoints with origin OPERATOR.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestTokens.class)
@WithTestResource(LiveStateMember.class)
class OverrideTest {

    @BeforeEach
    void auditChainRead() {
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    private static ValidatableResponse override(String asset, String body) {
        return given().header("Authorization", "Bearer " + TestTokens.token("olga", "operator"))
                .contentType("application/json").body(body).post("/api/v1/setpoints/" + asset + "/override").then();
    }

    private static String body(double target, String validFor) {
        return "{\"kind\":\"ACTIVE_POWER\",\"target\":" + target + ",\"validFor\":\"" + validFor
                + "\",\"reason\":\"line 8-9 relief\"}";
    }

    /** A refusal: 422, the envelope's reason, nothing published, the attempt audited as refused. */
    private static void refused(String asset, double target, String reason) {
        try (TopicTail<AssetId, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS);
                TopicTail<String, AuditEvent> audit = TopicTail.of(Topics.GRID_AUDIT)) {
            override(asset, body(target, "PT15M")).statusCode(422)
                    .contentType(containsString("application/problem+json"))
                    .body("type", equalTo("urn:gridai:problem:setpoint-outside-envelope"))
                    .body("status", equalTo(422))
                    .body("detail", containsString(reason))
                    .body("asset", equalTo(asset))
                    .body("target", equalTo((float) target))
                    .body("instance", equalTo("/api/v1/setpoints/" + asset + "/override"));
            assertThat(setpoints.newValues()).isEmpty();
            List<AuditEvent> events = audit.newValues();
            assertThat(events).hasSize(1);
            assertThat(events.get(0).action()).isEqualTo("setpoint.override.refused");
            assertThat(events.get(0).subject()).isEqualTo(asset);
            assertThat(events.get(0).actor()).isEqualTo("olga");
            assertThat(events.get(0).details()).containsEntry("target", Double.toString(target))
                    .containsEntry("reason", "line 8-9 relief");
            assertThat(events.get(0).details().get("refusal")).contains(reason);
        }
    }

    @Test
    void outsideTheUnitsLimitsIsRefused() {
        LiveStateWriter.put("gen-2-1", MeasurementKind.ACTIVE_POWER, 163.0, Instant.now());
        refused("gen-2-1", 350.0, "outside the unit's limits [10.000, 300.000] MW");
        refused("gen-2-1", 5.0, "outside the unit's limits [10.000, 300.000] MW");
    }

    @Test
    void aTargetTheRampCannotReachIsRefused() {
        LiveStateWriter.put("gen-3-1", MeasurementKind.ACTIVE_POWER, 85.0, Instant.now());
        // 1 MW/min for 15 minutes: at most 15 MW away from the measured 85 MW
        refused("gen-3-1", 150.0, "not reachable from the measured 85.000 MW");
    }

    @Test
    void noFreshMeasurementIsRefusedNotMovedBlind() {
        LiveStateWriter.put("gen-3-1", MeasurementKind.ACTIVE_POWER, 85.0, Instant.now().minus(Duration.ofHours(1)));
        refused("gen-3-1", 90.0, "no ACTIVE_POWER of gen-3-1 measured near");
    }

    @Test
    void theSlackAndUnknownAssetsAndOversizedBatteryTargetsAreRefused() {
        refused("gen-1-1", 80.0, "slack");
        refused("gen-9-9", 80.0, "not a generator of case case9_operator");
        refused("bess-1", 30.0, "exceeds the battery's power limit of 25.000 MW");
    }

    @Test
    void anAcceptedOverrideIsAuditedThenPublished() {
        LiveStateWriter.put("gen-2-1", MeasurementKind.ACTIVE_POWER, 163.0, Instant.now());
        try (TopicTail<AssetId, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS);
                TopicTail<String, AuditEvent> audit = TopicTail.of(Topics.GRID_AUDIT)) {
            var answer = override("gen-2-1", body(180.0, "PT15M")).statusCode(201)
                    .contentType(containsString("application/json"))
                    .body("setpoint.asset", equalTo("gen-2-1"))
                    .body("setpoint.kind", equalTo("ACTIVE_POWER"))
                    .body("setpoint.target", equalTo(180.0f))
                    .body("setpoint.origin", equalTo("OPERATOR"))
                    .body("setpoint.issuedBy", equalTo("olga"))
                    .body("auditChain", equalTo("operator-api"))
                    .body("checkedAs", equalTo("GENERATOR"))
                    .extract().jsonPath();
            // Kafka has both when the answer comes (acks=all): the audit event, then the setpoint
            List<ConsumerRecord<AssetId, Setpoint>> published = setpoints.newRecords();
            assertThat(published).hasSize(1);
            Setpoint s = published.get(0).value();
            assertThat(published.get(0).key()).isEqualTo(AssetId.of("gen-2-1"));
            assertThat(s.id().value()).isEqualTo(answer.getString("setpoint.id"));
            assertThat(s.origin()).isEqualTo(SetpointOrigin.OPERATOR);
            assertThat(s.proposal()).isEmpty();
            assertThat(s.issuedBy()).isEqualTo("olga");
            assertThat(s.target()).isEqualTo(180.0);
            assertThat(Duration.between(s.validFrom(), s.validUntil())).isEqualTo(Duration.ofMinutes(15));
            assertThat(s.validFrom()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(
                    Duration.ofSeconds(30)));

            List<ConsumerRecord<String, AuditEvent>> events = audit.newRecords();
            assertThat(events).hasSize(1);
            assertThat(events.get(0).key()).isEqualTo("operator-api");
            AuditEvent e = events.get(0).value();
            assertThat(e.sequence()).isEqualTo(answer.getLong("auditSequence"));
            assertThat(e.actorType()).isEqualTo(ActorType.OPERATOR);
            assertThat(e.actor()).isEqualTo("olga");
            assertThat(e.action()).isEqualTo("setpoint.override");
            assertThat(e.subject()).isEqualTo("gen-2-1");
            assertThat(e.details()).containsEntry("reason", "line 8-9 relief").containsEntry("setpoint", s.id().value())
                    .containsEntry("target", "180.0").containsEntry("validUntil", s.validUntil().toString());
            assertThat(events.get(0).timestamp()).isLessThanOrEqualTo(published.get(0).timestamp());
        }
    }

    @Test
    void aBatteryOverrideWithinItsLimitIsPublished() {
        try (TopicTail<AssetId, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            override("bess-1", body(-20.0, "PT30M")).statusCode(201).body("checkedAs", equalTo("BATTERY"));
            assertThat(setpoints.newValues()).extracting(Setpoint::target).containsExactly(-20.0);
        }
    }

    @Test
    void malformedRequestsAreBadRequests() {
        List<String> bodies = List.of(
                "{\"kind\":\"REACTIVE_POWER\",\"target\":1,\"validFor\":\"PT15M\",\"reason\":\"x\"}",
                "{\"kind\":\"ACTIVE_POWER\",\"validFor\":\"PT15M\",\"reason\":\"x\"}",
                "{\"kind\":\"ACTIVE_POWER\",\"target\":1,\"validFor\":\"soon\",\"reason\":\"x\"}",
                "{\"kind\":\"ACTIVE_POWER\",\"target\":1,\"validFor\":\"PT5H\",\"reason\":\"x\"}",
                "{\"kind\":\"ACTIVE_POWER\",\"target\":1,\"validFor\":\"-PT1M\",\"reason\":\"x\"}",
                "{\"kind\":\"ACTIVE_POWER\",\"target\":1,\"validFor\":\"PT15M\"}",
                "{\"kind\":\"ACTIVE_POWER\",\"target\":\"lots\",\"validFor\":\"PT15M\",\"reason\":\"x\"}");
        for (String b : bodies) {
            override("gen-2-1", b).statusCode(400).contentType(containsString("application/problem+json"))
                    .body("type", equalTo("urn:gridai:problem:bad-request"));
        }
    }
}
