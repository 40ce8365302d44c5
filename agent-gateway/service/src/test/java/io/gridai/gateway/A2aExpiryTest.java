package io.gridai.gateway;

import static io.gridai.gateway.ProposalFlowTest.proposal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.a2a.spec.Task;
import io.a2a.spec.TaskState;
import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.model.unit.MeasurementKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A proposal operators do not decide on within {@code gridai.gateway.proposals.decision-timeout} (3 s here, a gateway
 * of its own) expires, and its A2A task becomes {@code canceled} with the message "expired: ...".
 */
@QuarkusTest
@TestProfile(A2aExpiryTest.ShortDecisions.class)
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(AgentTokens.class)
@WithTestResource(LiveStateMember.class)
class A2aExpiryTest {

    /** Operators have 3 s to decide. */
    public static class ShortDecisions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gridai.gateway.proposals.decision-timeout", "PT3S");
        }
    }

    @Test
    void aProposalOperatorsLeaveUndecidedIsACanceledTask() throws Exception {
        LiveStateWriter.put("gen-2-5", MeasurementKind.ACTIVE_POWER, 0.0, Instant.now());
        A2aAgent agent = new A2aAgent(AgentTokens.agent("agent:a2a-patient", "propose"));
        Task task = agent.propose(proposal("wait for me", 9.0, "PT15M", "gen-2-5"));
        assertThat(task.getStatus().state()).as(A2aAgent.statusText(task)).isEqualTo(TaskState.INPUT_REQUIRED);
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.get(task.getId()).getStatus().state()
                == TaskState.CANCELED);
        Task expired = agent.get(task.getId());
        assertThat(A2aAgent.statusText(expired)).isEqualTo("expired: operators did not decide within PT3S");
        assertThat(expired.getMetadata()).containsEntry("proposalStatus", "EXPIRED");
        assertThat(A2aAgent.artifact(expired, "proposal")).containsEntry("status", "EXPIRED");
    }
}
