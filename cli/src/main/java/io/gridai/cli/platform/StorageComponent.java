package io.gridai.cli.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.gridai.model.topic.Topics;
import io.gridai.sim.run.TwinScenario;
import io.gridai.sim.twin.BatterySpec;

/**
 * The storage manager ({@code storage-manager}, a packaged Quarkus application) as its own JVM, running the grid
 * twin's batteries: the dispatch optimiser sends battery targets to {@code grid.storage-schedules}, not to the plant,
 * so without it the twin's batteries get no setpoints. Everything it needs comes from the twin's scenario as the twin
 * works it out ({@link GridSimComponent#scenario()}):
 * <ul>
 *   <li>{@code gridai.storage.fleet.batteries}: the twin's batteries (RTS-GMLC's own and {@code --sim-batteries}) in
 *       the short form {@code ASSET@BUS:MWH:MW:SOC}, MW the larger of the charge and discharge limits;</li>
 *   <li>{@code gridai.storage.fleet.units."<asset>".*}: each battery's efficiencies and SoC band, and its charge or
 *       discharge limit where it is below that MW;</li>
 *   <li>{@code gridai.storage.response.nominal-hz}: the twin's nominal frequency;</li>
 *   <li>its clock follows the twin's grid time ({@code clock=telemetry}), as the optimiser's does; when the twin runs
 *       faster than the wall clock ({@code --sim-speed}), its setpoints' validity ({@code setpoints.validity}, grid
 *       time) is the service's 10 s in wall time, so that they do not expire on the way to the twin;</li>
 *   <li>it reads {@code telemetry.raw} whether or not the Flink jobs run: frequency response needs the readings as
 *       soon as ingestion has them, not after cleaning;</li>
 *   <li>{@code gridai.storage.fleet.degradation-cost-per-mwh}: the wear cost `up` also gives the optimiser
 *       ({@code --battery-degradation-cost}).</li>
 * </ul>
 * Without a twin, or with a twin without batteries, it does not start ({@link #whyNotStarted()}). Any
 * {@code gridai.storage.*} key can still be set through the environment (e.g.
 * {@code GRIDAI_STORAGE_RESPONSE_ENABLED=false}), which Quarkus reads before this run's settings file.
 */
public final class StorageComponent extends QuarkusComponent {

    public static final String NAME = "storage";
    /** Prefix of every line saying why the storage manager does not run. */
    public static final String NOT_STARTED = "storage manager not started: ";

    /** The service's default setpoint validity ({@code gridai.storage.setpoints.validity}), kept in wall time. */
    static final Duration SETPOINT_VALIDITY_WALL = Duration.ofSeconds(10);

    private final Optional<GridSimComponent> twin;
    private final double degradationCostPerMwh;

    /**
     * @param bootstrap             Kafka bootstrap servers, known once the broker is up
     * @param app                   the service's {@code quarkus-run.jar}
     * @param host                  address its HTTP server binds to
     * @param port                  its port; 0 picks a free one
     * @param heap                  maximum heap, e.g. {@code 256m}
     * @param twin                  the grid twin whose batteries it runs; empty when `up` runs none (then it does
     *                              not start)
     * @param degradationCostPerMwh wear cost per MWh discharged, $/MWh (the optimiser gets the same)
     */
    public StorageComponent(Supplier<String> bootstrap, Path app, String host, int port, String heap,
            Optional<GridSimComponent> twin, double degradationCostPerMwh) {
        super(bootstrap, app, host, port, heap);
        this.twin = twin;
        this.degradationCostPerMwh = degradationCostPerMwh;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected String title() {
        return "The storage manager";
    }

    @Override
    protected String module() {
        return "storage-manager";
    }

    @Override
    public Optional<String> whyNotStarted() {
        if (twin.isEmpty()) {
            return Optional.of(NOT_STARTED + "no grid twin runs (--no-sim), and it runs the twin's batteries");
        }
        TwinScenario scenario = twin.get().scenario();
        if (scenario.settings().batteries().isEmpty()) {
            return Optional.of(NOT_STARTED + "the twin has no batteries (" + scenario.description() + "); add some with"
                    + " --sim-batteries ASSET@BUS:MWH:MW[:SOC]");
        }
        return Optional.empty();
    }

    @Override
    protected Map<String, String> runSettings(PlatformLayout layout) {
        GridSimComponent sim = twin.orElseThrow(() -> new ComponentStartException(whyNotStarted().orElseThrow()));
        TwinScenario scenario = sim.scenario();
        if (scenario.settings().batteries().isEmpty()) {
            throw new ComponentStartException(whyNotStarted().orElseThrow());
        }
        return settings(scenario.settings().batteries(), scenario.settings().frequency().nominalHz(), sim.speed(),
                degradationCostPerMwh);
    }

    /**
     * The service's settings for these batteries (the twin's), on a grid of {@code nominalHz} that runs {@code speed}
     * grid seconds per wall second.
     */
    static Map<String, String> settings(List<BatterySpec> batteries, double nominalHz, double speed,
            double degradationCostPerMwh) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("gridai.storage.fleet.batteries", batteries.stream().map(StorageComponent::batteryText)
                .collect(Collectors.joining(",")));
        for (BatterySpec b : batteries) {
            double power = shortFormPower(b);
            String unit = "gridai.storage.fleet.units.\"" + b.asset().value() + "\".";
            if (b.maxChargeMw() != power) {
                settings.put(unit + "max-charge-mw", String.valueOf(b.maxChargeMw()));
            }
            if (b.maxDischargeMw() != power) {
                settings.put(unit + "max-discharge-mw", String.valueOf(b.maxDischargeMw()));
            }
            // Always the twin's own: the service's defaults (95 %, 5 %..95 %) are not necessarily the twin's.
            settings.put(unit + "charge-efficiency", String.valueOf(b.chargeEfficiency()));
            settings.put(unit + "discharge-efficiency", String.valueOf(b.dischargeEfficiency()));
            settings.put(unit + "soc-min", String.valueOf(b.socMin()));
            settings.put(unit + "soc-max", String.valueOf(b.socMax()));
        }
        settings.put("gridai.storage.fleet.degradation-cost-per-mwh", String.valueOf(degradationCostPerMwh));
        settings.put("gridai.storage.response.nominal-hz", String.valueOf(nominalHz));
        settings.put("gridai.storage.clock", "telemetry");
        settings.put("gridai.storage.inputs.live-state-topic", Topics.TELEMETRY_RAW.name());
        if (speed > 1) {
            // Validity is grid time (the service's clock follows the twin), but the trip from the twin's reading to its
            // setpoint taking effect is wall time: the service's 10 s, kept in wall seconds, so that a twin running
            // faster does not find setpoints expired on arrival (x10: 10 s of grid time is 1 s of wall time).
            settings.put("gridai.storage.setpoints.validity",
                    Duration.ofMillis(Math.round(SETPOINT_VALIDITY_WALL.toMillis() * speed)).toString());
        }
        return settings;
    }

    /** {@code ASSET@BUS:MWH:MW:SOC}, the service's form of the twin's battery; MW = the larger of charge and discharge. */
    private static String batteryText(BatterySpec b) {
        return b.asset().value() + "@" + b.busNumber() + ":" + b.capacityMwh() + ":" + shortFormPower(b) + ":"
                + b.initialSoc();
    }

    private static double shortFormPower(BatterySpec b) {
        return Math.max(b.maxChargeMw(), b.maxDischargeMw());
    }

    @Override
    protected List<String> urls(String base) {
        return List.of(base + "/storage/fleet", base + "/q/openapi");
    }
}
