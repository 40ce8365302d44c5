package io.gridai.gateway.live;

import io.gridai.gateway.config.GatewayConfig;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ZoneId;
import io.gridai.network.BatteryPlacement;
import io.gridai.network.BusType;
import io.gridai.network.CaseGenerators;
import io.gridai.network.CaseGenerators.CaseGenerator;
import io.gridai.network.GeneratorNamesFile;
import io.gridai.network.GridAssetNames;
import io.gridai.network.MatpowerBranch;
import io.gridai.network.MatpowerBus;
import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerCaseReader;
import io.gridai.network.SetpointEnvelope;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The grid the platform runs, read once at start from {@code gridai.gateway.grid.*} (the dispatch optimiser's
 * {@code gridai.dispatch.grid.*} formats): the MATPOWER case, its elements under the twin's asset ids
 * (grid-network's {@link GridAssetNames}, {@link CaseGenerators}) and the batteries. Empty when no case file is
 * configured; a configured file that cannot be read stops the service at start, naming the key.
 */
@Startup
@ApplicationScoped
public class GridCase {

    public static final String CASE_KEY = "gridai.gateway.grid.case-file";
    private static final Logger LOG = Logger.getLogger(GridCase.class);

    /** A bus of the view: its asset id, zone and base voltage. */
    public record Bus(AssetId asset, int number, ZoneId zone, double baseKv) {
    }

    /** An in-service branch: its asset id, end buses and long-term rating (0 = unlimited). */
    public record Branch(AssetId asset, int fromBus, int toBus, double rateMva) {
    }

    /** The loaded case. */
    public record Loaded(MatpowerCase source, List<Bus> buses, List<Branch> branches, List<CaseGenerator> generators,
            List<BatteryPlacement> batteries) {

        public Optional<CaseGenerator> generator(String asset) {
            return generators.stream().filter(g -> g.asset().value().equals(asset)).findFirst();
        }

        public Optional<BatteryPlacement> battery(String asset) {
            return batteries.stream().filter(b -> b.asset().value().equals(asset)).findFirst();
        }

        /**
         * The zone of an asset of the case: a bus's own, a branch's from-bus's, a generator's, a battery's or a load's
         * bus's; empty for an asset the case does not have.
         */
        public Optional<ZoneId> zoneOf(String asset) {
            Map<Integer, ZoneId> byBus = new java.util.HashMap<>();
            buses.forEach(b -> byBus.put(b.number(), b.zone()));
            for (Bus b : buses) {
                if (b.asset().value().equals(asset) || GridAssetNames.load(b.number()).value().equals(asset)) {
                    return Optional.of(b.zone());
                }
            }
            for (Branch b : branches) {
                if (b.asset().value().equals(asset)) {
                    return Optional.ofNullable(byBus.get(b.fromBus()));
                }
            }
            Optional<Integer> bus = generator(asset).map(CaseGenerator::busNumber)
                    .or(() -> battery(asset).map(BatteryPlacement::busNumber));
            return bus.map(byBus::get);
        }

        /** Whether the asset is a generator or battery of the case: what a proposal may move. */
        public boolean controllable(String asset) {
            return generator(asset).isPresent() || battery(asset).isPresent();
        }

        /** The case as the setpoint envelope checks against it. */
        public SetpointEnvelope.Grid envelopeGrid() {
            return new SetpointEnvelope.Grid() {
                @Override
                public String caseName() {
                    return source.name();
                }

                @Override
                public Optional<SetpointEnvelope.Unit> unit(String asset) {
                    return generator(asset).map(g -> new SetpointEnvelope.Unit(asset, g.pminMw(), g.pmaxMw(),
                            g.rampMwPerHour(), g.slack()));
                }

                @Override
                public Optional<BatteryPlacement> battery(String asset) {
                    return Loaded.this.battery(asset);
                }
            };
        }
    }

    private final Optional<Loaded> loaded;

    public GridCase(GatewayConfig gateway) {
        GatewayConfig.Grid config = gateway.grid();
        this.loaded = config.caseFile().map(file -> load(file, config));
        loaded.ifPresentOrElse(l -> LOG.infof("grid case=%s buses=%d branches=%d generators=%d batteries=%d",
                l.source().name(), l.buses().size(), l.branches().size(), l.generators().size(), l.batteries().size()),
                () -> LOG.infof("no grid case (%s not set): proposals and studies are refused",
                        CASE_KEY));
    }

    /** The case, or empty when {@code gridai.gateway.grid.case-file} is not set. */
    public Optional<Loaded> get() {
        return loaded;
    }

    /** Why there is no case, for problems. */
    public static String notConfigured() {
        return "no grid case is configured; set " + CASE_KEY + " to the MATPOWER .m case the grid twin runs (with"
                + " gridai.gateway.grid.generator-names and .batteries as for the dispatch optimiser)";
    }

    static Loaded load(Path file, GatewayConfig.Grid config) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file.toAbsolutePath() + " does not exist");
            }
            if (!config.zoneTemplate().contains("{area}")) {
                throw new IllegalArgumentException("gridai.gateway.grid.zone-template '" + config.zoneTemplate()
                        + "' has no {area}; use e.g. zone-{area}");
            }
            MatpowerCase c = MatpowerCaseReader.read(file);
            GeneratorNamesFile names = config.generatorNames()
                    .map(n -> GeneratorNamesFile.read(n, c.generators().size(), "gridai.gateway.grid.generator-names"))
                    .orElse(GeneratorNamesFile.none());
            List<BatteryPlacement> batteries = BatteryPlacement.parseList(config.batteries(),
                    "gridai.gateway.grid.batteries");
            Map<Integer, Bus> buses = new LinkedHashMap<>();
            for (MatpowerBus b : c.buses()) {
                if (b.type() != BusType.ISOLATED) {
                    buses.put(b.number(), new Bus(GridAssetNames.bus(b.number()), b.number(),
                            ZoneId.of(config.zoneTemplate().replace("{area}", Integer.toString(b.area()))), b.baseKv()));
                }
            }
            List<AssetId> branchIds = GridAssetNames.branches(c);
            List<Branch> branches = new ArrayList<>();
            for (int i = 0; i < c.branches().size(); i++) {
                MatpowerBranch br = c.branches().get(i);
                if (br.inService() && buses.containsKey(br.fromBus()) && buses.containsKey(br.toBus())) {
                    branches.add(new Branch(branchIds.get(i), br.fromBus(), br.toBus(), br.rateAMva()));
                }
            }
            for (BatteryPlacement b : batteries) {
                if (!buses.containsKey(b.busNumber())) {
                    throw new IllegalArgumentException("battery " + b.asset() + " is placed at bus " + b.busNumber()
                            + ", which case " + c.name() + " does not have in service; fix gridai.gateway.grid.batteries");
                }
            }
            return new Loaded(c, List.copyOf(buses.values()), List.copyOf(branches),
                    CaseGenerators.of(c, names, config.defaultRampPerMinute()), List.copyOf(batteries));
        } catch (RuntimeException e) {
            throw new ConfigurationException(CASE_KEY + " " + file + " cannot be used: " + e.getMessage(), e);
        }
    }
}
