package io.gridai.model;

import static io.gridai.model.GridModelFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.gridai.model.id.AgentId;
import io.gridai.model.id.ProposalId;
import io.gridai.model.unit.MeasurementKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProposalTest {

    @Test
    void needsAtLeastOneActionAndCopiesTheList() {
        ProposedAction action = GridModelFixtures.proposal().actions().get(0);
        List<ProposedAction> actions = new ArrayList<>(List.of(action));
        Proposal proposal = proposal(actions);
        actions.add(action);

        assertThat(proposal.actions()).containsExactly(action);
        assertThatIllegalArgumentException().isThrownBy(() -> proposal(List.of()))
                .withMessageContaining("at least one action");
    }

    @Test
    void needsATitleAndARationale() {
        Proposal p = GridModelFixtures.proposal();
        assertThatIllegalArgumentException().isThrownBy(() -> new Proposal(p.id(), p.agent(), p.createdAt(), " ",
                p.rationale(), p.actions(), p.risk())).withMessageContaining("Proposal.title must not be blank");
        assertThatIllegalArgumentException().isThrownBy(() -> new Proposal(p.id(), p.agent(), p.createdAt(),
                p.title(), "", p.actions(), p.risk())).withMessageContaining("Proposal.rationale");
    }

    @Test
    void actionsHoldForAPositiveTime() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ProposedAction(GridModelFixtures.BATTERY,
                MeasurementKind.ACTIVE_POWER, 1, Duration.ZERO)).withMessageContaining("validFor must be positive");
        assertThatIllegalArgumentException().isThrownBy(() -> new ProposedAction(GridModelFixtures.BATTERY,
                MeasurementKind.ACTIVE_POWER, Double.NaN, Duration.ofMinutes(1))).withMessageContaining("finite");
    }

    private static Proposal proposal(List<ProposedAction> actions) {
        return new Proposal(ProposalId.of("p1"), AgentId.of("a1"), T0, "title", "because", actions, RiskLevel.LOW);
    }
}
