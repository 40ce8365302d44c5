package io.gridai.model;

import java.time.Instant;

/**
 * One person's part in a {@link ProposalDecision}: who ({@code by}, the operator's login, the token subject of the
 * operator API), when, and why (non-blank, as the operator wrote it).
 */
public record ProposalSignoff(String by, Instant at, String reason) {

    public ProposalSignoff {
        Require.text(by, "ProposalSignoff.by");
        Require.present(at, "ProposalSignoff.at");
        Require.text(reason, "ProposalSignoff.reason");
    }
}
