package io.gridai.gateway.mcp;

/**
 * A call or read refused for a reason the agent can act on (bad argument, out of scope, not available); no stack trace.
 * A tool answers it as a tool error whatever its {@link Kind}; a resource read as the JSON-RPC error of its kind.
 */
public final class Refusal extends RuntimeException {

    /** What kind of refusal, for the JSON-RPC error code of a resource read. */
    public enum Kind {
        /** A malformed argument (an asset id that is not one, a range backwards): JSON-RPC -32602. */
        INVALID(-32602),
        /** Nothing there for this agent (outside its scope, above its tier, unknown): MCP's -32002, not found. */
        NOT_FOUND(-32002),
        /** Not now: the rate budget spent, the live state or the audit chain unreachable: -32000 (try again later). */
        UNAVAILABLE(-32000);

        private final int jsonRpcCode;

        Kind(int jsonRpcCode) {
            this.jsonRpcCode = jsonRpcCode;
        }

        /** The JSON-RPC error code of a resource read refused this way. */
        public int jsonRpcCode() {
            return jsonRpcCode;
        }
    }

    private final Kind kind;

    /** A refusal of a malformed argument ({@link Kind#INVALID}). */
    public Refusal(String message) {
        this(Kind.INVALID, message);
    }

    public Refusal(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /** An asset or zone outside the agent's scope ({@link Kind#NOT_FOUND}), saying the scope. */
    public static Refusal outOfScope(String what, String scopeText) {
        return new Refusal(Kind.NOT_FOUND, what + " is outside this agent's scope (" + scopeText + ")");
    }

    public Kind kind() {
        return kind;
    }
}
