package io.gridai.operator.proposals;

import java.util.Map;

/** An approval or rejection the rules do not allow; {@code why} says which rule, {@code facts} the particulars. */
public final class ProposalRefusal extends RuntimeException {

    /** The rule that refused. */
    public enum Why {
        /** No such proposal among those held. */
        NOT_FOUND,
        /** It is approved or rejected already. */
        ALREADY_DECIDED,
        /** The same person approved it already; four eyes need a second, different person. */
        SAME_PERSON,
        /** Its risk needs one approver with the supervisor role, and neither is. */
        SUPERVISOR_REQUIRED,
        /** The service has not yet rebuilt the approvals from its audit chain. */
        NOT_READY
    }

    private final Why why;
    private final transient Map<String, Object> facts;

    public ProposalRefusal(Why why, String message, Map<String, Object> facts) {
        super(message, null, false, false);
        this.why = why;
        this.facts = facts;
    }

    public Why why() {
        return why;
    }

    public Map<String, Object> facts() {
        return facts;
    }
}
