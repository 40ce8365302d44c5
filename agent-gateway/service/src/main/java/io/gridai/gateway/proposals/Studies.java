package io.gridai.gateway.proposals;

import io.gridai.model.ProposedAction;
import java.util.List;

/** The study alone (the {@code study} tool): the live network with a change applied, AC power flow and N-1; nothing published. */
public interface Studies {

    /** The study's findings as a JSON-ready value. */
    Object study(List<ProposedAction> change);
}
