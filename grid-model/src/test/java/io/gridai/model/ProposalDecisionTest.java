package io.gridai.model;

import static io.gridai.model.GridModelFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.gridai.model.id.ProposalId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProposalDecisionTest {

    private static final ProposalSignoff ANNA = new ProposalSignoff("anna", T0, "looks right");
    private static final ProposalSignoff BEN = new ProposalSignoff("ben", T0.plusSeconds(30), "agreed");

    @Test
    void theLastSignoffGivesTheTimeAndTheReason() {
        ProposalDecision d = GridModelFixtures.proposalDecision();

        assertThat(d.deciders()).containsExactly("anna", "ben");
        assertThat(d.decidedAt()).isEqualTo(T0.plusSeconds(95));
        assertThat(d.reason()).startsWith("second check");
    }

    @Test
    void noPersonSignsTwice() {
        assertThatIllegalArgumentException().isThrownBy(() -> approved(List.of(ANNA,
                new ProposalSignoff("anna", T0.plusSeconds(5), "again")))).withMessageContaining("anna twice");
    }

    @Test
    void aRejectionNamesExactlyWhoRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ProposalDecision(ProposalId.of("p1"),
                ProposalOutcome.REJECTED, RiskLevel.LOW, List.of(ANNA, BEN), "operator-api", 3))
                .withMessageContaining("exactly one signoff");
        assertThatIllegalArgumentException().isThrownBy(() -> approved(List.of()))
                .withMessageContaining("name who decided");
    }

    @Test
    void aSignoffNeedsAReason() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ProposalSignoff("anna", T0, " "))
                .withMessageContaining("ProposalSignoff.reason");
    }

    @Test
    void copiesTheSignoffs() {
        java.util.ArrayList<ProposalSignoff> signoffs = new java.util.ArrayList<>(List.of(ANNA));
        ProposalDecision d = approved(signoffs);
        signoffs.add(BEN);

        assertThat(d.signoffs()).containsExactly(ANNA);
    }

    private static ProposalDecision approved(List<ProposalSignoff> signoffs) {
        return new ProposalDecision(ProposalId.of("p1"), ProposalOutcome.APPROVED, RiskLevel.LOW, signoffs,
                "operator-api", 3);
    }
}
