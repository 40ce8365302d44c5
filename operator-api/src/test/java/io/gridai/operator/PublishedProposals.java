package io.gridai.operator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.gridai.model.Proposal;
import io.gridai.model.ProposedAction;
import io.gridai.model.RiskLevel;
import io.gridai.model.id.AgentId;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ProposalId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Publishes proposals to {@code grid.proposals} as the agent gateway would, and waits until the API holds them. */
final class PublishedProposals {

    private PublishedProposals() {
    }

    /** A proposal of {@code risk} (a fresh id, created now) asking a battery to charge at 20 MW for 30 minutes. */
    static Proposal publish(RiskLevel risk) {
        return publish(risk, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    static Proposal publish(RiskLevel risk, Instant createdAt) {
        Proposal p = new Proposal(ProposalId.of("prop-" + UUID.randomUUID()), AgentId.of("agent:forecaster"),
                createdAt, "Charge the battery ahead of the evening peak",
                "P90 load at 18:00 exceeds import capacity by 15 MW",
                List.of(new ProposedAction(AssetId.of("bess-lowestoft"), MeasurementKind.ACTIVE_POWER, -20.0,
                        Duration.ofMinutes(30))),
                risk);
        Publish.send(Topics.GRID_PROPOSALS, p.id(), p);
        String viewer = TestTokens.token("watcher", "viewer");
        await().atMost(Duration.ofSeconds(20)).until(() -> given().header("Authorization", "Bearer " + viewer)
                .get("/api/v1/proposals/" + p.id().value()).statusCode() == 200);
        return p;
    }
}
