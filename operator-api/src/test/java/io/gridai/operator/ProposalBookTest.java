package io.gridai.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.model.Proposal;
import io.gridai.model.ProposalDecision;
import io.gridai.model.ProposalOutcome;
import io.gridai.model.ProposalSignoff;
import io.gridai.model.ProposedAction;
import io.gridai.model.RiskLevel;
import io.gridai.model.id.AgentId;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ProposalId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.operator.proposals.ProposalBook;
import io.gridai.operator.proposals.ProposalRefusal;
import io.gridai.operator.proposals.ProposalRules;
import io.gridai.operator.proposals.ProposalState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The proposal book's rules and its restoring from the audit chain, which may come before or after the proposals. */
class ProposalBookTest {

    private static final Instant T0 = Instant.parse("2025-01-15T10:00:00Z");
    private static final ProposalRules RULES = new ProposalRules(RiskLevel.HIGH, RiskLevel.CRITICAL);

    @Test
    void anApprovalRestoredBeforeItsProposalCountsWhenTheProposalArrives() {
        ProposalBook book = new ProposalBook(10, RULES);
        ProposalId id = ProposalId.of("p-high");
        book.approve(id, new ProposalBook.Approval("olga", T0, "fine", false), false, "operator-api", 4);
        book.add(proposal("p-high", RiskLevel.HIGH, T0));

        assertThat(book.get(id).orElseThrow().approvals()).extracting(a -> a.by()).containsExactly("olga");
        assertThat(book.get(id).orElseThrow().state()).isEqualTo(ProposalState.PENDING);
        assertThatThrownBy(() -> book.checkApproval(id, "olga", true)).isInstanceOf(ProposalRefusal.class)
                .extracting(e -> ((ProposalRefusal) e).why()).isEqualTo(ProposalRefusal.Why.SAME_PERSON);
        assertThat(book.checkApproval(id, "ben", false).completes()).isTrue();
    }

    @Test
    void aDecisionRecordedButNotPublishedIsOwedUntilReadFromTheTopic() {
        ProposalBook book = new ProposalBook(10, RULES);
        Proposal p = proposal("p-low", RiskLevel.LOW, T0);
        book.add(p);
        Optional<ProposalDecision> d = book.approve(p.id(), new ProposalBook.Approval("olga", T0, "ok", false), true,
                "operator-api", 7);

        assertThat(d).hasValueSatisfying(x -> assertThat(x.auditSequence()).isEqualTo(7));
        assertThat(book.unpublished("operator-api")).extracting(ProposalDecision::proposal).containsExactly(p.id());
        book.decided(d.orElseThrow());
        assertThat(book.unpublished("operator-api")).isEmpty();
        assertThat(book.get(p.id()).orElseThrow().state()).isEqualTo(ProposalState.APPROVED);
    }

    @Test
    void aDecisionFromTheTopicIsFinal() {
        ProposalBook book = new ProposalBook(10, RULES);
        Proposal p = proposal("p-rej", RiskLevel.MEDIUM, T0);
        book.decided(new ProposalDecision(p.id(), ProposalOutcome.REJECTED, RiskLevel.MEDIUM,
                List.of(new ProposalSignoff("ben", T0, "no")), "operator-api", 3));
        book.add(p);

        assertThat(book.get(p.id()).orElseThrow().decision().outcome()).isEqualTo("REJECTED");
        assertThatThrownBy(() -> book.checkRejection(p.id())).isInstanceOf(ProposalRefusal.class)
                .extracting(e -> ((ProposalRefusal) e).why()).isEqualTo(ProposalRefusal.Why.ALREADY_DECIDED);
        assertThat(book.unpublished("operator-api")).isEmpty();
    }

    @Test
    void anAuditChainRestoresAPartialApprovalAndOwesAnUnpublishedDecision() {
        io.gridai.model.AuditEvent genesis = io.gridai.model.AuditEvent.first(T0, io.gridai.model.ActorType.SYSTEM,
                "operator-api", "chain.start", "", java.util.Map.of());
        io.gridai.model.AuditEvent partial = genesis.next(T0.plusSeconds(1), io.gridai.model.ActorType.OPERATOR,
                "olga", "proposal.approve", "p-high", java.util.Map.of("reason", "fine", "supervisor", "false",
                        "completes", "false"));
        io.gridai.model.AuditEvent rejected = partial.next(T0.plusSeconds(2), io.gridai.model.ActorType.OPERATOR,
                "ben", "proposal.reject", "p-low", java.util.Map.of("reason", "no"));
        io.gridai.model.AuditEvent other = rejected.next(T0.plusSeconds(3), io.gridai.model.ActorType.OPERATOR,
                "olga", "alert.acknowledge", "al-1", java.util.Map.of());
        ProposalBook book = new ProposalBook(10, RULES);
        book.add(proposal("p-low", RiskLevel.LOW, T0));

        ProposalBook.Restored r = book.restore(List.of(genesis, partial, rejected, other), "proposal.approve",
                "proposal.reject", "operator-api");
        book.add(proposal("p-high", RiskLevel.HIGH, T0));

        assertThat(r).isEqualTo(new ProposalBook.Restored(1, 1, 0));
        assertThat(book.get(ProposalId.of("p-high")).orElseThrow().state()).isEqualTo(ProposalState.PENDING);
        assertThatThrownBy(() -> book.checkApproval(ProposalId.of("p-high"), "olga", false))
                .extracting(e -> ((ProposalRefusal) e).why()).isEqualTo(ProposalRefusal.Why.SAME_PERSON);
        assertThat(book.get(ProposalId.of("p-low")).orElseThrow().decision().by()).isEqualTo("ben");
        assertThat(book.unpublished("operator-api")).singleElement()
                .satisfies(d -> assertThat(d.auditSequence()).isEqualTo(rejected.sequence()));
    }

    @Test
    void holdsAtMostMaxCountNewestFirst() {
        ProposalBook book = new ProposalBook(2, RULES);
        book.add(proposal("p1", RiskLevel.LOW, T0));
        book.add(proposal("p3", RiskLevel.LOW, T0.plusSeconds(20)));
        book.add(proposal("p2", RiskLevel.LOW, T0.plusSeconds(10)));

        assertThat(book.list(Optional.empty())).extracting(v -> v.id()).containsExactly("p3", "p2");
        assertThat(book.size()).isEqualTo(2);
    }

    private static Proposal proposal(String id, RiskLevel risk, Instant at) {
        return new Proposal(ProposalId.of(id), AgentId.of("agent:a"), at, "t", "r", List.of(new ProposedAction(
                AssetId.of("bess-1"), MeasurementKind.ACTIVE_POWER, -5.0, Duration.ofMinutes(5))), risk);
    }
}
