package io.gridai.gateway.review.policy;

/** A rules file that cannot be read or compiled; the message names the file, the rule and what is wrong. */
public final class PolicyRulesException extends RuntimeException {

    public PolicyRulesException(String message) {
        super(message);
    }

    public PolicyRulesException(String message, Throwable cause) {
        super(message, cause);
    }
}
