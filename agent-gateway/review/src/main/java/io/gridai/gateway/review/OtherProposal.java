package io.gridai.gateway.review;

import io.gridai.model.ProposedAction;
import io.gridai.model.id.ProposalId;
import java.util.List;
import java.util.Objects;

/**
 * Another proposal that is pending (reviewed, waiting for people) or active (approved, its setpoints in force): its
 * actions conflict with a new proposal's on the same asset, and they are applied in the study of the new one (a
 * proposal may be safe alone and unsafe together with them).
 *
 * @param id      its id
 * @param state   pending or active
 * @param actions its actions
 */
public record OtherProposal(ProposalId id, State state, List<ProposedAction> actions) {

    /** Where the other proposal stands. */
    public enum State { PENDING, ACTIVE }

    public OtherProposal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        actions = List.copyOf(actions);
    }
}
