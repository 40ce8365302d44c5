package io.gridai.gateway.review.policy;

import java.util.Objects;

/**
 * A named policy rule: a CEL boolean expression, from the rules file only, that must be {@code true} for every action
 * of a proposal.
 *
 * @param name        its name, e.g. {@code max-mw-change} (refusals name it)
 * @param description what it asks, in words (refusals quote it)
 * @param expression  the CEL expression
 */
public record PolicyRule(String name, String description, String expression) {

    public PolicyRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(expression, "expression");
    }
}
