package io.gridai.operator.health;

import io.gridai.model.topic.Topics;
import io.gridai.operator.proposals.Proposals;
import io.gridai.operator.setpoints.Setpoints;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the proposals and setpoints consumers have their partitions and the approvals are restored. */
@Readiness
@ApplicationScoped
public class DecisionInputsReadinessCheck implements HealthCheck {

    private final Proposals proposals;
    private final Setpoints setpoints;

    public DecisionInputsReadinessCheck(Proposals proposals, Setpoints setpoints) {
        this.proposals = proposals;
        this.setpoints = setpoints;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("proposals and setpoints of operator-api")
                .status(proposals.ready() && setpoints.ready())
                .withData("proposalsTopics", Topics.GRID_PROPOSALS.name() + "," + Topics.GRID_PROPOSAL_DECISIONS.name())
                .withData("proposalsReady", proposals.ready())
                .withData("setpointsTopic", Topics.GRID_SETPOINTS.name())
                .withData("setpointsAssigned", setpoints.ready())
                .build();
    }
}
