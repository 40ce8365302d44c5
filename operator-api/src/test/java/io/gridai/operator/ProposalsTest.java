package io.gridai.operator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.kafka.quarkus.TopicTail;
import io.gridai.model.ActorType;
import io.gridai.model.AuditEvent;
import io.gridai.model.Proposal;
import io.gridai.model.ProposalDecision;
import io.gridai.model.ProposalOutcome;
import io.gridai.model.ProposalSignoff;
import io.gridai.model.RiskLevel;
import io.gridai.model.id.ProposalId;
import io.gridai.model.topic.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Proposals published to {@code grid.proposals} appear in the API; an approval or rejection is written to the audit
 * chain, and the final decision is published to {@code grid.proposal-decisions}; high-risk proposals need two
 * different people (four eyes), critical ones a supervisor among them.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestTokens.class)
class ProposalsTest {

    private static RequestSpecification as(String subject, String... roles) {
        return given().header("Authorization", "Bearer " + TestTokens.token(subject, roles));
    }

    private static ValidatableResponse decide(String verb, Proposal p, String subject, String role, String reason) {
        return as(subject, role).contentType("application/json").body("{\"reason\":\"" + reason + "\"}")
                .post("/api/v1/proposals/" + p.id().value() + "/" + verb).then();
    }

    @Test
    void publishedProposalsAreListedNewestFirstWithTheirActions() {
        Instant now = Instant.now();
        Proposal older = PublishedProposals.publish(RiskLevel.MEDIUM, now.minusSeconds(120));
        Proposal newer = PublishedProposals.publish(RiskLevel.HIGH, now.minusSeconds(60));

        List<String> ids = as("vera", "viewer").get("/api/v1/proposals").then().statusCode(200).extract().jsonPath()
                .getList("id", String.class);
        assertThat(ids).containsSubsequence(newer.id().value(), older.id().value());
        as("vera", "viewer").get("/api/v1/proposals/" + newer.id().value()).then().statusCode(200)
                .body("agent", equalTo("agent:forecaster"))
                .body("createdAt", equalTo(newer.createdAt().toString()))
                .body("title", equalTo(newer.title()))
                .body("rationale", equalTo(newer.rationale()))
                .body("risk", equalTo("HIGH"))
                .body("actions[0].asset", equalTo("bess-lowestoft"))
                .body("actions[0].kind", equalTo("ACTIVE_POWER"))
                .body("actions[0].unit", equalTo("MW"))
                .body("actions[0].target", equalTo(-20.0f))
                .body("actions[0].validFor", equalTo("PT30M"))
                .body("state", equalTo("PENDING"))
                .body("approvalsNeeded", equalTo(2))
                .body("approvals", equalTo(List.of()))
                .body("decision", nullValue());
        as("vera", "viewer").get("/api/v1/proposals/" + older.id().value()).then().body("approvalsNeeded", equalTo(1));
        assertThat(as("vera", "viewer").queryParam("state", "pending").get("/api/v1/proposals").then().statusCode(200)
                .extract().jsonPath().getList("id", String.class)).contains(newer.id().value());
        as("vera", "viewer").queryParam("state", "MAYBE").get("/api/v1/proposals").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("PENDING, APPROVED or REJECTED"));
        as("vera", "viewer").get("/api/v1/proposals/prop-none").then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("type", equalTo("urn:gridai:problem:not-found"));
    }

    @Test
    void aLowRiskProposalIsApprovedByOneOperatorAuditedAndPublished() {
        Proposal p = PublishedProposals.publish(RiskLevel.LOW);
        try (TopicTail<String, AuditEvent> audit = TopicTail.of(Topics.GRID_AUDIT);
                TopicTail<ProposalId, ProposalDecision> decisions = TopicTail.of(Topics.GRID_PROPOSAL_DECISIONS)) {
            decide("approve", p, "olga", "operator", "forecast checked").statusCode(200)
                    .body("id", equalTo(p.id().value()))
                    .body("state", equalTo("APPROVED"))
                    .body("approvals.by", equalTo(List.of("olga")))
                    .body("approvals[0].reason", equalTo("forecast checked"))
                    .body("decision.outcome", equalTo("APPROVED"))
                    .body("decision.by", equalTo("olga"))
                    .body("decision.reason", equalTo("forecast checked"));

            List<AuditEvent> events = audit.newValues();
            assertThat(events).hasSize(1);
            AuditEvent event = events.get(0);
            assertThat(event.actorType()).isEqualTo(ActorType.OPERATOR);
            assertThat(event.actor()).isEqualTo("olga");
            assertThat(event.action()).isEqualTo("proposal.approve");
            assertThat(event.subject()).isEqualTo(p.id().value());
            assertThat(event.details()).containsEntry("reason", "forecast checked").containsEntry("risk", "LOW")
                    .containsEntry("approval", "1/1");

            List<ConsumerRecord<ProposalId, ProposalDecision>> published = decisions.newRecords();
            assertThat(published).hasSize(1);
            assertThat(published.get(0).key()).isEqualTo(p.id());
            ProposalDecision d = published.get(0).value();
            assertThat(d.outcome()).isEqualTo(ProposalOutcome.APPROVED);
            assertThat(d.risk()).isEqualTo(RiskLevel.LOW);
            assertThat(d.signoffs()).containsExactly(new ProposalSignoff("olga", event.time(), "forecast checked"));
            assertThat(d.auditChain()).isEqualTo("operator-api");
            assertThat(d.auditSequence()).isEqualTo(event.sequence());

            // Decided: a second approval or a rejection is a 409 naming who decided, and writes nothing.
            decide("approve", p, "ben", "operator", "me too").statusCode(409)
                    .contentType(containsString("application/problem+json"))
                    .body("type", equalTo("urn:gridai:problem:proposal-already-decided"))
                    .body("outcome", equalTo("APPROVED"))
                    .body("decidedBy", equalTo("olga"));
            decide("reject", p, "ben", "operator", "too late").statusCode(409)
                    .body("type", equalTo("urn:gridai:problem:proposal-already-decided"));
            assertThat(audit.newValues()).hasSize(1);
            assertThat(decisions.newValues()).hasSize(1);
        }
    }

    @Test
    void aHighRiskProposalNeedsTwoDifferentPeople() {
        Proposal p = PublishedProposals.publish(RiskLevel.HIGH);
        String path = "/api/v1/proposals/" + p.id().value() + "/approve";
        try (TopicTail<String, AuditEvent> audit = TopicTail.of(Topics.GRID_AUDIT);
                TopicTail<ProposalId, ProposalDecision> decisions = TopicTail.of(Topics.GRID_PROPOSAL_DECISIONS)) {
            decide("approve", p, "olga", "operator", "first look: fine").statusCode(200)
                    .body("state", equalTo("PENDING"))
                    .body("approvalsNeeded", equalTo(2))
                    .body("approvals.by", equalTo(List.of("olga")))
                    .body("decision", nullValue());
            assertThat(audit.newValues()).singleElement().satisfies(e -> {
                assertThat(e.action()).isEqualTo("proposal.approve");
                assertThat(e.details()).containsEntry("approval", "1/2").containsEntry("completes", "false");
            });
            assertThat(decisions.newValues()).isEmpty();

            // The same person again, even as a supervisor: refused, nothing written.
            decide("approve", p, "olga", "supervisor", "really fine").statusCode(409)
                    .contentType(containsString("application/problem+json"))
                    .body("type", equalTo("urn:gridai:problem:four-eyes"))
                    .body("status", equalTo(409))
                    .body("detail", containsString("a second, different person must approve"))
                    .body("approvedBy", equalTo("olga"))
                    .body("instance", equalTo(path));
            assertThat(audit.newValues()).hasSize(1);

            decide("approve", p, "ben", "operator", "second check: line rating as stated").statusCode(200)
                    .body("state", equalTo("APPROVED"))
                    .body("approvals.by", equalTo(List.of("olga", "ben")))
                    .body("decision.outcome", equalTo("APPROVED"))
                    .body("decision.by", equalTo("ben"));
            List<AuditEvent> events = audit.newValues();
            assertThat(events).hasSize(2);
            List<ProposalDecision> published = decisions.newValues();
            assertThat(published).singleElement().satisfies(d -> {
                assertThat(d.deciders()).containsExactly("olga", "ben");
                assertThat(d.risk()).isEqualTo(RiskLevel.HIGH);
                assertThat(d.auditSequence()).isEqualTo(events.get(1).sequence());
            });
        }
        as("vera", "viewer").queryParam("state", "APPROVED").get("/api/v1/proposals").then().statusCode(200)
                .body("find { it.id == '" + p.id().value() + "' }.approvals.by", equalTo(List.of("olga", "ben")));
    }

    @Test
    void aCriticalProposalNeedsASupervisorAmongItsTwoApprovers() {
        Proposal p = PublishedProposals.publish(RiskLevel.CRITICAL);
        decide("approve", p, "olga", "operator", "looks right").statusCode(200).body("state", equalTo("PENDING"));
        decide("approve", p, "ben", "operator", "agreed").statusCode(403)
                .contentType(containsString("application/problem+json"))
                .body("type", equalTo("urn:gridai:problem:forbidden"))
                .body("requiredRole", equalTo("supervisor"))
                .body("detail", containsString("a supervisor must give this approval"));
        decide("approve", p, "sam", "supervisor", "agreed, supervisor").statusCode(200)
                .body("state", equalTo("APPROVED"))
                .body("approvals.by", equalTo(List.of("olga", "sam")));
    }

    @Test
    void aRejectionNeedsAReasonAndIsPublished() {
        Proposal p = PublishedProposals.publish(RiskLevel.HIGH);
        String path = "/api/v1/proposals/" + p.id().value() + "/reject";
        try (TopicTail<String, AuditEvent> audit = TopicTail.of(Topics.GRID_AUDIT);
                TopicTail<ProposalId, ProposalDecision> decisions = TopicTail.of(Topics.GRID_PROPOSAL_DECISIONS)) {
            as("olga", "operator").contentType("application/json").body("{}").post(path).then().statusCode(400)
                    .contentType(containsString("application/problem+json"))
                    .body("type", equalTo("urn:gridai:problem:bad-request"))
                    .body("detail", containsString("a reason is required"));
            as("olga", "operator").contentType("application/json").body("{\"reason\":\"   \"}").post(path).then()
                    .statusCode(400);
            as("olga", "operator").contentType("application/json").post(path).then().statusCode(400);
            as("olga", "operator").contentType("application/json")
                    .body("{\"reason\":\"" + "x".repeat(1001) + "\"}").post(path).then().statusCode(400)
                    .body("detail", containsString("at most 1000"));
            assertThat(audit.newValues()).isEmpty();

            decide("reject", p, "olga", "operator", "battery is on maintenance").statusCode(200)
                    .body("state", equalTo("REJECTED"))
                    .body("approvals", equalTo(List.of()))
                    .body("decision.outcome", equalTo("REJECTED"))
                    .body("decision.by", equalTo("olga"))
                    .body("decision.reason", equalTo("battery is on maintenance"));
            assertThat(audit.newValues()).singleElement().satisfies(e -> {
                assertThat(e.action()).isEqualTo("proposal.reject");
                assertThat(e.details()).containsEntry("reason", "battery is on maintenance");
            });
            assertThat(decisions.newValues()).singleElement().satisfies(d -> {
                assertThat(d.outcome()).isEqualTo(ProposalOutcome.REJECTED);
                assertThat(d.deciders()).containsExactly("olga");
                assertThat(d.reason()).isEqualTo("battery is on maintenance");
            });

            decide("reject", p, "ben", "operator", "again").statusCode(409)
                    .body("type", equalTo("urn:gridai:problem:proposal-already-decided"))
                    .body("outcome", equalTo("REJECTED"));
            decide("approve", p, "ben", "operator", "no, approve").statusCode(409);
            assertThat(audit.newValues()).hasSize(1);
        }
    }

    @Test
    void decidingAnUnknownProposalIs404() {
        as("olga", "operator").contentType("application/json").body("{\"reason\":\"x\"}")
                .post("/api/v1/proposals/prop-unknown/approve").then().statusCode(404)
                .contentType(containsString("application/problem+json"));
        as("olga", "operator").contentType("application/json").body("{\"reason\":\"x\"}")
                .post("/api/v1/proposals/_bad/reject").then().statusCode(400);
    }
}
