package io.gridai.sim.twin;

import java.time.Instant;
import java.util.List;

import io.gridai.model.Measurement;
import io.gridai.model.SetpointAck;
import io.gridai.network.AcPowerFlowStatus;

/**
 * What one tick produced.
 *
 * @param time         grid time of the tick (the event time of its measurements)
 * @param status       the AC power flow's outcome; when not converged, the tick emits no electrical values
 *                     (only frequency), and the previous operating point stays
 * @param iterations   Newton-Raphson iterations
 * @param measurements telemetry to publish, after imperfections
 * @param acks         acknowledgements of setpoints that expired at this tick
 * @param balance      the tick's power balance (exact values, before imperfections)
 * @param frequencyHz  system frequency at the end of the tick, Hz
 */
public record TickResult(Instant time, AcPowerFlowStatus status, int iterations, List<Measurement> measurements,
        List<SetpointAck> acks, PowerBalance balance, double frequencyHz) {

    public TickResult {
        measurements = List.copyOf(measurements);
        acks = List.copyOf(acks);
    }

    public boolean converged() {
        return status == AcPowerFlowStatus.CONVERGED;
    }
}
