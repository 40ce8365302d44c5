package io.gridai.storage.control;

import io.gridai.model.Measurement;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.service.runtime.ManualHolds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The battery fleet's brain, without any I/O: it files telemetry and schedules, and on each {@link #step} decides one
 * setpoint per unit, combining the modes in a fixed priority and passing the result through the
 * {@link SafetyEnvelope}:
 *
 * <ol>
 *   <li><b>Manual hold</b>: while an operator's (or an approved proposal's) setpoint is valid for the unit, the
 *       manager issues it nothing, neither schedule nor frequency response (mode HELD); its reserve is not counted in
 *       the fleet's. When the hold ends (the plant then drops the unit to zero), the manager sets it again at once,
 *       ramping from zero.</li>
 *   <li><b>Safe hold</b>: a unit whose state of charge has not been reported for longer than {@code safe-after} (or
 *       never) is brought to zero within its ramp and held there; a stale-telemetry alert is raised once, and cleared
 *       when readings return.</li>
 *   <li><b>Frequency response</b>: ΔP = −k·(Δf ∓ dead band) beyond the dead band, on the latest frequency reading,
 *       sized to the unit's headroom (its hard limits minus the schedule part), added on top of the schedule.</li>
 *   <li><b>Schedule</b>: the optimiser's latest valid schedule, limited so that the reserve holds: {@code reserve}
 *       MW of power in each direction and enough energy to sustain it for the response's sustain time.</li>
 *   <li><b>Idle</b>: zero.</li>
 * </ol>
 *
 * <p>A unit whose last state-of-charge reading is older than {@code estimate-after} runs on an estimate: the last
 * reading carried forward by the power it was commanded, with its efficiencies (shown as {@link SocSource#ESTIMATED}).
 *
 * <p>A setpoint is issued when the target moved by at least {@code min-change}, the mode changed, the previous one has
 * run out or half of its validity has passed; every setpoint is valid for {@code validity}, so a manager that falls
 * silent leaves its units at rest once their setpoints run out. Thread-safe (one lock; the service calls it from its
 * consumer thread, REST reads status).
 */
public final class FleetController {

    private final ControllerSettings settings;
    private final AssetId frequencyAsset;
    private final String issuer;
    private final Map<AssetId, Unit> units = new LinkedHashMap<>();
    private Instant started;
    private double frequencyHz = Double.NaN;
    private Instant frequencyTime;

    /**
     * @param fleet          the units
     * @param frequencyAsset the asset whose FREQUENCY readings drive the response (the grid twin's {@code system})
     * @param issuer         written in each setpoint's {@code issuedBy}
     */
    public FleetController(Collection<UnitLimits> fleet, AssetId frequencyAsset, String issuer, ControllerSettings settings) {
        this.settings = settings;
        this.frequencyAsset = frequencyAsset;
        this.issuer = issuer;
        for (UnitLimits limits : fleet) {
            if (units.put(limits.asset(), new Unit(limits)) != null) {
                throw new IllegalArgumentException("battery " + limits.asset() + " is listed twice in the fleet");
            }
        }
    }

    /** The units' ids, in configuration order. */
    public synchronized List<AssetId> assets() {
        return List.copyOf(units.keySet());
    }

    /**
     * Files a reading. Returns true for a new, usable frequency reading: the caller should {@link #step} at once (the
     * response reacts on every frequency measurement, not on a timer). Readings of other assets, flagged readings and
     * readings older than the one filed are ignored.
     */
    public synchronized boolean accept(Measurement m) {
        if (!m.isGood()) {
            return false;
        }
        if (m.asset().equals(frequencyAsset) && m.kind() == MeasurementKind.FREQUENCY) {
            if (frequencyTime != null && !m.eventTime().isAfter(frequencyTime)) {
                return false;
            }
            frequencyHz = m.value();
            frequencyTime = m.eventTime();
            return true;
        }
        Unit unit = units.get(m.asset());
        if (unit != null) {
            unit.file(m);
        }
        return false;
    }

    /**
     * Files a schedule from the optimiser: an ACTIVE_POWER target for a unit of the fleet, for its validity window.
     * A later-issued schedule replaces the earlier one.
     *
     * @return why it was not taken, or empty
     */
    public synchronized Optional<String> acceptSchedule(Setpoint schedule) {
        Unit unit = units.get(schedule.asset());
        if (unit == null) {
            return Optional.of("no battery " + schedule.asset() + " in the fleet (gridai.storage.fleet.batteries)");
        }
        if (schedule.kind() != MeasurementKind.ACTIVE_POWER) {
            return Optional.of("schedules are ACTIVE_POWER targets, not " + schedule.kind());
        }
        if (unit.schedule != null && schedule.issuedAt().isBefore(unit.schedule.issuedAt())) {
            return Optional.of("older than the schedule already held (issued " + unit.schedule.issuedAt() + ")");
        }
        unit.schedule = schedule;
        return Optional.empty();
    }

    /**
     * Files a setpoint from {@code grid.setpoints}: an operator's or an approved proposal's ACTIVE_POWER setpoint for
     * a unit of the fleet is a manual hold; a later-issued one replaces the earlier (as at the plant).
     *
     * @return true when it is a hold and now the unit's latest; false for the manager's own setpoints, other assets'
     *         and older holds
     */
    public synchronized boolean acceptHold(Setpoint setpoint) {
        Unit unit = units.get(setpoint.asset());
        if (unit == null || !ManualHolds.isHold(setpoint) || unit.hold != null && setpoint.issuedAt().isBefore(unit.hold.issuedAt())) {
            return false;
        }
        unit.hold = setpoint;
        return true;
    }

    /**
     * The frequency-response reserve the fleet holds now, MW: each responding unit's reserve, from its latest
     * decision; a unit held by an operator, in safe hold, without droop or with the response off counts nothing.
     */
    public synchronized double reserveMw() {
        if (!settings.response().enabled()) {
            return 0;
        }
        double sum = 0;
        for (Unit unit : units.values()) {
            Decision d = unit.lastDecision;
            boolean responding = d != null && d.mode() != Mode.HELD && d.mode() != Mode.SAFE_HOLD && unit.limits.droopMwPerHz() > 0;
            sum += responding ? unit.limits.reserveMw() : 0;
        }
        return sum;
    }

    /** The setpoints to publish and the alert changes of one step. */
    public record Step(List<Setpoint> setpoints, List<Decision> decisions, List<AlertChange> alerts) {
    }

    /** Decides every unit at {@code now}: the setpoints to issue now and the alerts that changed. */
    public synchronized Step step(Instant now) {
        if (started == null) {
            started = now;
        }
        List<Setpoint> issue = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>();
        List<AlertChange> alerts = new ArrayList<>();
        for (Unit unit : units.values()) {
            unit.advanceEstimate(now);
            double age = unit.telemetryAgeSeconds(now);
            boolean stale = age > seconds(settings.safeAfter());
            if (stale != unit.staleAlert) {
                unit.staleAlert = stale;
                alerts.add(new AlertChange(unit.limits.asset(), stale, age, seconds(settings.safeAfter()), now));
            }
            Decision decision = decide(unit, now, stale);
            unit.lastDecision = decision;
            decisions.add(decision);
            if (decision.mode() != Mode.HELD && unit.shouldIssue(decision, now)) {
                Setpoint setpoint = new Setpoint(SetpointId.random(), unit.limits.asset(), MeasurementKind.ACTIVE_POWER,
                        decision.targetMw(), now, decision.validUntil(), SetpointOrigin.STORAGE_MANAGER, Optional.empty(),
                        issuer, now);
                unit.issued = setpoint;
                unit.issuedMode = decision.mode();
                issue.add(setpoint);
            }
        }
        return new Step(issue, decisions, alerts);
    }

    private Decision decide(Unit unit, Instant now, boolean stale) {
        UnitLimits limits = unit.limits;
        double hours = seconds(settings.validity()) / 3600.0;
        double held = unit.heldMw(now);
        double elapsed = unit.secondsSinceHeldSet(now, started);
        Instant validUntil = now.plus(settings.validity());
        boolean socKnown = unit.socTime != null;
        if (unit.hold != null && unit.hold.isValidAt(now)) {
            // the person's setpoint runs the unit: nothing from the manager, whatever the telemetry or the frequency
            Setpoint h = unit.hold;
            double[] hard = socKnown ? SafetyEnvelope.hardBounds(limits, unit.soc, unit.availableMw, hours) : new double[] {0, 0};
            return new Decision(limits.asset(), now, Mode.HELD, h.target(), h.target(), scheduleMw(unit, now), 0, 0, Set.of(), hard[1],
                    hard[0], h.validUntil(), new Decision.Hold(h.id().value(), h.target(), h.origin().name(), h.issuedBy(),
                            h.validUntil()));
        }
        if (stale || !socKnown) {
            double soc = socKnown ? unit.soc : (limits.socMin() + limits.socMax()) / 2;
            // Towards zero only: with no trustworthy SoC, the SoC bounds are not applied to a move that reduces |P|.
            SafetyEnvelope.Clipped c = SafetyEnvelope.clip(limits, 0, soc, unit.availableMw, hours, held, elapsed);
            double target = Math.abs(c.targetMw()) <= Math.abs(held) ? c.targetMw() : 0;
            double[] hard = socKnown ? SafetyEnvelope.hardBounds(limits, soc, unit.availableMw, hours) : new double[] {0, 0};
            return new Decision(limits.asset(), now, Mode.SAFE_HOLD, target, 0, scheduleMw(unit, now), 0, 0, c.binding(),
                    hard[1], hard[0], validUntil, null);
        }
        double soc = unit.soc;
        double[] hard = SafetyEnvelope.hardBounds(limits, soc, unit.availableMw, hours);
        double schedule = scheduleMw(unit, now);
        ResponseSettings response = settings.response();
        boolean responds = response.enabled() && limits.droopMwPerHz() > 0;
        double reserve = responds ? limits.reserveMw() : 0;
        double reserveMwh = reserve * seconds(response.sustain()) / 3600.0;
        double rampPerHour = limits.rampMwPerSecond() * 3600;
        double sHi = Math.max(0, Math.min(Math.min(limits.maxDischargeMw(), unit.availableMw) - reserve,
                SafetyEnvelope.energyBoundMw(limits.deliverableMwh(soc) - reserveMwh, hours, rampPerHour)));
        double sLo = Math.min(0, -Math.min(Math.min(limits.maxChargeMw(), unit.availableMw) - reserve,
                SafetyEnvelope.energyBoundMw(limits.storableMwh(soc) - reserveMwh, hours, rampPerHour)));
        double scheduleHeld = Math.max(sLo, Math.min(sHi, schedule));
        double responseMw = 0;
        if (responds && frequencyTime != null && !now.minus(response.maxFrequencyAge()).isAfter(frequencyTime)) {
            responseMw = response.droopMw(limits.droopMwPerHz(), frequencyHz);
            responseMw = Math.max(hard[0] - scheduleHeld, Math.min(hard[1] - scheduleHeld, responseMw));
        }
        double requested = scheduleHeld + responseMw;
        Mode mode = responseMw != 0 ? Mode.FREQUENCY_RESPONSE : schedule != 0 ? Mode.SCHEDULE : Mode.IDLE;
        SafetyEnvelope.Clipped c = SafetyEnvelope.clip(limits, requested, soc, unit.availableMw, hours, held, elapsed);
        Set<SafetyEnvelope.Limit> binding = EnumSet.noneOf(SafetyEnvelope.Limit.class);
        binding.addAll(c.binding());
        if (scheduleHeld != schedule) {
            binding.add(SafetyEnvelope.Limit.RESERVE);
        }
        return new Decision(limits.asset(), now, mode, c.targetMw(), requested, schedule, scheduleHeld, responseMw,
                Set.copyOf(binding), hard[1], hard[0], validUntil, null);
    }

    private static double scheduleMw(Unit unit, Instant now) {
        return unit.schedule != null && unit.schedule.isValidAt(now) ? unit.schedule.target() : 0;
    }

    /** Every unit's status at {@code now}. */
    public synchronized List<UnitStatus> status(Instant now) {
        List<UnitStatus> out = new ArrayList<>();
        for (Unit unit : units.values()) {
            out.add(unit.status(now));
        }
        return out;
    }

    /** The latest frequency reading (Hz) and its time; empty before the first. */
    public synchronized Optional<Map.Entry<Instant, Double>> frequency() {
        return frequencyTime == null ? Optional.empty() : Optional.of(Map.entry(frequencyTime, frequencyHz));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    /** One unit's state. */
    private final class Unit {
        final UnitLimits limits;
        /** State of charge (fraction): the last reading, carried forward to {@link #socTime}. */
        double soc;
        Instant socTime;
        Instant socMeasuredAt;
        double powerMw = Double.NaN;
        Instant powerTime;
        double availableMw = Double.POSITIVE_INFINITY;
        double temperatureC = Double.NaN;
        Setpoint schedule;
        Setpoint issued;
        /** The latest manual hold (valid or not). */
        Setpoint hold;
        Mode issuedMode;
        Decision lastDecision;
        boolean staleAlert;
        double dischargedMwh;
        double chargedMwh;

        Unit(UnitLimits limits) {
            this.limits = limits;
        }

        void file(Measurement m) {
            switch (m.kind()) {
                case STATE_OF_CHARGE -> {
                    // A gauge may read a little beyond 0..100 %; further out it is not a state of charge.
                    if (m.value() < -1 || m.value() > 101 || (socMeasuredAt != null && !m.eventTime().isAfter(socMeasuredAt))) {
                        return;
                    }
                    double fraction = Math.max(0, Math.min(1, m.value() / 100.0));
                    Instant ahead = socTime;
                    soc = fraction;
                    socTime = m.eventTime();
                    socMeasuredAt = m.eventTime();
                    if (ahead != null && ahead.isAfter(socTime)) {
                        advanceEstimate(ahead);
                    }
                }
                case ACTIVE_POWER -> {
                    if (powerTime != null && !m.eventTime().isAfter(powerTime)) {
                        return;
                    }
                    if (powerTime != null && Double.isFinite(powerMw)) {
                        double hours = seconds(powerTime, m.eventTime()) / 3600.0;
                        dischargedMwh += Math.max(0, powerMw) * hours;
                        chargedMwh += Math.max(0, -powerMw) * hours;
                    }
                    powerMw = m.value();
                    powerTime = m.eventTime();
                }
                case AVAILABLE_POWER -> availableMw = Math.max(0, m.value());
                case TEMPERATURE -> temperatureC = m.value();
                default -> {
                    // other quantities of a battery are not used
                }
            }
        }

        /**
         * The setpoint the plant follows: the later-issued of the manager's last one and the manual hold (the plant
         * keeps the latest setpoint per asset); null before either.
         */
        Setpoint latest() {
            return hold == null ? issued : issued == null || hold.issuedAt().isAfter(issued.issuedAt()) ? hold : issued;
        }

        /** The target the unit holds at {@code t}: the setpoint it follows while valid, else zero. */
        double heldMw(Instant t) {
            Setpoint s = latest();
            return s != null && s.isValidAt(t) ? s.target() : 0;
        }

        /** Seconds since the held target was set: since the setpoint it follows, or since that ran out, or since start. */
        double secondsSinceHeldSet(Instant now, Instant start) {
            Setpoint s = latest();
            Instant since = s == null ? start : s.isValidAt(now) ? s.issuedAt() : s.validUntil();
            return Math.max(0, seconds(since, now));
        }

        /** Carries the state of charge forward to {@code now} with the power commanded meanwhile. */
        void advanceEstimate(Instant now) {
            if (socTime == null || !now.isAfter(socTime)) {
                return;
            }
            Instant from = socTime;
            Setpoint s = latest();
            if (s != null && s.isValidAt(from)) {
                Instant until = s.validUntil().isBefore(now) ? s.validUntil() : now;
                soc = limits.socAfter(soc, s.target(), seconds(from, until) / 3600.0);
            }
            soc = Math.max(0, Math.min(1, soc));
            socTime = now;
        }

        double telemetryAgeSeconds(Instant now) {
            return Math.max(0, seconds(socMeasuredAt != null ? socMeasuredAt : started, now));
        }

        boolean shouldIssue(Decision decision, Instant now) {
            if (issued == null || latest() != issued || !issued.isValidAt(now) || issuedMode != decision.mode()) {
                return true; // also at the end of a manual hold: the plant dropped the unit to zero
            }
            Instant halfway = issued.issuedAt().plus(settings.validity().dividedBy(2));
            return !now.isBefore(halfway) || Math.abs(decision.targetMw() - issued.target()) >= settings.minChangeMw();
        }

        UnitStatus status(Instant now) {
            SocSource source = socTime == null ? SocSource.UNKNOWN
                    : now != null && telemetryAgeSeconds(now) > seconds(settings.estimateAfter()) ? SocSource.ESTIMATED
                    : SocSource.MEASURED;
            UnitStatus.Issued last = issued == null ? null : new UnitStatus.Issued(issued.id().value(), issued.target(),
                    issuedMode, issued.issuedAt(), issued.validUntil());
            return new UnitStatus(limits.asset().value(), socTime == null ? null : soc * 100, source,
                    socMeasuredAt == null || now == null ? null : seconds(socMeasuredAt, now),
                    Double.isNaN(powerMw) ? null : powerMw, Double.isInfinite(availableMw) ? null : availableMw,
                    Double.isNaN(temperatureC) ? null : temperatureC, staleAlert, lastDecision, last, dischargedMwh,
                    chargedMwh, dischargedMwh / limits.capacityMwh(), dischargedMwh * limits.degradationCostPerMwh(),
                    limits);
        }
    }
}
