package io.gridai.sim.series;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RTS-GMLC system tables (buses, generators, storage) from the data set's {@code source/} folder, and the
 * RTS-GMLC rule for nodal load: a bus takes the regional load × its share of its region's base-case load, where
 * a bus's region is its {@code Area}.
 */
public final class RtsGmlcSystem {

    /** The bus table. */
    public static final String BUS_FILE = "bus.csv";
    /** The generator table (thermal, renewable, hydro, storage, synchronous condensers). */
    public static final String GEN_FILE = "gen.csv";
    /** The storage reservoirs table. */
    public static final String STORAGE_FILE = "storage.csv";

    private final List<RtsBus> buses;
    private final List<RtsGenerator> generators;
    private final List<RtsStorage> storage;
    private final List<RtsBattery> batteries;
    private final Map<Integer, RtsBus> busById;
    private final Map<String, RtsGenerator> generatorByUid;
    private final Map<Integer, Double> areaLoadMw;

    private RtsGmlcSystem(List<RtsBus> buses, List<RtsGenerator> generators, List<RtsStorage> storage,
            List<RtsBattery> batteries) {
        this.buses = List.copyOf(buses);
        this.generators = List.copyOf(generators);
        this.storage = List.copyOf(storage);
        this.batteries = List.copyOf(batteries);
        Map<Integer, RtsBus> byId = new LinkedHashMap<>();
        Map<Integer, Double> areaLoad = new HashMap<>();
        for (RtsBus bus : buses) {
            byId.put(bus.id(), bus);
            areaLoad.merge(bus.area(), bus.loadMw(), Double::sum);
        }
        Map<String, RtsGenerator> byUid = new LinkedHashMap<>();
        generators.forEach(g -> byUid.put(g.uid(), g));
        this.busById = Collections.unmodifiableMap(byId);
        this.generatorByUid = Collections.unmodifiableMap(byUid);
        this.areaLoadMw = Collections.unmodifiableMap(areaLoad);
    }

    /**
     * Reads {@code bus.csv}, {@code gen.csv} and {@code storage.csv}.
     *
     * @param sourceDir the RTS-GMLC {@code source} folder, or the data set folder that holds {@code source/}
     * @throws SeriesDataException if a file is missing or a row is malformed (the message names file and line)
     */
    public static RtsGmlcSystem load(Path sourceDir) {
        Path dir = !Files.exists(sourceDir.resolve(BUS_FILE)) && Files.isDirectory(sourceDir.resolve("source"))
                ? sourceDir.resolve("source") : sourceDir;
        List<RtsBus> buses = readBuses(dir.resolve(BUS_FILE));
        Map<Integer, RtsBus> byId = new HashMap<>();
        buses.forEach(b -> byId.put(b.id(), b));

        CsvTable gen = CsvTable.read(dir.resolve(GEN_FILE));
        List<RtsGenerator> generators = readGenerators(gen, byId);

        CsvTable store = CsvTable.read(dir.resolve(STORAGE_FILE));
        List<RtsStorage> storage = readStorage(store, generators);

        return new RtsGmlcSystem(buses, generators, storage, joinBatteries(gen, store, storage));
    }

    /** All buses, in file order. */
    public List<RtsBus> buses() {
        return buses;
    }

    /** All generating units, in file order. */
    public List<RtsGenerator> generators() {
        return generators;
    }

    /** All storage reservoir rows, in file order. */
    public List<RtsStorage> storage() {
        return storage;
    }

    /** The batteries (units of type {@code STORAGE}) with their power and energy ratings. */
    public List<RtsBattery> batteries() {
        return batteries;
    }

    /** The bus with this id. */
    public RtsBus bus(int busId) {
        RtsBus bus = busById.get(busId);
        if (bus == null) {
            throw new IllegalArgumentException("RTS-GMLC has no bus " + busId + "; bus ids are 101..325 as in bus.csv");
        }
        return bus;
    }

    /** The generator with this id, e.g. {@code 309_WIND_1}. */
    public RtsGenerator generator(String uid) {
        RtsGenerator generator = generatorByUid.get(uid);
        if (generator == null) {
            throw new IllegalArgumentException("RTS-GMLC has no generator '" + uid + "'; use a GEN UID from gen.csv");
        }
        return generator;
    }

    /** Sum of the base-case active load of the buses of one area, MW; 0 for an area without buses. */
    public double areaLoadMw(int area) {
        return areaLoadMw.getOrDefault(area, 0.0);
    }

    /**
     * The bus's share of its area's base-case active load: bus MW load / total MW load of its area, in [0, 1]
     * (0 when the area has no load). The shares of an area's buses sum to 1.
     */
    public double busLoadShare(int busId) {
        RtsBus bus = bus(busId);
        double total = areaLoadMw(bus.area());
        return total == 0 ? 0 : bus.loadMw() / total;
    }

    /**
     * Active load of a bus at {@code t}, MW: the regional load of the bus's area (region id = the area number
     * as text) × {@link #busLoadShare(int)}.
     */
    public double busLoadMw(int busId, RegionalLoad load, Instant t) {
        return load.regionMw(Integer.toString(bus(busId).area()), t) * busLoadShare(busId);
    }

    private static List<RtsBus> readBuses(Path file) {
        CsvTable table = CsvTable.read(file);
        table.requireRows();
        int id = table.column("Bus ID");
        int name = table.column("Bus Name");
        int area = table.column("Area");
        int mw = table.column("MW Load");
        int mvar = table.column("MVAR Load");
        List<RtsBus> buses = new ArrayList<>();
        Map<Integer, Long> seen = new HashMap<>();
        for (CsvTable.Row row : table.rows()) {
            RtsBus bus = new RtsBus(row.integer(id), row.text(name), row.integer(area), row.number(mw),
                    row.number(mvar));
            Long earlier = seen.putIfAbsent(bus.id(), row.line());
            if (earlier != null) {
                throw row.error(id, "bus " + bus.id() + " was already defined on line " + earlier,
                        "give each bus a distinct id");
            }
            if (bus.loadMw() < 0) {
                throw row.error(mw, "negative load " + bus.loadMw() + " MW",
                        "bus.csv gives consumed load as a positive MW");
            }
            buses.add(bus);
        }
        return buses;
    }

    private static List<RtsGenerator> readGenerators(CsvTable table, Map<Integer, RtsBus> buses) {
        table.requireRows();
        int uid = table.column("GEN UID");
        int bus = table.column("Bus ID");
        int type = table.column("Unit Type");
        int fuel = table.column("Fuel");
        int pMax = table.column("PMax MW");
        int pMin = table.column("PMin MW");
        int ramp = table.column("Ramp Rate MW/Min");
        List<RtsGenerator> generators = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (CsvTable.Row row : table.rows()) {
            RtsGenerator g = new RtsGenerator(row.text(uid), row.integer(bus), row.text(type), row.text(fuel),
                    row.number(pMax), row.number(pMin), row.number(ramp));
            if (g.uid().isEmpty()) {
                throw row.error(uid, "the generator id is empty", "give every generator its GEN UID");
            }
            Long earlier = seen.putIfAbsent(g.uid(), row.line());
            if (earlier != null) {
                throw row.error(uid, "generator " + g.uid() + " was already defined on line " + earlier,
                        "give each generator a distinct GEN UID");
            }
            if (!buses.containsKey(g.bus())) {
                throw row.error(bus, "bus " + g.bus() + " is not in " + BUS_FILE,
                        "connect the generator to a bus listed in " + BUS_FILE);
            }
            generators.add(g);
        }
        return generators;
    }

    private static List<RtsStorage> readStorage(CsvTable table, List<RtsGenerator> generators) {
        int uid = table.column("GEN UID");
        int name = table.column("Storage");
        int max = table.column("Max Volume GWh");
        int initial = table.column("Initial Volume GWh");
        int rating = table.column("Rating MVA");
        int position = table.column("position");
        Map<String, RtsGenerator> byUid = new HashMap<>();
        generators.forEach(g -> byUid.put(g.uid(), g));
        List<RtsStorage> storage = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            RtsStorage s = new RtsStorage(row.text(uid), row.text(name), row.number(max), row.number(initial),
                    row.number(rating), row.text(position));
            if (!byUid.containsKey(s.genUid())) {
                throw row.error(uid, "generator '" + s.genUid() + "' is not in " + GEN_FILE,
                        "use the GEN UID of a unit listed in " + GEN_FILE);
            }
            if (s.initialVolumeGwh() < 0 || s.initialVolumeGwh() > s.maxVolumeGwh()) {
                throw row.error(initial, "initial volume " + s.initialVolumeGwh() + " GWh is outside [0, "
                        + s.maxVolumeGwh() + "] GWh", "give an initial volume within the reservoir's capacity");
            }
            storage.add(s);
        }
        return storage;
    }

    private static List<RtsBattery> joinBatteries(CsvTable gen, CsvTable store, List<RtsStorage> storage) {
        int type = gen.column("Unit Type");
        List<RtsBattery> batteries = new ArrayList<>();
        for (CsvTable.Row row : gen.rows()) {
            if (!row.text(type).equalsIgnoreCase("STORAGE")) {
                continue;
            }
            String uid = row.text(gen.column("GEN UID"));
            RtsStorage head = storage.stream()
                    .filter(s -> s.genUid().equals(uid) && s.position().equalsIgnoreCase("head"))
                    .findFirst()
                    .orElseThrow(() -> row.error("storage unit " + uid + " has no 'head' row in " + store.file(),
                            "add its reservoir (Max Volume GWh, Initial Volume GWh) to " + STORAGE_FILE));
            int efficiency = gen.column("Storage Roundtrip Efficiency");
            double roundTrip = row.number(efficiency) / 100.0;
            if (!(roundTrip > 0 && roundTrip <= 1)) {
                throw row.error(efficiency, "round-trip efficiency " + row.text(efficiency) + " % is outside (0, 100]",
                        "give the efficiency in percent");
            }
            batteries.add(new RtsBattery(uid, row.integer(gen.column("Bus ID")), row.number(gen.column("PMax MW")),
                    row.number(gen.column("Pump Load MW")), head.maxVolumeGwh() * 1000.0,
                    head.initialVolumeGwh() * 1000.0, roundTrip));
        }
        return batteries;
    }

    /**
     * A bus of the RTS-GMLC system ({@code source/bus.csv}).
     *
     * @param id       bus id, e.g. 101
     * @param name     bus name, e.g. {@code Abel}
     * @param area     area = load region (1, 2 or 3)
     * @param loadMw   base-case active load, MW (consumed, positive)
     * @param loadMvar base-case reactive load, Mvar (consumed, positive)
     */
    public record RtsBus(int id, String name, int area, double loadMw, double loadMvar) {
    }

    /**
     * A generating unit of the RTS-GMLC system ({@code source/gen.csv}), storage and synchronous condensers
     * included.
     *
     * @param uid          generator id, e.g. {@code 101_CT_1}; the column name in the renewable series files
     * @param bus          id of the bus it connects to
     * @param unitType     e.g. {@code CT}, {@code STEAM}, {@code WIND}, {@code PV}, {@code HYDRO}, {@code STORAGE}
     * @param fuel         e.g. {@code Oil}, {@code Coal}, {@code NG}, {@code Wind}, {@code Solar}, {@code Storage}
     * @param pMaxMw       largest active output, MW
     * @param pMinMw       smallest active output when committed, MW
     * @param rampMwPerMin ramp rate, MW/min
     */
    public record RtsGenerator(String uid, int bus, String unitType, String fuel, double pMaxMw, double pMinMw,
            double rampMwPerMin) {
    }

    /**
     * A row of the RTS-GMLC {@code source/storage.csv}: one reservoir of a storage-capable unit. Pumped-storage
     * style units (the battery {@code 313_STORAGE_1}) have a {@code head} and a {@code tail} row.
     *
     * @param genUid           the generator the reservoir belongs to, e.g. {@code 313_STORAGE_1}
     * @param storage          the reservoir's name, e.g. {@code 313_HEAD_STORAGE}
     * @param maxVolumeGwh     energy capacity, GWh
     * @param initialVolumeGwh energy stored at the start, GWh
     * @param ratingMva        power rating, MVA
     * @param position         {@code head} or {@code tail}
     */
    public record RtsStorage(String genUid, String storage, double maxVolumeGwh, double initialVolumeGwh,
            double ratingMva, String position) {
    }

    /**
     * A battery of the RTS-GMLC system, joined from its {@code gen.csv} row (unit type {@code STORAGE}) and the
     * {@code head} row of {@code storage.csv}. Powers are magnitudes in MW; the twin applies its own sign
     * convention (positive = discharging into the grid).
     *
     * @param genUid              generator id, e.g. {@code 313_STORAGE_1}
     * @param bus                 id of the bus it connects to
     * @param maxDischargeMw      largest discharging power ({@code PMax MW}), MW
     * @param maxChargeMw         largest charging power ({@code Pump Load MW}), MW
     * @param capacityMwh         energy capacity (head reservoir's {@code Max Volume GWh} × 1000), MWh
     * @param initialEnergyMwh    energy stored at the start (head reservoir's {@code Initial Volume GWh} × 1000), MWh
     * @param roundTripEfficiency fraction of charged energy returned on discharge
     *                            ({@code Storage Roundtrip Efficiency} / 100), (0, 1]
     */
    public record RtsBattery(String genUid, int bus, double maxDischargeMw, double maxChargeMw, double capacityMwh,
            double initialEnergyMwh, double roundTripEfficiency) {
    }
}
