package io.gridai.dispatch.service.grid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import io.gridai.network.BatteryPlacement;
import io.gridai.dispatch.opf.DispatchProblem;
import io.gridai.dispatch.opf.DispatchUnit;
import io.gridai.dispatch.opf.dc.DcNetwork;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ZoneId;
import io.gridai.network.BusType;
import io.gridai.network.CaseGenerators;
import io.gridai.network.GridAssetNames;
import io.gridai.network.MatpowerBus;
import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerCaseReader;
import io.gridai.network.MatpowerGenerator;

/**
 * The grid the service dispatches, read once at start: the MATPOWER case, its DC model (factorised once and reused
 * by every solve), each generator's asset id and role, the zone of each bus, and the batteries.
 *
 * <p>Units are the case's in-service generators at in-service buses, named as the twin names them. Their ramp is the
 * twin's rule (RAMP_AGC per minute, else RAMP_10 / 10, else a fraction of PMAX per minute), per hour. Units at the
 * reference bus are the twin's slack: they stay in the dispatch (they balance it) with no ramp limit, and get no
 * setpoint.
 */
public final class DispatchGrid implements AutoCloseable {

    private final MatpowerCase source;
    private final String fileSha256;
    private final DcNetwork network;
    private final List<DispatchUnit> units;
    private final Set<String> slackUnits;
    private final Map<String, Integer> unitIndex = new HashMap<>();
    private final List<ZoneId> busZone;                 // per in-service bus
    private final Map<ZoneId, double[]> zoneShare;      // zone -> share of its PD per in-service bus
    private final Map<ZoneId, Double> zoneCasePdMw;
    private final List<BatteryPlacement> batteries;

    private DispatchGrid(MatpowerCase source, String fileSha256, Map<Integer, String> names, Set<Integer> excludedRows, String zoneTemplate,
            List<BatteryPlacement> batteries, double defaultRampPerMinute) {
        this.source = source;
        this.fileSha256 = fileSha256;
        this.network = DcNetwork.of(source);
        try {
            List<DispatchUnit> list = new ArrayList<>();
            Set<String> slack = new HashSet<>();
            Map<Integer, Integer> perBus = new HashMap<>();
            List<DispatchUnit> caseUnits = DispatchProblem.unitsOf(network);
            Map<Integer, DispatchUnit> byRow = new HashMap<>();
            caseUnits.forEach(u -> byRow.put(u.caseIndex(), u));
            for (int g = 0; g < source.generators().size(); g++) {
                MatpowerGenerator gen = source.generators().get(g);
                int k = perBus.merge(gen.busNumber(), 1, Integer::sum);
                DispatchUnit unit = byRow.get(g);
                if (unit == null || excludedRows.contains(g + 1)) {
                    continue;
                }
                String asset = names.getOrDefault(g + 1, GridAssetNames.generator(GridAssetNames.generatorName(gen.busNumber(), k)).value());
                boolean isSlack = source.bus(gen.busNumber()).map(b -> b.type() == BusType.REF).orElse(false);
                double ramp = isSlack ? Double.POSITIVE_INFINITY : rampPerHour(gen, defaultRampPerMinute);
                DispatchUnit named = new DispatchUnit(asset, g, unit.bus(), unit.pminMw(), unit.pmaxMw(), unit.cost(), ramp,
                        OptionalDouble.empty(), false);
                if (unitIndex.put(asset, list.size()) != null) {
                    throw new IllegalArgumentException("two generators of case " + source.name() + " are named " + asset
                            + "; give each row its own asset id in gridai.dispatch.grid.generator-names");
                }
                list.add(named);
                if (isSlack) {
                    slack.add(asset);
                }
            }
            this.units = List.copyOf(list);
            this.slackUnits = Set.copyOf(slack);

            List<ZoneId> zones = new ArrayList<>();
            Map<ZoneId, Double> pd = new LinkedHashMap<>();
            for (int i = 0; i < network.busCount(); i++) {
                MatpowerBus bus = source.bus(network.busNumber(i)).orElseThrow();
                ZoneId zone = ZoneId.of(zoneTemplate.replace("{area}", Integer.toString(bus.area())));
                zones.add(zone);
                pd.merge(zone, Math.max(0, bus.pdMw()), Double::sum);
            }
            this.busZone = List.copyOf(zones);
            this.zoneCasePdMw = Collections.unmodifiableMap(pd);
            Map<ZoneId, double[]> shares = new LinkedHashMap<>();
            for (ZoneId zone : pd.keySet()) {
                double[] share = new double[network.busCount()];
                double total = pd.get(zone);
                for (int i = 0; i < share.length; i++) {
                    if (zones.get(i).equals(zone) && total > 0) {
                        share[i] = Math.max(0, source.bus(network.busNumber(i)).orElseThrow().pdMw()) / total;
                    }
                }
                shares.put(zone, share);
            }
            this.zoneShare = Collections.unmodifiableMap(shares);
            for (BatteryPlacement b : batteries) {
                if (network.busIndex(b.busNumber()) < 0) {
                    throw new IllegalArgumentException("battery " + b.asset() + " is placed at bus " + b.busNumber() + ", which case "
                            + source.name() + " does not have in service; fix gridai.dispatch.grid.batteries");
                }
                if (unitIndex.containsKey(b.asset().value())) {
                    throw new IllegalArgumentException("battery " + b.asset() + " has the asset id of a generator; give it its own id");
                }
            }
            this.batteries = List.copyOf(batteries);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /**
     * Reads the case and the naming file.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static DispatchGrid load(Path caseFile, Optional<Path> namesFile, String zoneTemplate, List<BatteryPlacement> batteries,
            double defaultRampPerMinute) {
        if (!Files.isRegularFile(caseFile)) {
            throw new IllegalArgumentException("gridai.dispatch.grid.case-file " + caseFile.toAbsolutePath()
                    + " does not exist; point it at the MATPOWER .m case the grid twin runs");
        }
        if (!zoneTemplate.contains("{area}")) {
            throw new IllegalArgumentException("gridai.dispatch.grid.zone-template '" + zoneTemplate
                    + "' has no {area}; every bus would be in one zone. Use e.g. zone-{area}");
        }
        MatpowerCase c = MatpowerCaseReader.read(caseFile);
        Map<Integer, String> names = new HashMap<>();
        Set<Integer> excluded = new HashSet<>();
        if (namesFile.isPresent()) {
            GeneratorNames.read(namesFile.get(), c.generators().size(), names, excluded);
        }
        return new DispatchGrid(c, sha256(caseFile), names, excluded, zoneTemplate, batteries, defaultRampPerMinute);
    }

    /** The twin's ramp rule, per hour: the case's ({@link MatpowerGenerator#rampMwPerMinute()}), else {@code defaultPerMinute} x PMAX. */
    static double rampPerHour(MatpowerGenerator gen, double defaultPerMinute) {
        return CaseGenerators.rampPerHour(gen, defaultPerMinute);
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read case file " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public MatpowerCase source() {
        return source;
    }

    public String caseName() {
        return source.name();
    }

    public String fileSha256() {
        return fileSha256;
    }

    public DcNetwork network() {
        return network;
    }

    /** The dispatch units, with asset ids, no initial output, not curtailable. */
    public List<DispatchUnit> units() {
        return units;
    }

    public Optional<Integer> unitIndex(String asset) {
        return Optional.ofNullable(unitIndex.get(asset));
    }

    /** Whether the unit is at the reference bus: the twin's slack, which takes no setpoint. */
    public boolean isSlack(String asset) {
        return slackUnits.contains(asset);
    }

    public List<BatteryPlacement> batteries() {
        return batteries;
    }

    public Optional<BatteryPlacement> battery(String asset) {
        return batteries.stream().filter(b -> b.asset().value().equals(asset)).findFirst();
    }

    /** The zones of the case's in-service buses, in first-seen order. */
    public Set<ZoneId> zones() {
        return zoneCasePdMw.keySet();
    }

    public ZoneId zoneOf(int bus) {
        return busZone.get(bus);
    }

    /** The case's PD summed over a zone's in-service buses (negative PD counted as 0), MW. */
    public double zoneCasePdMw(ZoneId zone) {
        return zoneCasePdMw.getOrDefault(zone, 0.0);
    }

    /** Each in-service bus's share of a zone's case PD (0 outside the zone); sums to 1 when the zone has load. */
    public double[] zoneShare(ZoneId zone) {
        return zoneShare.get(zone).clone();
    }

    @Override
    public void close() {
        network.close();
    }
}
