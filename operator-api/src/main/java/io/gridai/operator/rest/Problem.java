package io.gridai.operator.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 7807 problem detail ({@code application/problem+json}): {@code type} (a {@code urn:gridai:problem:*} URI
 * naming the kind of problem), {@code title} (the same for every problem of that type), {@code status}, {@code detail}
 * (this occurrence) and {@code instance} (the request path), plus extension members where a problem has more to say
 * (e.g. who acknowledged an alert).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
public record Problem(String type, String title, int status, String detail, String instance,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    public Problem {
        extensions = extensions == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /** The extension members, written next to the standard ones. */
    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions;
    }

    /** This problem as a response, with its media type. */
    public Response toResponse() {
        return Response.status(status).type(MEDIA).entity(this).build();
    }

    /** The kinds of problem the API answers. */
    public enum Kind {
        BAD_REQUEST(400, "bad-request", "The request is not valid"),
        UNAUTHORIZED(401, "unauthorized", "Authentication required"),
        FORBIDDEN(403, "forbidden", "Not allowed for your role"),
        NOT_FOUND(404, "not-found", "No such resource"),
        ALREADY_ACKNOWLEDGED(409, "alert-already-acknowledged", "The alert is already acknowledged"),
        FOUR_EYES(409, "four-eyes", "A second, different person must approve"),
        PROPOSAL_DECIDED(409, "proposal-already-decided", "The proposal is already decided"),
        SETPOINT_OUTSIDE_ENVELOPE(422, "setpoint-outside-envelope", "The setpoint is outside its safety envelope"),
        SANDBOX_CANNOT_ACTUATE(409, "sandbox-cannot-actuate", "This service runs in a sandbox and publishes no real setpoints"),
        STREAM_POSITION_GONE(410, "stream-position-gone", "The stream can no longer resume from that event id"),
        REPLAY_RUNNING(409, "replay-running", "A replay of this sandbox is running"),
        NOT_ACCEPTABLE(406, "not-acceptable", "The requested media type is not available"),
        METHOD_NOT_ALLOWED(405, "method-not-allowed", "The method is not allowed on this resource"),
        UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The request's media type is not accepted"),
        UNAVAILABLE(503, "unavailable", "The service cannot do this now"),
        INTERNAL(500, "internal-error", "The service failed");

        private final int status;
        private final String slug;
        private final String title;

        Kind(int status, String slug, String title) {
            this.status = status;
            this.slug = slug;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String type() {
            return "urn:gridai:problem:" + slug;
        }

        public String title() {
            return title;
        }

        /** A problem of this kind. */
        public Problem problem(String detail, String instance) {
            return new Problem(type(), title, status, detail, instance, null);
        }

        /** A problem of this kind with extension members (kept in the given order). */
        public Problem problem(String detail, String instance, Map<String, Object> extensions) {
            return new Problem(type(), title, status, detail, instance, new LinkedHashMap<>(extensions));
        }

        /** The kind for an HTTP status the API answers with no more specific kind. */
        public static Kind ofStatus(int status) {
            for (Kind k : values()) {
                if (k.status == status && k != ALREADY_ACKNOWLEDGED && k != FOUR_EYES && k != PROPOSAL_DECIDED
                        && k != SETPOINT_OUTSIDE_ENVELOPE && k != SANDBOX_CANNOT_ACTUATE
                        && k != REPLAY_RUNNING) {
                    return k;
                }
            }
            return status >= 500 ? INTERNAL : BAD_REQUEST;
        }
    }
}
