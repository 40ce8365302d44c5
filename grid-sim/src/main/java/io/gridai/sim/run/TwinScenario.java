package io.gridai.sim.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.gridai.model.id.AssetId;
import io.gridai.network.BatteryPlacement;
import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerCaseReader;
import io.gridai.network.IeeeCdfNetworks;
import io.gridai.network.MatpowerGenerator;
import io.gridai.sim.scenario.RtsGmlcDrivers;
import io.gridai.sim.series.BuiltInProfile;
import io.gridai.sim.series.OpsdFranceLoad;
import io.gridai.sim.series.TimeSeries;
import io.gridai.sim.twin.LoadShape;
import io.gridai.sim.series.RtsGmlcSystem;
import io.gridai.sim.series.SharedData;
import io.gridai.sim.twin.BatterySpec;
import io.gridai.sim.twin.Drivers;
import io.gridai.sim.twin.GridTwin;
import io.gridai.sim.twin.ImperfectionSettings;
import io.gridai.sim.twin.ShapedCaseDrivers;
import io.gridai.sim.twin.TwinSettings;

/**
 * Which grid the twin runs and what drives it:
 * <ol>
 *   <li>{@code --case FILE.m}: that MATPOWER case with the built-in daily profile, or with OPSD France's hourly
 *       load ({@code --load-profile opsd-fr}) scaled to the case's base load by bus share;</li>
 *   <li>else, when the shared data folder is found ({@code --shared-data}, {@code GRIDAI_SHARED_DATA},
 *       or {@code ../shared/data}): RTS-GMLC with its real 2020 series and its battery;</li>
 *   <li>else: IEEE 118 from PowSyBl's shipped IEEE CDF data, with the built-in daily profile.</li>
 * </ol>
 * {@code --batteries} places more batteries on any of them.
 */
public record TwinScenario(MatpowerCase matpowerCase, Drivers drivers, TwinSettings settings, Instant start, String description) {

    /** Grid time the twin starts at unless {@code --start} says otherwise: a summer day of the RTS-GMLC year. */
    static final Instant DEFAULT_START = Instant.parse("2020-07-01T00:00:00Z");
    /** SoC band of the RTS-GMLC battery (not in its data): 5 % … 95 % of capacity. */
    static final double BATTERY_SOC_MIN = 0.05;
    static final double BATTERY_SOC_MAX = 0.95;
    /** Efficiency each way of a battery given with {@code --batteries}. */
    static final double BATTERY_EFFICIENCY = 0.95;

    public static TwinScenario choose(Map<String, String> options) {
        String profile = options.getOrDefault("--load-profile", "builtin");
        if (!profile.equals("builtin") && !profile.equals("opsd-fr")) {
            throw new IllegalArgumentException("--load-profile must be builtin or opsd-fr, was " + profile);
        }
        Instant start = Instant.parse(options.getOrDefault("--start",
                (profile.equals("opsd-fr") ? OPSD_DEFAULT_START : DEFAULT_START).toString()));
        ImperfectionSettings imperfections = ImperfectionSettings.parse(options.getOrDefault("--imperfections", "none"));
        TwinSettings settings = TwinSettings.defaults().withImperfections(imperfections);
        Optional<Path> shared = Optional.ofNullable(options.get("--shared-data")).map(Path::of).or(SharedData::locate)
                .filter(Files::isDirectory);
        String casePath = options.get("--case");
        MatpowerCase c;
        String gridName;
        if (casePath != null) {
            c = MatpowerCaseReader.read(Path.of(casePath));
            gridName = c.name();
        } else if (profile.equals("builtin") && shared.isPresent()
                && Files.exists(shared.get().resolve("rts-gmlc/source/gen.csv"))) {
            return withBatteries(rtsGmlc(shared.get(), settings, start), options);
        } else {
            c = withPlausibleLimits(IeeeCdfNetworks.matpowerCase(118));
            gridName = "IEEE 118 (PowSyBl's IEEE CDF)";
        }
        LoadShape shape;
        String shapeName;
        if (profile.equals("opsd-fr")) {
            Path csv = shared.map(d -> d.resolve(OPSD_FRANCE)).filter(Files::exists).orElseThrow(() ->
                    new IllegalArgumentException("--load-profile opsd-fr needs " + OPSD_FRANCE
                            + " in the shared data folder (--shared-data DIR or GRIDAI_SHARED_DATA)"));
            TimeSeries france = OpsdFranceLoad.load(csv).series();
            double mean = france.mean();
            shape = t -> france.atWrapped(t) / mean;
            shapeName = "OPSD France hourly load scaled to the case's base load by bus share";
        } else {
            shape = t -> BuiltInProfile.perUnit(t, ZoneOffset.UTC);
            shapeName = "the built-in daily profile";
        }
        TwinScenario scenario = new TwinScenario(c, new ShapedCaseDrivers(c, shape, shapeName), settings, start,
                gridName + " with " + shapeName);
        return withBatteries(scenario, options);
    }

    /** Where the OPSD France file lies in the shared data folder. */
    static final String OPSD_FRANCE = "load/opsd-fr/time_series_60min_singleindex_filtered.csv";
    /** Default start with the OPSD profile: inside its 2015–2019 data. */
    static final Instant OPSD_DEFAULT_START = Instant.parse("2019-07-01T00:00:00Z");

    /**
     * Adds the batteries of {@code --batteries}: comma-separated {@code ASSET@BUS:MWH:MW[:SOC]}, e.g.
     * {@code bess-a@69:200:50,bess-b@12:100:25:0.8} — capacity in MWh, charge and discharge power in MW, initial
     * state of charge as a fraction (default 0.5); 95 % efficiency each way, SoC band 5 %…95 %.
     */
    static TwinScenario withBatteries(TwinScenario scenario, Map<String, String> options) {
        String spec = options.get("--batteries");
        if (spec == null || spec.isBlank()) {
            return scenario;
        }
        List<BatterySpec> batteries = new ArrayList<>(scenario.settings().batteries());
        for (BatteryPlacement b : BatteryPlacement.parseList(spec, "--batteries")) {
            batteries.add(new BatterySpec(b.asset(), b.busNumber(), b.capacityMwh(), b.powerMw(), b.powerMw(), BATTERY_EFFICIENCY,
                    BATTERY_EFFICIENCY, BATTERY_SOC_MIN, BATTERY_SOC_MAX, b.initialSoc()));
        }
        return new TwinScenario(scenario.matpowerCase(), scenario.drivers(), scenario.settings().withBatteries(batteries),
                scenario.start(), scenario.description() + " + " + (batteries.size()) + " batteries");
    }

    /** PMAX above which a case's limit means "none" (IEEE CDF files write ±9999). */
    static final double UNLIMITED_MW = 9000;

    /**
     * IEEE CDF generators have no real limits (PMAX 9999); the twin's ramps and clipping need some: such a unit
     * gets PMIN = min(0, PG) and PMAX = max(100 MW, 1.5 × PG). Documented in the module README.
     */
    static MatpowerCase withPlausibleLimits(MatpowerCase c) {
        List<MatpowerGenerator> generators = new ArrayList<>();
        for (MatpowerGenerator u : c.generators()) {
            if (u.pmaxMw() < UNLIMITED_MW) {
                generators.add(u);
                continue;
            }
            double pmax = Math.max(100, 1.5 * u.pgMw());
            generators.add(new MatpowerGenerator(u.busNumber(), u.pgMw(), u.qgMvar(), u.qmaxMvar(), u.qminMvar(), u.vgPu(),
                    u.mbaseMva() > 0 ? u.mbaseMva() : 100, u.status(), pmax, Math.min(0, u.pgMw()), u.pc1Mw(), u.pc2Mw(), u.qc1minMvar(),
                    u.qc1maxMvar(), u.qc2minMvar(), u.qc2maxMvar(), u.rampAgcMwPerMin(), u.ramp10Mw(), u.ramp30Mw(),
                    u.rampQMvarPerMin(), u.apf()));
        }
        return new MatpowerCase(c.name(), c.baseMva(), c.buses(), generators, c.branches(), c.costs());
    }

    /** The RTS-GMLC case file the twin runs, relative to the shared data folder. */
    public static final String RTS_GMLC_CASE = "grid-cases/matpower/case_RTS_GMLC.m";

    public static TwinScenario rtsGmlc(Path shared, TwinSettings settings, Instant start) {
        MatpowerCase c = MatpowerCaseReader.read(shared.resolve(RTS_GMLC_CASE));
        RtsGmlcDrivers drivers = new RtsGmlcDrivers(c, shared.resolve("rts-gmlc"));
        List<BatterySpec> batteries = new ArrayList<>();
        List<MatpowerGenerator> generators = new ArrayList<>(c.generators());
        for (RtsGmlcSystem.RtsBattery battery : drivers.system().batteries()) {
            int g = indexOf(drivers, battery.genUid());
            if (g < 0) {
                continue;
            }
            MatpowerGenerator unit = generators.get(g);
            double oneWay = Math.sqrt(battery.roundTripEfficiency());
            double initial = battery.initialEnergyMwh() / battery.capacityMwh();
            batteries.add(new BatterySpec(AssetId.of("bess-" + battery.genUid()), battery.bus(), battery.capacityMwh(),
                    battery.maxChargeMw(), battery.maxDischargeMw(), oneWay, oneWay, BATTERY_SOC_MIN, BATTERY_SOC_MAX,
                    Math.max(BATTERY_SOC_MIN, Math.min(BATTERY_SOC_MAX, initial))));
            // The battery replaces the generator row that stands for it in the case.
            generators.set(g, new MatpowerGenerator(unit.busNumber(), 0, 0, unit.qmaxMvar(), unit.qminMvar(), unit.vgPu(),
                    unit.mbaseMva(), 0, unit.pmaxMw(), unit.pminMw(), unit.pc1Mw(), unit.pc2Mw(), unit.qc1minMvar(),
                    unit.qc1maxMvar(), unit.qc2minMvar(), unit.qc2maxMvar(), unit.rampAgcMwPerMin(), unit.ramp10Mw(),
                    unit.ramp30Mw(), unit.rampQMvarPerMin(), unit.apf()));
        }
        MatpowerCase withBatteries = new MatpowerCase(c.name(), c.baseMva(), c.buses(), generators, c.branches(), c.costs());
        TwinSettings s = settings.withBatteries(batteries).withGeneratorNames(drivers.generatorNames());
        return new TwinScenario(withBatteries, drivers, s, start, drivers.description());
    }

    private static int indexOf(RtsGmlcDrivers drivers, String uid) {
        List<RtsGmlcSystem.RtsGenerator> gens = drivers.system().generators();
        for (int g = 0; g < gens.size(); g++) {
            if (gens.get(g).uid().equals(uid)) {
                return g;
            }
        }
        return -1;
    }

    public GridTwin twin(Duration tick) {
        return new GridTwin(matpowerCase, drivers, settings.withTick(tick), start);
    }
}
