package io.gridai.service.live;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The grid the platform runs, read once (the dispatch optimiser's {@code gridai.dispatch.grid.*} formats): the
 * MATPOWER case, its elements under the twin's asset ids (grid-network's {@link GridAssetNames},
 * {@link CaseGenerators}) and the batteries. Empty when no case file is configured; a configured file that cannot be
 * read is an {@link UnusableCaseException} naming the key.
 */
public class GridCase {

    private static final Logger LOG = Logger.getLogger(GridCase.class);

    /**
     * The grid to read, as a service's configuration gives it.
     *
     * @param caseFile             the MATPOWER {@code .m} case file the grid twin runs; empty: no case
     * @param generatorNames       optional CSV {@code row,asset} naming {@code mpc.gen} rows
     * @param batteries            comma-separated {@code ASSET@BUS:MWH:MW[:SOC]}; {@code none} for none
     * @param defaultRampPerMinute ramp of a unit whose case row gives none, as a fraction of its PMAX per minute
     * @param zoneTemplate         the zone of each bus, {@code {area}} replaced by its AREA
     * @param keyPrefix            the service's configuration prefix of these settings (e.g.
     *                             {@code gridai.operator.grid}): problems name {@code <prefix>.case-file} and so on
     * @param withoutCase          what the service cannot do without a case, for the log at start
     */
    public record Settings(Optional<Path> caseFile, Optional<Path> generatorNames, String batteries,
            double defaultRampPerMinute, String zoneTemplate, String keyPrefix, String withoutCase) {

        /** The key of the case file, {@code <prefix>.case-file}. */
        public String caseKey() {
            return GridCase.caseKey(keyPrefix);
        }
    }

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
            Map<Integer, ZoneId> byBus = new HashMap<>();
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

    /** A configured case file that cannot be used; the message names the key, the file and why. */
    public static final class UnusableCaseException extends IllegalArgumentException {
        public UnusableCaseException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Optional<Loaded> loaded;

    /**
     * Reads the case the settings name, if any.
     *
     * @throws UnusableCaseException when a case file is configured and cannot be used
     */
    public GridCase(Settings settings) {
        this(settings, load(settings));
    }

    /** A case read before ({@link #load(Settings)}), so that a service can turn a refusal into its own exception. */
    protected GridCase(Settings settings, Optional<Loaded> loaded) {
        this.loaded = loaded;
        loaded.ifPresentOrElse(l -> LOG.infof("grid case=%s buses=%d branches=%d generators=%d batteries=%d",
                l.source().name(), l.buses().size(), l.branches().size(), l.generators().size(), l.batteries().size()),
                () -> LOG.infof("no grid case (%s not set): %s", settings.caseKey(), settings.withoutCase()));
    }

    /** The case, or empty when no case file is configured. */
    public Optional<Loaded> get() {
        return loaded;
    }

    /** The key of the case file under a service's prefix, {@code <prefix>.case-file}. */
    public static String caseKey(String keyPrefix) {
        return keyPrefix + ".case-file";
    }

    /** Why there is no case, for problems and refusals, naming the service's keys under {@code keyPrefix}. */
    public static String notConfigured(String keyPrefix) {
        return "no grid case is configured; set " + caseKey(keyPrefix) + " to the MATPOWER .m case the grid twin runs"
                + " (with " + keyPrefix + ".generator-names and .batteries as for the dispatch optimiser)";
    }

    /**
     * The case the settings name, or empty when they name none.
     *
     * @throws UnusableCaseException when the file cannot be used
     */
    public static Optional<Loaded> load(Settings settings) {
        return settings.caseFile().map(file -> load(file, settings));
    }

    private static Loaded load(Path file, Settings config) {
        String prefix = config.keyPrefix();
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file.toAbsolutePath() + " does not exist");
            }
            if (!config.zoneTemplate().contains("{area}")) {
                throw new IllegalArgumentException(prefix + ".zone-template '" + config.zoneTemplate()
                        + "' has no {area}; use e.g. zone-{area}");
            }
            MatpowerCase c = MatpowerCaseReader.read(file);
            GeneratorNamesFile names = config.generatorNames()
                    .map(n -> GeneratorNamesFile.read(n, c.generators().size(), prefix + ".generator-names"))
                    .orElse(GeneratorNamesFile.none());
            List<BatteryPlacement> batteries = BatteryPlacement.parseList(config.batteries(), prefix + ".batteries");
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
                            + ", which case " + c.name() + " does not have in service; fix " + prefix + ".batteries");
                }
            }
            return new Loaded(c, List.copyOf(buses.values()), List.copyOf(branches),
                    CaseGenerators.of(c, names, config.defaultRampPerMinute()), List.copyOf(batteries));
        } catch (RuntimeException e) {
            throw new UnusableCaseException(config.caseKey() + " " + file + " cannot be used: " + e.getMessage(), e);
        }
    }
}
