package io.gridai.cli.platform;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.gridai.sim.run.TwinScenario;
import io.gridai.sim.twin.BatterySpec;

/**
 * The dispatch optimiser ({@code dispatch-optimizer/service}, a packaged Quarkus application) as its own JVM,
 * dispatching the grid twin: it runs the MATPOWER file the twin runs, names units as the twin does and knows the
 * twin's batteries. All three come from the twin's scenario as the twin works it out ({@link GridSimComponent#scenario()}):
 * <ul>
 *   <li>{@code gridai.dispatch.grid.case-file}, {@code .generator-names} ({@code <data>/dispatch/generator-names.csv}),
 *       {@code .batteries} and {@code .default-ramp-per-minute}, as {@link TwinGrid} gives them;</li>
 *   <li>the batteries' efficiency and SoC band when they all share them, and their wear cost
 *       ({@code gridai.dispatch.grid.battery-cycling-cost-per-mwh}, the storage manager's degradation cost);</li>
 *   <li>the service's clock follows the twin's grid time ({@code clock=telemetry}): the twin does not run on the
 *       wall clock (RTS-GMLC starts in 2020), so its measurements would all look stale to a wall clock.</li>
 * </ul>
 * A twin case without generator costs (IEEE 118 from PowSyBl's CDF, or a {@code --sim-case} without {@code mpc.gencost})
 * cannot be dispatched: the component then does not start ({@link #whyNotStarted()}). Any {@code gridai.dispatch.*}
 * key can still be set through the environment (e.g. {@code GRIDAI_DISPATCH_TRIGGERS_EVERY=PT1M}), which Quarkus reads
 * before this run's settings file.
 */
public final class DispatchComponent extends QuarkusComponent {

    public static final String NAME = "dispatch";
    /** Prefix of every line saying why the optimiser does not run. */
    public static final String NOT_STARTED = "dispatch optimiser not started: ";

    private final Optional<GridSimComponent> twin;
    private final String liveStateTopic;
    private final double batteryCyclingCostPerMwh;

    /**
     * @param bootstrap      Kafka bootstrap servers, known once the broker is up
     * @param app            the service's {@code quarkus-run.jar}
     * @param host           address its HTTP server binds to
     * @param port           its port; 0 picks a free one
     * @param heap           maximum heap, e.g. {@code 512m}
     * @param twin           the grid twin it dispatches; empty when `up` runs none (then it does not start)
     * @param liveStateTopic where it reads the twin's measurements ({@code telemetry.clean} when the Flink jobs
     *                       run, else {@code telemetry.raw})
     * @param batteryCyclingCostPerMwh wear cost per MWh a battery discharges, $/MWh: the storage manager's degradation
     *                       cost, so that the optimiser plans with the wear the storage manager accounts
     */
    public DispatchComponent(Supplier<String> bootstrap, Path app, String host, int port, String heap,
            Optional<GridSimComponent> twin, String liveStateTopic, double batteryCyclingCostPerMwh) {
        super(bootstrap, app, host, port, heap);
        this.twin = twin;
        this.liveStateTopic = liveStateTopic;
        this.batteryCyclingCostPerMwh = batteryCyclingCostPerMwh;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected String title() {
        return "The dispatch optimiser";
    }

    @Override
    protected String module() {
        return "dispatch-optimizer/service";
    }

    @Override
    public Optional<String> whyNotStarted() {
        if (twin.isEmpty()) {
            return Optional.of(NOT_STARTED + "no grid twin runs (--no-sim), and it dispatches the twin's case");
        }
        TwinScenario scenario = twin.get().scenario();
        Optional<Path> file = twin.get().caseFile();
        if (file.isEmpty()) {
            return Optional.of(NOT_STARTED + "the twin's case has no generator costs (" + scenario.matpowerCase().name()
                    + ": IEEE 118 from PowSyBl's CDF, not a MATPOWER file); run with the shared data or --sim-case FILE.m"
                    + " with gencost");
        }
        if (scenario.matpowerCase().costs().isEmpty()) {
            return Optional.of(NOT_STARTED + "the twin's case " + file.get() + " has no generator costs (mpc.gencost);"
                    + " run with the shared data or --sim-case FILE.m with gencost");
        }
        return Optional.empty();
    }

    @Override
    protected Map<String, String> runSettings(PlatformLayout layout) {
        GridSimComponent sim = twin.orElseThrow(() -> new ComponentStartException(whyNotStarted().orElseThrow()));
        TwinScenario scenario = sim.scenario();
        Path caseFile = sim.caseFile().orElseThrow(() -> new ComponentStartException(whyNotStarted().orElseThrow()));
        Map<String, String> settings = new LinkedHashMap<>(
                TwinGrid.settings("gridai.dispatch.grid.", layout, NAME, scenario, caseFile));
        List<BatterySpec> batteries = scenario.settings().batteries();
        uniform(batteries, BatterySpec::chargeEfficiency).filter(e -> uniform(batteries, BatterySpec::dischargeEfficiency)
                .equals(Optional.of(e))).ifPresent(e -> settings.put("gridai.dispatch.grid.battery-efficiency", e));
        uniform(batteries, BatterySpec::socMin).ifPresent(v -> settings.put("gridai.dispatch.grid.battery-soc-min", v));
        uniform(batteries, BatterySpec::socMax).ifPresent(v -> settings.put("gridai.dispatch.grid.battery-soc-max", v));
        settings.put("gridai.dispatch.grid.battery-cycling-cost-per-mwh", String.valueOf(batteryCyclingCostPerMwh));
        settings.put("gridai.dispatch.clock", "telemetry");
        settings.put("gridai.dispatch.inputs.live-state-topic", liveStateTopic);
        return settings;
    }

    /** The value every battery has, if they agree (the service has one per platform, not one per battery). */
    private static Optional<String> uniform(List<BatterySpec> batteries, java.util.function.ToDoubleFunction<BatterySpec> value) {
        List<Double> values = batteries.stream().map(value::applyAsDouble).distinct().toList();
        return values.size() == 1 ? Optional.of(String.valueOf(values.get(0))) : Optional.empty();
    }

    @Override
    protected List<String> urls(String base) {
        return List.of(base + "/dispatch/solves", base + "/dispatch/what-if", base + "/q/openapi");
    }

    @Override
    protected Map<String, String> endpoints(PlatformLayout layout) {
        return Map.of("generator-names", TwinGrid.generatorNamesFile(layout, NAME).toString());
    }
}
