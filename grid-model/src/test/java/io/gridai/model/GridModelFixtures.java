package io.gridai.model;

import io.gridai.model.id.AgentId;
import io.gridai.model.id.AlertId;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ProposalId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.id.SourceId;
import io.gridai.model.id.ZoneId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typical values of every domain type, for tests here and (through grid-model's test-jar) in other modules.
 * Times carry nanoseconds on purpose: the wire format must keep them.
 */
public final class GridModelFixtures {

    /** 2025-01-15 10:15:30.123456789 UTC. */
    public static final Instant T0 = Instant.parse("2025-01-15T10:15:30.123456789Z");
    public static final SourceId SCADA_NORTH = SourceId.of("scada-north");
    public static final AssetId WIND_FARM = AssetId.of("wf-kessingland-1");
    public static final AssetId BATTERY = AssetId.of("bess-lowestoft");
    public static final ZoneId EAST = ZoneId.of("zone-east");

    private GridModelFixtures() {
    }

    /** 42.5 MW injected by the wind farm, flagged ESTIMATED. */
    public static Measurement measurement() {
        return Measurement.of(SCADA_NORTH, WIND_FARM, MeasurementKind.ACTIVE_POWER, 42_500, Unit.KILOWATT,
                T0, T0.plusMillis(350)).withFlag(QualityFlag.ESTIMATED);
    }

    /** Three 15-minute steps of P10/P50/P90 load in the east zone. */
    public static Forecast forecast() {
        return Forecast.of(EAST, MeasurementKind.ACTIVE_POWER, T0, Duration.ofMinutes(15), List.of(0.1, 0.5, 0.9),
                List.of(List.of(-120.0, -110.0, -95.5), List.of(-125.0, -112.0, -99.0),
                        List.of(-130.0, -118.25, -101.0)),
                "load-lgbm-2025.01");
    }

    /** The battery told to charge at 20 MW for 15 minutes, from an approved proposal. */
    public static Setpoint setpoint() {
        return new Setpoint(SetpointId.of("sp-0001"), BATTERY, MeasurementKind.ACTIVE_POWER, -20.0, T0,
                T0.plus(Duration.ofMinutes(15)), SetpointOrigin.APPROVED_PROPOSAL,
                Optional.of(ProposalId.of("prop-7")), "security-review", T0.minusSeconds(2));
    }

    /** The battery's answer to {@link #setpoint()}: charging limited to 15 MW by its converter rating. */
    public static SetpointAck setpointAck() {
        return SetpointAck.clipped(setpoint(), -15.0, "charge power limited to the 15 MW converter rating",
                "grid-sim", T0.plusMillis(120));
    }

    /** An agent asking to curtail the wind farm and charge the battery. */
    public static Proposal proposal() {
        return new Proposal(ProposalId.of("prop-7"), AgentId.of("agent:forecaster"), T0, "Absorb evening wind surplus",
                "P90 wind exceeds export limit on line L12 from 18:00",
                List.of(new ProposedAction(WIND_FARM, MeasurementKind.ACTIVE_POWER, 30.0, Duration.ofMinutes(30)),
                        new ProposedAction(BATTERY, MeasurementKind.ACTIVE_POWER, -20.0, Duration.ofMinutes(30))),
                RiskLevel.MEDIUM);
    }

    /** {@link #proposal()} approved by two different people (four eyes), the second one recorded at sequence 12. */
    public static ProposalDecision proposalDecision() {
        return new ProposalDecision(ProposalId.of("prop-7"), ProposalOutcome.APPROVED, RiskLevel.HIGH,
                List.of(new ProposalSignoff("anna", T0.plusSeconds(60), "surplus confirmed on the SCADA trend"),
                        new ProposalSignoff("ben", T0.plusSeconds(95), "second check: line L12 rating as stated")),
                "operator-api", 12);
    }

    /** The second event of a chain. */
    public static AuditEvent auditEvent() {
        AuditEvent first = AuditEvent.first(T0, ActorType.SYSTEM, "gridai", "platform.start", "", Map.of());
        return first.next(T0.plusSeconds(1), ActorType.AGENT, "agent:forecaster", "proposal.submit", "prop-7",
                Map.of("risk", "MEDIUM", "actions", "2"));
    }

    /** Voltage above its 1.05 p.u. limit. */
    public static Alert alert() {
        return new Alert(AlertId.of("al-1"), AssetId.of("bus-ipswich-132"), AlertType.VOLTAGE_HIGH, Severity.WARNING,
                AlertState.RAISED, MeasurementKind.VOLTAGE_PU, 1.062, 1.05, T0, "voltage 1.062 p.u. above 1.05 p.u.");
    }

    /** A JSON reading from an unknown sender. */
    public static RejectedRecord rejectedRecord() {
        return new RejectedRecord(Optional.empty(), "http", RejectionReason.UNKNOWN_SOURCE, "no source with key id k9",
                "{\"asset\":\"x\",\"value\":1}".getBytes(StandardCharsets.UTF_8), "application/json", T0);
    }

    /** One minute of the wind farm's active power. */
    public static Aggregate aggregate() {
        return new Aggregate(AggregateScope.ASSET, WIND_FARM.value(), MeasurementKind.ACTIVE_POWER,
                Instant.parse("2025-01-15T10:15:00Z"), Duration.ofMinutes(1), 60, 40.25, 42.5, 44.0, 43.125,
                T0.plusSeconds(29));
    }

    /** Five minutes of the east zone's loads: 118.25 MW consumed by 12 load assets. */
    public static ZoneLoad zoneLoad() {
        return new ZoneLoad(EAST, Instant.parse("2025-01-15T10:15:00Z"), Duration.ofMinutes(5), -118.25, 12, 3600);
    }

    /** One value of each wire type. */
    public static List<Object> oneOfEachWireType() {
        return List.of(measurement(), forecast(), setpoint(), setpointAck(), proposal(), auditEvent(), alert(), rejectedRecord(),
                aggregate(), zoneLoad(), proposalDecision());
    }

    /** A good measurement of {@code kind} in its canonical unit. */
    public static Measurement measurement(MeasurementKind kind, double value) {
        return Measurement.of(SCADA_NORTH, WIND_FARM, kind, value, kind.unit(), T0, T0);
    }

    /** Flags used by tests that need a non-empty set. */
    public static Set<QualityFlag> someFlags() {
        return Set.of(QualityFlag.SUSPECT, QualityFlag.LATE);
    }
}
