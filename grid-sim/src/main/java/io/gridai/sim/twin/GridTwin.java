package io.gridai.sim.twin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gridai.model.Measurement;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointAck;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import io.gridai.network.AcPowerFlow;
import io.gridai.network.AcPowerFlowOptions;
import io.gridai.network.AcPowerFlowResult;
import io.gridai.network.AcPowerFlowStatus;
import io.gridai.network.MatpowerBus;
import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerGenerator;
import io.gridai.network.GridAssetNames;
import io.gridai.network.MatpowerNetwork;
import io.gridai.network.PowerFlowBusType;

/**
 * The grid twin: a real network solved by AC power flow every tick, driven by demand and renewable series,
 * reacting to setpoints, reporting what a SCADA/PMU system would measure.
 *
 * <p>Each {@link #tick(Instant)}: demand and renewable availability at the tick's time are applied, units move
 * toward their setpoint or schedule within ramp and limits, batteries follow their setpoints within their
 * SoC band, OpenLoadFlow solves the AC power flow (warm-started from the previous solution), the aggregate
 * frequency model advances with the slack machines' electrical power, and measurements are produced.
 * A power flow that does not converge is reported in the result, never thrown; the twin keeps its previous
 * electrical state and tries again next tick.
 *
 * <p>A generator can be tripped ({@link #trip(AssetId, Instant)}): it drops to 0 MW at once, stays there and
 * refuses setpoints; the slack machines take the lost power in the power flow, so the frequency model sees it.
 *
 * <p>Asset ids: {@code bus-<n>}, {@code branch-<from>-<to>[-<k>]}, {@code gen-<name>} (RTS-GMLC GEN UID or
 * {@code <bus>-<k>}), {@code load-<bus>}, the battery's own id, and {@code system} for frequency.
 * Not thread-safe: one thread ticks and submits.
 */
public final class GridTwin {

    private static final Logger LOG = LoggerFactory.getLogger(GridTwin.class);
    /** Asset of system-wide values (frequency, RoCoF). */
    public static final AssetId SYSTEM = AssetId.of("system");

    private final TwinSettings settings;
    private final Drivers drivers;
    private final CaseState state;
    private final List<GeneratorUnit> generators = new ArrayList<>();
    private final List<BatteryUnit> batteries = new ArrayList<>();
    private final Map<AssetId, GeneratorUnit> generatorsByAsset = new HashMap<>();
    private final Map<AssetId, BatteryUnit> batteriesByAsset = new HashMap<>();
    private final Map<Integer, Integer> busIndex;
    private final List<AssetId> branchAssets;
    private final FrequencyModel frequency;
    private final TelemetryImperfections imperfections;
    private final double[] baseQdMvar;
    private final double[] basePdMw;
    private Instant lastTick;
    private AcPowerFlowResult lastSolution;
    private MatpowerNetwork network;

    public GridTwin(MatpowerCase matpowerCase, Drivers drivers, TwinSettings settings, Instant start) {
        this.settings = settings;
        this.drivers = drivers;
        this.state = new CaseState(matpowerCase);
        this.busIndex = matpowerCase.busIndexByNumber();
        this.frequency = new FrequencyModel(settings.frequency());
        this.imperfections = new TelemetryImperfections(settings.imperfections());
        this.basePdMw = matpowerCase.buses().stream().mapToDouble(MatpowerBus::pdMw).toArray();
        this.baseQdMvar = matpowerCase.buses().stream().mapToDouble(MatpowerBus::qdMvar).toArray();
        this.branchAssets = branchAssets(matpowerCase);

        List<PowerFlowBusType> types = PowerFlowBusType.of(matpowerCase);
        Map<Integer, Integer> perBus = new HashMap<>();
        for (int g = 0; g < matpowerCase.generators().size(); g++) {
            MatpowerGenerator gen = matpowerCase.generators().get(g);
            int k = perBus.merge(gen.busNumber(), 1, Integer::sum);
            if (!gen.inService()) {
                continue;
            }
            String name = settings.generatorNames().getOrDefault(g, GridAssetNames.generatorName(gen.busNumber(), k));
            AssetId asset = generatorAsset(name);
            boolean slack = types.get(busIndex.get(gen.busNumber())) == PowerFlowBusType.SLACK;
            boolean renewable = drivers.availableMw(g, start).isPresent();
            UnitRole role = slack ? UnitRole.SLACK : renewable ? UnitRole.RENEWABLE : UnitRole.DISPATCHABLE;
            double ramp = gen.rampMwPerMinute().orElse(settings.defaultRampPerMinute() * gen.pmaxMw());
            GeneratorUnit unit = new GeneratorUnit(g, asset, role, gen.pminMw(), gen.pmaxMw(), ramp / 60.0, gen.pgMw());
            generators.add(unit);
            generatorsByAsset.put(asset, unit);
        }
        for (BatterySpec spec : settings.batteries()) {
            if (!busIndex.containsKey(spec.busNumber())) {
                throw new IllegalArgumentException("battery " + spec.asset() + " is placed at bus " + spec.busNumber()
                        + ", which case " + matpowerCase.name() + " does not have");
            }
            BatteryUnit unit = new BatteryUnit(spec);
            batteries.add(unit);
            batteriesByAsset.put(spec.asset(), unit);
        }
        applyDrivers(start, 0);
        AcPowerFlowResult first = solve();
        if (!first.converged()) {
            throw new IllegalStateException("the AC power flow of " + matpowerCase.name() + " at " + start
                    + " does not converge (" + first.status() + ": " + first.statusText()
                    + "); the twin cannot start from this operating point");
        }
        accept(first);
        double systemBase = generators.stream().mapToDouble(u -> u.pMaxMw).sum();
        frequency.initialise(systemBase, slackOutputMw(first));
        lastTick = start;
    }

    /**
     * The asset id of the generator the twin names {@code name} ({@link TwinSettings#generatorNames()}, e.g. an
     * RTS-GMLC GEN UID, or {@code <bus>-<k>}): {@code gen-<name>}.
     */
    public static AssetId generatorAsset(String name) {
        return GridAssetNames.generator(name);
    }

    /**
     * The asset ids of units that take active-power setpoints (dispatchable and renewable generators, batteries);
     * generators tripped by the last tick's time are left out.
     */
    public List<AssetId> controllableAssets() {
        List<AssetId> ids = new ArrayList<>();
        generators.stream().filter(u -> u.role != UnitRole.SLACK && !u.trippedBy(lastTick)).forEach(u -> ids.add(u.asset));
        batteries.forEach(b -> ids.add(b.spec.asset()));
        return ids;
    }

    /** Asset ids of the slack (balancing) units. */
    public List<AssetId> slackAssets() {
        return generators.stream().filter(u -> u.role == UnitRole.SLACK).map(u -> u.asset).toList();
    }

    /**
     * Takes a setpoint, to apply from the next tick, and answers it: ACCEPTED, CLIPPED to the unit's limits,
     * or REJECTED with the reason. A later setpoint for the same asset replaces the earlier one.
     */
    public SetpointAck submit(Setpoint setpoint, Instant now) {
        String actor = settings.source().value();
        if (setpoint.kind() != MeasurementKind.ACTIVE_POWER) {
            return SetpointAck.rejected(setpoint, "the twin controls ACTIVE_POWER only, not " + setpoint.kind(), actor, now);
        }
        if (!setpoint.validUntil().isAfter(now)) {
            return SetpointAck.rejected(setpoint, "its validity window ended at " + setpoint.validUntil()
                    + ", before it arrived at " + now + "; send a setpoint valid in the future", actor, now);
        }
        GeneratorUnit unit = generatorsByAsset.get(setpoint.asset());
        BatteryUnit battery = batteriesByAsset.get(setpoint.asset());
        double lower;
        double upper;
        if (unit != null) {
            if (unit.role == UnitRole.SLACK) {
                return SetpointAck.rejected(setpoint, setpoint.asset() + " is the slack unit: it balances the system"
                        + " and takes no setpoint; set the other units instead", actor, now);
            }
            if (unit.trippedBy(now)) {
                return SetpointAck.rejected(setpoint, setpoint.asset() + " is tripped (since " + unit.tripTime().orElseThrow()
                        + "): it produces 0 MW and takes no setpoint until the twin restarts; set the other units instead",
                        actor, now);
            }
            lower = unit.lower();
            upper = unit.upper();
        } else if (battery != null) {
            lower = battery.lower();
            upper = battery.upper();
        } else {
            return SetpointAck.rejected(setpoint, "unknown asset " + setpoint.asset()
                    + "; controllable assets are " + controllableAssets().size() + " generators and batteries"
                    + " (gen-..., bess-...)", actor, now);
        }
        double effective = Math.max(lower, Math.min(upper, setpoint.target()));
        Setpoint applied = effective == setpoint.target() ? setpoint
                : new Setpoint(setpoint.id(), setpoint.asset(), setpoint.kind(), effective, setpoint.validFrom(),
                        setpoint.validUntil(), setpoint.origin(), setpoint.proposal(), setpoint.issuedBy(), setpoint.issuedAt());
        if (unit != null) {
            unit.setpoint(applied);
        } else {
            battery.setpoint(applied);
        }
        if (effective != setpoint.target()) {
            return SetpointAck.clipped(setpoint, effective, String.format(java.util.Locale.ROOT,
                    "%s is limited to [%.3f, %.3f] MW", setpoint.asset(), lower, upper), actor, now);
        }
        return SetpointAck.accepted(setpoint, effective, actor, now);
    }

    /**
     * Trips a generator at grid time {@code at}: from the first tick at or after {@code at} (the next tick when
     * {@code at} is the current grid time, i.e. the last tick's) it produces 0 MW, dropping at once rather than
     * ramping, and stays at 0 MW for the rest of the run. From {@code at} on, setpoints for it are REJECTED with
     * a reason saying it is tripped; a setpoint it held keeps its validity window and is reported EXPIRED when
     * that ends, but neither it nor its schedule brings the unit back. Dispatchable and renewable units can trip
     * (a tripped renewable unit reports 0 MW of AVAILABLE_POWER); batteries cannot.
     *
     * <p>The power flow model stays simple: the unit's active power is set to 0, its IIDM generator stays
     * connected, so its reactive power and voltage support are kept (a simplification), and the frequency model
     * keeps its system base and inertia. The slack machines take the lost megawatts in the power flow, so their
     * electrical power rises by about the lost output: frequency falls, the governors and then AGC bring it
     * back to nominal.
     *
     * <p>Tripping a unit again keeps the earlier of the two trip times. Call it from the thread that ticks (or
     * before the run starts, for a trip scheduled later in grid time).
     *
     * @param generator a generator of the twin that is not a slack unit, e.g. {@code gen-89-1}
     * @param at        grid time of the trip, not before the last tick
     * @throws IllegalArgumentException for a slack unit (it balances the power flow), an asset that is not one of
     *                                  the twin's generators, or a time before the last tick
     */
    public void trip(AssetId generator, Instant at) {
        Objects.requireNonNull(generator, "generator must not be null; give a generator's asset id, e.g. gen-89-1");
        Objects.requireNonNull(at, "at must not be null; give the grid time of the trip");
        GeneratorUnit unit = generatorsByAsset.get(generator);
        if (unit == null) {
            throw new IllegalArgumentException("cannot trip " + generator + ": " + (batteriesByAsset.containsKey(generator)
                    ? "it is a battery, and only generators trip"
                    : "it is not a generator of this twin (generators are gen-..., " + generators.size() + " of them)"));
        }
        if (unit.role == UnitRole.SLACK) {
            throw new IllegalArgumentException("cannot trip " + generator + ": it is a slack unit, which balances the"
                    + " power flow (it takes the megawatts a trip loses); trip another generator");
        }
        if (at.isBefore(lastTick)) {
            throw new IllegalArgumentException("cannot trip " + generator + " at " + at + ": that is before the twin's"
                    + " last tick " + lastTick + "; give the current grid time or a later one");
        }
        unit.trip(at);
        LOG.info("generator trip scheduled: asset={} at={} role={} outputMw={}", generator, unit.tripTime().orElseThrow(),
                unit.role, unit.outputMw);
    }

    /** Whether a generator is tripped by the last tick's time (it produces 0 MW from the next tick on). */
    public boolean isTripped(AssetId generator) {
        GeneratorUnit unit = generatorsByAsset.get(generator);
        return unit != null && unit.trippedBy(lastTick);
    }

    /** Advances grid time to {@code t} (after the previous tick) and solves. */
    public TickResult tick(Instant t) {
        if (!t.isAfter(lastTick)) {
            throw new IllegalArgumentException("tick " + t + " is not after the previous tick " + lastTick);
        }
        double dt = Duration.between(lastTick, t).toNanos() / 1e9;
        List<SetpointAck> acks = expireSetpoints(t);
        applyDrivers(t, dt);
        AcPowerFlowResult result = solve();
        lastTick = t;
        List<Measurement> exact = new ArrayList<>();
        PowerBalance balance;
        if (result.converged()) {
            accept(result);
            balance = balance(result);
            frequency.advance(dt, slackOutputMw(result));
            telemetry(result, t, exact);
        } else {
            LOG.warn("AC power flow did not converge: time={} status={} detail={}", t, result.status(), result.statusText());
            frequency.advance(dt, slackOutputMw(lastSolution));
            balance = new PowerBalance(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        exact.add(measurement(SYSTEM, MeasurementKind.FREQUENCY, frequency.frequencyHz(), Unit.HERTZ, t));
        exact.add(measurement(SYSTEM, MeasurementKind.ROCOF, frequency.rocofHzPerSecond(), Unit.HERTZ_PER_SECOND, t));
        return new TickResult(t, result.status(), result.iterations(), imperfections.apply(exact), acks, balance,
                frequency.frequencyHz());
    }

    /** The last converged power flow. */
    public AcPowerFlowResult lastSolution() {
        return lastSolution;
    }

    public double frequencyHz() {
        return frequency.frequencyHz();
    }

    /** Current output of a generator or battery, MW. */
    public OptionalDouble outputMw(AssetId asset) {
        GeneratorUnit unit = generatorsByAsset.get(asset);
        if (unit != null) {
            return OptionalDouble.of(unit.role == UnitRole.SLACK ? lastSolution.generators().get(unit.index).pMw() : unit.outputMw);
        }
        BatteryUnit battery = batteriesByAsset.get(asset);
        return battery == null ? OptionalDouble.empty() : OptionalDouble.of(battery.outputMw);
    }

    /** Ramp rate of a generator, MW/s (batteries and renewables change at once: infinity). */
    public OptionalDouble rampMwPerSecond(AssetId asset) {
        GeneratorUnit unit = generatorsByAsset.get(asset);
        if (unit != null) {
            return OptionalDouble.of(unit.role == UnitRole.DISPATCHABLE ? unit.rampMwPerSecond : Double.POSITIVE_INFINITY);
        }
        return batteriesByAsset.containsKey(asset) ? OptionalDouble.of(Double.POSITIVE_INFINITY) : OptionalDouble.empty();
    }

    /** [lower, upper] active-power limits of a controllable unit, MW. */
    public java.util.Optional<double[]> limitsMw(AssetId asset) {
        GeneratorUnit unit = generatorsByAsset.get(asset);
        if (unit != null) {
            return java.util.Optional.of(new double[] {unit.lower(), unit.upper()});
        }
        BatteryUnit battery = batteriesByAsset.get(asset);
        return battery == null ? java.util.Optional.empty() : java.util.Optional.of(new double[] {battery.lower(), battery.upper()});
    }

    private List<SetpointAck> expireSetpoints(Instant t) {
        List<SetpointAck> acks = new ArrayList<>();
        String actor = settings.source().value();
        for (GeneratorUnit unit : generators) {
            unit.setpoint().filter(s -> !s.validUntil().isAfter(t)).ifPresent(s -> {
                acks.add(SetpointAck.expired(s, actor, t));
                unit.setpoint(null);
            });
        }
        for (BatteryUnit battery : batteries) {
            battery.setpoint().filter(s -> !s.validUntil().isAfter(t)).ifPresent(s -> {
                acks.add(SetpointAck.expired(s, actor, t));
                battery.setpoint(null);
            });
        }
        return acks;
    }

    private void applyDrivers(Instant t, double dtSeconds) {
        MatpowerCase base = state.base();
        for (int i = 0; i < base.buses().size(); i++) {
            state.setBusDemand(i, drivers.busDemandMw(i, t), drivers.busDemandMvar(i, t));
        }
        double factor = drivers.scheduleFactor(t);
        for (GeneratorUnit unit : generators) {
            if (unit.role == UnitRole.SLACK) {
                continue;
            }
            double scheduled = base.generators().get(unit.index).pgMw() * factor;
            double available = drivers.availableMw(unit.index, t).orElse(unit.pMaxMw);
            boolean wasOff = unit.off();
            double before = unit.outputMw;
            if (dtSeconds > 0) {
                unit.advance(t, dtSeconds, scheduled, available);
            } else if (unit.role == UnitRole.RENEWABLE) {
                unit.advance(t, 1e-9, scheduled, available);
            }
            if (unit.off() && !wasOff) {
                LOG.info("generator tripped: asset={} time={} tripTime={} role={} lostMw={}", unit.asset, t,
                        unit.tripTime().orElseThrow(), unit.role, before);
            }
            state.setGeneratorOutput(unit.index, unit.outputMw);
        }
        for (BatteryUnit battery : batteries) {
            if (dtSeconds > 0) {
                battery.advance(t, dtSeconds);
            }
            int i = busIndex.get(battery.spec.busNumber());
            // A battery is a negative demand at its bus (generator convention: discharging reduces demand).
            state.setBusDemand(i, state.busDemandMw(i) - battery.outputMw, state.busDemandMvar(i));
        }
    }

    /** Solves this tick's operating point on the same IIDM network (built once, updated in place). */
    private AcPowerFlowResult solve() {
        network = network == null ? MatpowerNetwork.of(state.toCase()) : network.withOperatingPoint(state.toCase());
        return AcPowerFlow.solve(network, AcPowerFlowOptions.defaults());
    }

    private void accept(AcPowerFlowResult result) {
        state.remember(result);
        lastSolution = result;
    }

    private double slackOutputMw(AcPowerFlowResult result) {
        double p = 0;
        for (GeneratorUnit unit : generators) {
            if (unit.role == UnitRole.SLACK) {
                p += result.generators().get(unit.index).pMw();
            }
        }
        return p;
    }

    private PowerBalance balance(AcPowerFlowResult result) {
        double generation = result.generators().stream().filter(AcPowerFlowResult.GeneratorResult::inService)
                .mapToDouble(AcPowerFlowResult.GeneratorResult::pMw).sum();
        double storage = batteries.stream().mapToDouble(b -> b.outputMw).sum();
        MatpowerCase base = state.base();
        double demand = 0;
        double shunt = 0;
        for (int i = 0; i < base.buses().size(); i++) {
            demand += state.busDemandMw(i) + batteriesAt(base.buses().get(i).number());
            double vm = result.buses().get(i).vmPu();
            if (result.buses().get(i).type() != PowerFlowBusType.ISOLATED) {
                shunt += base.buses().get(i).gsMw() * vm * vm;
            }
        }
        return new PowerBalance(generation, storage, demand, result.activeLossesMw(), shunt);
    }

    private double batteriesAt(int busNumber) {
        return batteries.stream().filter(b -> b.spec.busNumber() == busNumber).mapToDouble(b -> b.outputMw).sum();
    }

    private void telemetry(AcPowerFlowResult result, Instant t, List<Measurement> out) {
        MatpowerCase base = state.base();
        for (int i = 0; i < result.buses().size(); i++) {
            AcPowerFlowResult.BusResult bus = result.buses().get(i);
            if (bus.type() == PowerFlowBusType.ISOLATED) {
                continue;
            }
            AssetId asset = GridAssetNames.bus(bus.busNumber());
            out.add(measurement(asset, MeasurementKind.VOLTAGE_PU, bus.vmPu(), Unit.PER_UNIT, t));
            out.add(measurement(asset, MeasurementKind.VOLTAGE_ANGLE, bus.vaDeg(), Unit.DEGREE, t));
            double baseKv = base.buses().get(i).baseKv();
            if (baseKv > 0) {
                out.add(measurement(asset, MeasurementKind.VOLTAGE, bus.vmPu() * baseKv, Unit.KILOVOLT, t));
            }
            double pd = state.busDemandMw(i) + batteriesAt(bus.busNumber());
            if (basePdMw[i] != 0 || baseQdMvar[i] != 0 || pd != 0) {
                AssetId load = GridAssetNames.load(bus.busNumber());
                out.add(measurement(load, MeasurementKind.ACTIVE_POWER, -pd, Unit.MEGAWATT, t));
                out.add(measurement(load, MeasurementKind.REACTIVE_POWER, -state.busDemandMvar(i), Unit.MEGAVAR, t));
            }
        }
        for (AcPowerFlowResult.BranchResult branch : result.branches()) {
            if (!branch.inService()) {
                continue;
            }
            AssetId asset = branchAssets.get(branch.index());
            out.add(measurement(asset, MeasurementKind.ACTIVE_POWER, branch.pFromMw(), Unit.MEGAWATT, t));
            out.add(measurement(asset, MeasurementKind.REACTIVE_POWER, branch.qFromMvar(), Unit.MEGAVAR, t));
            double current = Math.max(branch.iFromA(), branch.iToA());
            if (Double.isFinite(current)) {
                out.add(measurement(asset, MeasurementKind.CURRENT, current, Unit.AMPERE, t));
            }
            if (Double.isFinite(branch.loadingPercent())) {
                out.add(measurement(asset, MeasurementKind.BRANCH_LOADING, branch.loadingPercent(), Unit.PERCENT, t));
            }
        }
        for (GeneratorUnit unit : generators) {
            AcPowerFlowResult.GeneratorResult g = result.generators().get(unit.index);
            out.add(measurement(unit.asset, MeasurementKind.ACTIVE_POWER, g.pMw(), Unit.MEGAWATT, t));
            out.add(measurement(unit.asset, MeasurementKind.REACTIVE_POWER, g.qMvar(), Unit.MEGAVAR, t));
            if (unit.role == UnitRole.RENEWABLE) {
                out.add(measurement(unit.asset, MeasurementKind.AVAILABLE_POWER, unit.availableMw, Unit.MEGAWATT, t));
            }
        }
        for (BatteryUnit battery : batteries) {
            out.add(measurement(battery.spec.asset(), MeasurementKind.ACTIVE_POWER, battery.outputMw, Unit.MEGAWATT, t));
            out.add(measurement(battery.spec.asset(), MeasurementKind.STATE_OF_CHARGE, battery.soc * 100, Unit.PERCENT, t));
        }
    }

    private Measurement measurement(AssetId asset, MeasurementKind kind, double value, Unit unit, Instant t) {
        SourceId source = settings.source();
        return Measurement.of(source, asset, kind, value, unit, t, t);
    }

    private static List<AssetId> branchAssets(MatpowerCase matpowerCase) {
        return GridAssetNames.branches(matpowerCase);
    }
}
