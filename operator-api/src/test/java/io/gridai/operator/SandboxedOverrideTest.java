package io.gridai.operator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.kafka.quarkus.TopicTail;
import io.gridai.model.AuditEvent;
import io.gridai.model.Setpoint;
import io.gridai.model.id.AssetId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.service.runtime.SetpointGuard;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Replays can never actuate: the operator API started in sandbox {@code s1} ({@code gridai.sandbox=s1}) refuses an
 * override the envelope would accept with a 409 {@code sandbox-cannot-actuate} problem naming the guard's reason; nothing
 * is audited or published, and the refusal is counted.
 */
@QuarkusTest
@TestProfile(SandboxedOverrideTest.InSandbox.class)
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestTokens.class)
@WithTestResource(LiveStateMember.class)
class SandboxedOverrideTest {

    /** Sandbox s1; every topic as in production. */
    public static class InSandbox implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(SetpointGuard.SANDBOX_PROPERTY, "s1");
        }
    }

    @Test
    void anOverrideInASandboxIsRefusedAndNothingIsAuditedOrPublished() {
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        LiveStateWriter.put("gen-2-1", MeasurementKind.ACTIVE_POWER, 163.0, Instant.now());
        try (TopicTail<AssetId, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS);
                TopicTail<String, AuditEvent> audit = TopicTail.of(Topics.GRID_AUDIT)) {
            given().header("Authorization", "Bearer " + TestTokens.token("olga", "operator")).contentType("application/json")
                    .body("{\"kind\":\"ACTIVE_POWER\",\"target\":180.0,\"validFor\":\"PT15M\",\"reason\":\"replay\"}")
                    .post("/api/v1/setpoints/gen-2-1/override").then().statusCode(409)
                    .contentType(containsString("application/problem+json"))
                    .body("type", equalTo("urn:gridai:problem:sandbox-cannot-actuate"))
                    .body("detail", containsString("runs in sandbox s1 (gridai.sandbox)"))
                    .body("detail", containsString("not to " + Topics.GRID_SETPOINTS.name()))
                    .body("asset", equalTo("gen-2-1"));

            assertThat(setpoints.newValues()).isEmpty();
            assertThat(audit.newValues()).isEmpty();
        }
        given().get("/q/metrics").then().statusCode(200).body(containsString("gridai_setpoints_guard_refused_total 1.0"));
    }
}
