package io.gridai.operator.alerts;

import io.gridai.model.Alert;
import java.time.Instant;

/** An alert as the API shows it: the {@code grid.alerts} record with plain ids, and its acknowledgement (or null). */
public record AlertView(String id, String asset, String type, String severity, String state, String kind,
        double value, double limit, Instant time, String message, boolean acknowledged,
        Acknowledgement acknowledgement) {

    public static AlertView of(Alert a, Acknowledgement ack) {
        return new AlertView(a.id().value(), a.asset().value(), a.type().name(), a.severity().name(), a.state().name(),
                a.kind().name(), a.value(), a.limit(), a.time(), a.message(), ack != null, ack);
    }
}
