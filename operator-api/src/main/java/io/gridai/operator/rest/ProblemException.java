package io.gridai.operator.rest;

import java.util.Map;

/** Thrown by a resource to answer with a problem detail; {@link ProblemMappers} adds the request path as instance. */
public class ProblemException extends RuntimeException {

    private final Problem.Kind kind;
    private final transient Map<String, Object> extensions;

    public ProblemException(Problem.Kind kind, String detail) {
        this(kind, detail, Map.of());
    }

    public ProblemException(Problem.Kind kind, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.kind = kind;
        this.extensions = extensions;
    }

    public Problem.Kind kind() {
        return kind;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
