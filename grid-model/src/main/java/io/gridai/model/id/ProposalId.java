package io.gridai.model.id;

import java.util.UUID;

/** Identifies a proposal submitted for security review. */
public record ProposalId(String value) implements TypedId {

    public ProposalId {
        value = IdRules.requireValid(value, "ProposalId");
    }

    /** Parses and validates {@code value}; throws {@link IllegalArgumentException} when it breaks the id rule. */
    public static ProposalId of(String value) {
        return new ProposalId(value);
    }

    /** A fresh random (type 4 UUID) identifier. */
    public static ProposalId random() {
        return new ProposalId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
