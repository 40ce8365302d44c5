package io.gridai.model;

import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import java.time.Duration;

/**
 * One setpoint a proposal asks for: drive {@code kind} of {@code asset} to {@code target} (in
 * {@code kind.unit()}, generator sign convention) for {@code validFor} from the moment it is approved.
 */
public record ProposedAction(AssetId asset, MeasurementKind kind, double target, Duration validFor) {

    public ProposedAction {
        Require.present(asset, "ProposedAction.asset");
        Require.present(kind, "ProposedAction.kind");
        Require.finite(target, "ProposedAction.target");
        Require.present(validFor, "ProposedAction.validFor");
        if (validFor.isNegative() || validFor.isZero()) {
            throw new IllegalArgumentException("ProposedAction.validFor must be positive but was " + validFor
                    + "; say how long the setpoint should hold, e.g. Duration.ofMinutes(15)");
        }
    }
}
