package io.gridai.operator.alerts;

import java.time.Instant;

/** Who acknowledged an alert, when, with what comment (empty when none), and the audit event that records it. */
public record Acknowledgement(String by, Instant at, String comment, long auditSequence) {
}
