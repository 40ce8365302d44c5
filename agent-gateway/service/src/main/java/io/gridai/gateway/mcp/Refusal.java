package io.gridai.gateway.mcp;

/** A tool call refused for a reason the agent can act on (bad argument, out of scope, not available); no stack trace. */
public final class Refusal extends RuntimeException {

    public Refusal(String message) {
        super(message, null, false, false);
    }
}
