package io.gridai.gateway.audit;

import io.gridai.service.runtime.AuditTrail;
import io.gridai.model.ActorType;
import io.gridai.model.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * What the gateway writes to its audit chain, by action. Tool calls and resource reads are recorded with a SHA-256
 * digest of their arguments (a read: its URI) and of their result (and the result's size), not the data itself: the
 * chain proves what an agent asked and was given without copying the grid's state into it.
 */
public final class GatewayAudit {

    /** A tool call, whatever its outcome (details: tool, requestId, arguments digest, outcome, result digest/size or reason). */
    public static final String TOOL_CALL = "agent.tool.call";
    /**
     * A resource read, whatever its outcome (subject: the URI; details: uri, resource, requestId, outcome, result
     * digest/size or reason).
     */
    public static final String RESOURCE_READ = "agent.resource.read";

    /**
     * An A2A JSON-RPC request, whatever its outcome (details: method, messageId or taskId, arguments digest, outcome,
     * proposal id, result digest or reason).
     */
    public static final String A2A_REQUEST = "agent.a2a.request";
    /** A request the HTTP layer refused before any tool ran (no, expired, foreign or operator token). */
    public static final String AUTH_REFUSED = "agent.auth.refused";
    /** One step of a proposal's review (subject: the proposal id). */
    public static final String REVIEW_STEP = "proposal.review.step";
    /** The review's decision (REJECTED, AUTO_APPROVE, NEEDS_HUMAN). */
    public static final String REVIEW_DECISION = "proposal.review.decision";
    /** A proposal published to {@code grid.proposals} for operators. */
    public static final String PROPOSAL_PUBLISHED = "proposal.published";
    /** Operators' decision read from {@code grid.proposal-decisions}. */
    public static final String OPERATOR_DECISION = "proposal.operator-decision";
    /** A setpoint of an approved proposal published to {@code grid.setpoints}. */
    public static final String SETPOINT_PUBLISHED = "proposal.setpoint.published";
    /** A setpoint of an approved proposal the envelope refused at execution (nothing published). */
    public static final String SETPOINT_REFUSED = "proposal.setpoint.refused";
    /** A proposal's final status (executed, rejected, expired). */
    public static final String PROPOSAL_STATUS = "proposal.status";

    private static final Logger LOG = Logger.getLogger(GatewayAudit.class);

    private GatewayAudit() {
    }

    /** SHA-256 of the text, hex. */
    public static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /**
     * Appends and logs a failure instead of throwing: for records of what was refused or read, where nothing took
     * effect that the record would have to precede.
     */
    public static AuditEvent tryAppend(AuditTrail trail, ActorType type, String actor, String action, String subject,
            Map<String, String> details) {
        try {
            return trail.append(type, actor, action, subject, details);
        } catch (AuditTrail.AuditException e) {
            LOG.warnf("audit event not recorded action=%s actor=%s subject=%s: %s", action, actor, subject,
                    e.getMessage());
            return null;
        }
    }
}
