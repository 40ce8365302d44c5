package io.gridai.dispatch.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import io.gridai.dispatch.service.run.DispatchEngine;
import io.gridai.dispatch.service.run.KafkaOut;
import io.gridai.kafka.TopicProvisioner;
import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.kafka.quarkus.TopicTail;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.service.runtime.SetpointGuard;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Replays can never actuate: the service started in sandbox {@code s1} ({@code gridai.sandbox=s1}) with its output left
 * on the real {@code grid.setpoints}, as a misconfigured sandbox would be. A forecast makes it solve; nothing reaches
 * {@code grid.setpoints}, the solve record names the guard's reason for every unit, and the refusals are counted in
 * {@code gridai.setpoints.guard.refused}. Its producer refuses such a record on its own too, when the publisher's check is
 * bypassed.
 */
@QuarkusTest
@TestProfile(SandboxedDispatchTest.InSandbox.class)
@WithTestResource(KafkaBrokerTestResource.class)
class SandboxedDispatchTest {

    /** Sandbox s1; every topic as in production. */
    public static class InSandbox implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(SetpointGuard.SANDBOX_PROPERTY, "s1");
        }
    }

    @Test
    void aSandboxedOptimiserPublishesNothingToGridSetpointsAndSaysWhy() {
        Instant now = Instant.now();
        Send.activePower(now, "gen-2-1", 163, "gen-3-1", 85);
        String model = "sandbox-model-" + now.toEpochMilli();
        try (TopicTail<?, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            Send.forecasts(Send.zoneLoad("zone-1", now, 190, 6, model), Send.zoneLoad("zone-2", now, 125, 6, model));
            JsonPath solve = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                var response = given().when().get("/dispatch/solves/latest");
                return response.statusCode() == 200 && model.equals(response.jsonPath().getString("inputs.zones.'zone-1'.modelVersion"))
                        ? response.jsonPath() : null;
            }, java.util.Objects::nonNull);

            assertThat(solve.getString("status")).isEqualTo("OPTIMAL");
            assertThat(solve.getInt("setpoints.published")).isZero();
            assertThat(solve.getMap("setpoints.targets")).isEmpty();
            List<String> reasons = solve.getList("setpoints.refused.reason");
            assertThat(solve.getList("setpoints.refused.asset", String.class)).contains("gen-2-1", "gen-3-1");
            assertThat(reasons).isNotEmpty().allSatisfy(why -> assertThat(why).contains("runs in sandbox s1 (gridai.sandbox)")
                    .contains("not to " + Topics.GRID_SETPOINTS.name()).contains(Topics.sandbox("s1").setpoints().name()));
            // the solve record is filed after publishing, so whatever the service sent is on the topic by now
            assertThat(setpoints.newValues()).as("nothing from the sandboxed optimiser on " + Topics.GRID_SETPOINTS.name())
                    .noneMatch(s -> DispatchEngine.ISSUER.equals(s.issuedBy()));
        }
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("gridai_setpoints_guard_refused_total(\\{[^}]*\\})? [1-9]");
    }

    @Test
    void theServicesProducerRefusesARealTopicEvenWhenThePublishersCheckIsBypassed() {
        Instant now = Instant.now();
        Setpoint setpoint = new Setpoint(SetpointId.random(), AssetId.of("gen-2-1"), MeasurementKind.ACTIVE_POWER, 80, now,
                now.plusSeconds(60), SetpointOrigin.OPTIMISER, Optional.empty(), DispatchEngine.ISSUER, now);
        SetpointGuard guard = SetpointGuard.fromConfig(Optional.of("s1"));
        try (TopicTail<?, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS);
                KafkaOut out = new KafkaOut(Map.of("bootstrap.servers", KafkaBrokerTestResource.bootstrapServers()), guard)) {
            assertThatThrownBy(() -> out.sendAll(List.of(new KafkaOut.Out<>(Topics.GRID_SETPOINTS, setpoint.asset(), setpoint))))
                    .isInstanceOf(KafkaOut.KafkaOutException.class).hasMessageContaining("setpoint guard refused")
                    .hasMessageContaining("runs in sandbox s1");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerTestResource.bootstrapServers()))) {
                new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.sandbox("s1").all());
            }
            // the sandbox's own topic takes it (sendAll waits for the broker's acknowledgement)
            out.sendAll(List.of(new KafkaOut.Out<>(Topics.sandbox("s1").setpoints(), setpoint.asset(), guard.mark(setpoint))));
            assertThat(setpoints.newValues()).noneMatch(s -> s.id().equals(setpoint.id()));
        }
        assertThat(guard.refusals()).isEqualTo(1);
    }
}
