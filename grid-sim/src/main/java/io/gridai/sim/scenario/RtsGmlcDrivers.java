package io.gridai.sim.scenario;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import io.gridai.network.MatpowerBus;
import io.gridai.network.MatpowerCase;
import io.gridai.sim.series.RegionalLoad;
import io.gridai.sim.series.RtsGmlcSeries;
import io.gridai.sim.series.RtsGmlcSystem;
import io.gridai.sim.series.TimeSeries;
import io.gridai.sim.twin.Drivers;

/**
 * Drives the RTS-GMLC case with its real 2020 series: nodal demand = the bus's region's real-time (5-minute)
 * load × the bus's share of its region's base load (the RTS-GMLC rule), reactive demand at the bus's base
 * power factor; wind from the real-time (5-minute) series, utility PV and hydro from the hourly series,
 * linearly interpolated. Rooftop PV and CSP, which have no series here, keep their case output.
 * Scheduled (thermal) units follow the net load: demand minus renewables, relative to the case's.
 */
public final class RtsGmlcDrivers implements Drivers {

    private final MatpowerCase matpowerCase;
    private final RtsGmlcSystem system;
    private final RegionalLoad load;
    private final TimeSeries[] availability;
    private final double baseNetLoadMw;

    public RtsGmlcDrivers(MatpowerCase matpowerCase, Path rtsGmlcDir) {
        this.matpowerCase = matpowerCase;
        this.system = RtsGmlcSystem.load(rtsGmlcDir.resolve("source"));
        Path series = rtsGmlcDir.resolve("timeseries");
        this.load = RtsGmlcSeries.realTimeRegionalLoad(series);
        Map<String, TimeSeries> wind = RtsGmlcSeries.realTimeWind(series);
        Map<String, TimeSeries> pv = RtsGmlcSeries.dayAheadPv(series);
        Map<String, TimeSeries> hydro = RtsGmlcSeries.dayAheadHydro(series);
        List<RtsGmlcSystem.RtsGenerator> generators = system.generators();
        if (generators.size() != matpowerCase.generators().size()) {
            throw new IllegalArgumentException("RTS-GMLC gen.csv lists " + generators.size() + " generators but case "
                    + matpowerCase.name() + " has " + matpowerCase.generators().size() + "; use case_RTS_GMLC.m");
        }
        availability = new TimeSeries[generators.size()];
        double renewableBase = 0;
        for (int g = 0; g < generators.size(); g++) {
            String uid = generators.get(g).uid();
            TimeSeries s = wind.containsKey(uid) ? wind.get(uid) : pv.containsKey(uid) ? pv.get(uid) : hydro.get(uid);
            availability[g] = s;
            if (s != null) {
                renewableBase += matpowerCase.generators().get(g).pgMw();
            }
        }
        baseNetLoadMw = matpowerCase.totalDemandMw() - renewableBase;
    }

    /** RTS-GMLC GEN UID of each case generator, by index. */
    public Map<Integer, String> generatorNames() {
        Map<Integer, String> names = new java.util.HashMap<>();
        for (int g = 0; g < system.generators().size(); g++) {
            names.put(g, system.generators().get(g).uid());
        }
        return names;
    }

    public RtsGmlcSystem system() {
        return system;
    }

    @Override
    public double busDemandMw(int busIndex, Instant t) {
        MatpowerBus bus = matpowerCase.buses().get(busIndex);
        if (bus.pdMw() == 0) {
            return 0;
        }
        return load.regionMw(String.valueOf(bus.area()), t) * system.busLoadShare(bus.number());
    }

    @Override
    public double busDemandMvar(int busIndex, Instant t) {
        MatpowerBus bus = matpowerCase.buses().get(busIndex);
        return bus.pdMw() == 0 ? bus.qdMvar() : bus.qdMvar() * busDemandMw(busIndex, t) / bus.pdMw();
    }

    @Override
    public OptionalDouble availableMw(int generatorIndex, Instant t) {
        TimeSeries s = availability[generatorIndex];
        return s == null ? OptionalDouble.empty() : OptionalDouble.of(Math.max(0, s.atWrapped(t)));
    }

    @Override
    public double scheduleFactor(Instant t) {
        double demand = 0;
        for (int i = 0; i < matpowerCase.buses().size(); i++) {
            demand += busDemandMw(i, t);
        }
        double renewables = 0;
        for (int g = 0; g < availability.length; g++) {
            if (availability[g] != null) {
                renewables += Math.min(availability[g].atWrapped(t), matpowerCase.generators().get(g).pmaxMw());
            }
        }
        return Math.max(0, (demand - renewables) / baseNetLoadMw);
    }

    @Override
    public String description() {
        return "RTS-GMLC 2020: real-time regional load and wind (5 min), PV and hydro (hourly)";
    }
}
