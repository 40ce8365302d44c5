package io.gridai.storage.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.kafka.quarkus.TopicTail;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.topic.Topics;
import io.gridai.service.runtime.SetpointGuard;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Replays can never actuate: the manager started in sandbox {@code s1} ({@code gridai.sandbox=s1}) with its output left
 * on the real {@code grid.setpoints}. Given a schedule for bess-1 it decides a setpoint, and the guard refuses it: the
 * refusal is counted in {@code gridai.setpoints.guard.refused}, and nothing from the manager is on {@code grid.setpoints}
 * (the refusal comes before any send, so what the topic holds once it is counted is all the manager could have written).
 */
@QuarkusTest
@TestProfile(SandboxedStorageTest.InSandbox.class)
@WithTestResource(KafkaBrokerTestResource.class)
class SandboxedStorageTest {

    private static final Pattern REFUSED = Pattern.compile("gridai_setpoints_guard_refused_total(?:\\{[^}]*\\})? ([0-9.]+)");

    /** Sandbox s1; every topic as in production. */
    public static class InSandbox implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(SetpointGuard.SANDBOX_PROPERTY, "s1");
        }
    }

    @Test
    void aSandboxedManagerDecidesButNothingReachesGridSetpoints() {
        try (TopicTail<?, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            Instant now = Instant.now();
            Publish.frequency(60.0, now);
            Publish.soc("bess-1", 50, now);
            Publish.schedule("bess-1", 7.5, now, now.plus(Duration.ofHours(1)));

            await().atMost(Duration.ofSeconds(20)).until(() -> refused() > 0);

            assertThat(setpoints.newValues()).as("nothing from the sandboxed manager on " + Topics.GRID_SETPOINTS.name())
                    .noneMatch(s -> s.origin() == SetpointOrigin.STORAGE_MANAGER);
        }
    }

    private static double refused() {
        Matcher m = REFUSED.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
