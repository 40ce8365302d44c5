package io.gridai.network;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a MATPOWER case file in its text form ({@code .m}, case format version 2) into a {@link MatpowerCase},
 * {@code gencost} included.
 *
 * <p>Fields read: {@code mpc.version} (must be 2), {@code mpc.baseMVA}, {@code mpc.bus} (at least 13 columns),
 * {@code mpc.gen} (at least 10 columns; PC1 to APF read when present), {@code mpc.branch} (at least 11 columns;
 * ANGMIN/ANGMAX when present), {@code mpc.gencost} (optional) and {@code mpc.bus_name} (optional). Extra result
 * columns and other fields ({@code mpc.gentype}, {@code mpc.genfuel}, {@code mpc.areas}, {@code mpc.dcline},
 * ...) are accepted and ignored. The file is not executed: only literal assignments are read (see
 * {@link MatlabAssignments}).
 *
 * <p>Every problem is a {@link MatpowerFormatException} naming the file, the line and what was wrong.
 *
 * <pre>{@code
 * MatpowerCase c = MatpowerCaseReader.read(Path.of("case9.m"));
 * double cost = c.activePowerCost(0).orElseThrow().costAt(90.0); // $/h at 90 MW
 * }</pre>
 */
public final class MatpowerCaseReader {

    private static final Set<String> PROTECTED_FIELDS = Set.of("version", "baseMVA", "bus", "gen", "branch", "gencost",
            "bus_name");
    private static final int BUS_COLUMNS = 13;
    private static final int GEN_COLUMNS = 10;
    private static final int GEN_COLUMNS_FULL = 21;
    private static final int BRANCH_COLUMNS = 11;
    private static final int BRANCH_COLUMNS_FULL = 13;
    private static final int GENCOST_MODEL_PWL = 1;
    private static final int GENCOST_MODEL_POLYNOMIAL = 2;

    private MatpowerCaseReader() {
    }

    /**
     * Reads a case file (UTF-8). The case is named after the file, without its {@code .m} extension.
     *
     * @throws MatpowerFormatException when the content is not a readable MATPOWER case
     * @throws UncheckedIOException    when the file cannot be read
     */
    public static MatpowerCase read(Path file) {
        Objects.requireNonNull(file, "file");
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".m") ? fileName.substring(0, fileName.length() - 2) : fileName;
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read MATPOWER case " + file, e);
        }
        return parse(file.toString(), name, text);
    }

    /**
     * Reads a case from a reader, which it does not close.
     *
     * @param name the case name, also used as the source in error messages
     * @throws MatpowerFormatException when the content is not a readable MATPOWER case
     * @throws UncheckedIOException    when the reader fails
     */
    public static MatpowerCase read(String name, Reader reader) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reader, "reader");
        StringWriter text = new StringWriter();
        try {
            reader.transferTo(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read MATPOWER case " + name, e);
        }
        return parse(name, name, text.toString());
    }

    private static MatpowerCase parse(String source, String name, String text) {
        Map<String, MatlabAssignments.Value> fields = MatlabAssignments.parse(source, text, PROTECTED_FIELDS);
        return new CaseBuilder(source, fields).build(name);
    }

    private static final class CaseBuilder {
        private final String source;
        private final Map<String, MatlabAssignments.Value> fields;

        CaseBuilder(String source, Map<String, MatlabAssignments.Value> fields) {
            this.source = source;
            this.fields = fields;
        }

        MatpowerCase build(String name) {
            checkVersion();
            double baseMva = readBaseMva();
            List<String> busNames = readBusNames();
            List<MatpowerBus> buses = readBuses(busNames);
            List<MatpowerGenerator> generators = readGenerators();
            List<MatpowerBranch> branches = readBranches();
            List<GeneratorCost> costs = readCosts();
            checkReferences(buses, generators, branches, costs);
            return new MatpowerCase(name, baseMva, buses, generators, branches, costs);
        }

        private void checkVersion() {
            MatlabAssignments.Value version = fields.get("version");
            if (version == null) {
                throw error(0, "mpc.version is missing (MATPOWER case format version 2 expected)");
            }
            if (!version.isScalar()) {
                throw error(version.line(), "mpc.version must be '2'");
            }
            Object v = version.scalar();
            String text = v instanceof Double d ? (d == Math.rint(d) ? String.valueOf(d.longValue()) : d.toString())
                    : v.toString().strip();
            if (!text.equals("2")) {
                throw error(version.line(), "mpc.version is '" + text
                        + "': only MATPOWER case format version 2 is supported");
            }
        }

        private double readBaseMva() {
            MatlabAssignments.Value value = require("baseMVA");
            if (!value.isScalar() || !(value.scalar() instanceof Double d)) {
                throw error(value.line(), "mpc.baseMVA must be a single number");
            }
            if (!(d > 0) || d.isInfinite()) {
                throw error(value.line(), "mpc.baseMVA must be positive and finite, got " + d);
            }
            return d;
        }

        private List<String> readBusNames() {
            MatlabAssignments.Value value = fields.get("bus_name");
            if (value == null || !value.supported()) {
                return null;
            }
            List<String> names = new ArrayList<>();
            for (MatlabAssignments.Row row : value.rows()) {
                for (Object element : row.elements()) {
                    if (!(element instanceof String s)) {
                        throw error(row.line(), "mpc.bus_name must hold strings, found " + element);
                    }
                    names.add(s);
                }
            }
            return names;
        }

        private List<MatpowerBus> readBuses(List<String> busNames) {
            List<double[]> rows = numericRows("bus", BUS_COLUMNS, true);
            List<Integer> lines = lines("bus");
            if (busNames != null && busNames.size() != rows.size()) {
                throw error(fields.get("bus_name").line(), "mpc.bus_name has " + busNames.size() + " names for "
                        + rows.size() + " buses");
            }
            List<MatpowerBus> buses = new ArrayList<>(rows.size());
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < rows.size(); i++) {
                double[] r = rows.get(i);
                int line = lines.get(i);
                String what = "mpc.bus row " + (i + 1);
                int number = integer(r[0], what + " BUS_I", line);
                if (number <= 0) {
                    throw error(line, what + ": BUS_I must be a positive integer, got " + number);
                }
                if (!seen.add(number)) {
                    throw error(line, what + ": bus number " + number + " appears twice");
                }
                int typeCode = integer(r[1], what + " BUS_TYPE", line);
                BusType type;
                try {
                    type = BusType.fromCode(typeCode);
                } catch (IllegalArgumentException e) {
                    throw error(line, what + ": " + e.getMessage());
                }
                buses.add(new MatpowerBus(number, type, r[2], r[3], r[4], r[5], integer(r[6], what + " BUS_AREA", line),
                        r[7], r[8], r[9], integer(r[10], what + " ZONE", line), r[11], r[12],
                        busNames == null ? "" : busNames.get(i)));
            }
            if (buses.isEmpty()) {
                throw error(fields.get("bus").line(), "mpc.bus has no rows");
            }
            return buses;
        }

        private List<MatpowerGenerator> readGenerators() {
            List<double[]> rows = numericRows("gen", GEN_COLUMNS, true);
            List<Integer> lines = lines("gen");
            List<MatpowerGenerator> generators = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                double[] r = rows.get(i);
                int line = lines.get(i);
                String what = "mpc.gen row " + (i + 1);
                double[] full = new double[GEN_COLUMNS_FULL];
                System.arraycopy(r, 0, full, 0, Math.min(r.length, GEN_COLUMNS_FULL));
                generators.add(new MatpowerGenerator(integer(r[0], what + " GEN_BUS", line), full[1], full[2], full[3],
                        full[4], full[5], full[6], integer(r[7], what + " GEN_STATUS", line), full[8], full[9],
                        full[10], full[11], full[12], full[13], full[14], full[15], full[16], full[17], full[18],
                        full[19], full[20]));
            }
            return generators;
        }

        private List<MatpowerBranch> readBranches() {
            List<double[]> rows = numericRows("branch", BRANCH_COLUMNS, true);
            List<Integer> lines = lines("branch");
            List<MatpowerBranch> branches = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                double[] r = rows.get(i);
                int line = lines.get(i);
                String what = "mpc.branch row " + (i + 1);
                double angMin = r.length >= BRANCH_COLUMNS_FULL ? r[11] : -360;
                double angMax = r.length >= BRANCH_COLUMNS_FULL ? r[12] : 360;
                branches.add(new MatpowerBranch(integer(r[0], what + " F_BUS", line), integer(r[1], what + " T_BUS", line),
                        r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], integer(r[10], what + " BR_STATUS", line),
                        angMin, angMax));
            }
            return branches;
        }

        private List<GeneratorCost> readCosts() {
            if (!fields.containsKey("gencost")) {
                return List.of();
            }
            List<double[]> rows = numericRows("gencost", 4, false);
            List<Integer> lines = lines("gencost");
            List<GeneratorCost> costs = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                double[] r = rows.get(i);
                int line = lines.get(i);
                String what = "mpc.gencost row " + (i + 1);
                int model = integer(r[0], what + " MODEL", line);
                int n = integer(r[3], what + " NCOST", line);
                if (n < 0) {
                    throw error(line, what + ": NCOST must not be negative, got " + n);
                }
                if (model == GENCOST_MODEL_POLYNOMIAL) {
                    if (r.length < 4 + n) {
                        throw error(line, what + ": NCOST = " + n + " coefficients need " + (4 + n)
                                + " columns, the row has " + r.length);
                    }
                    List<Double> coefficients = new ArrayList<>(n);
                    for (int k = 0; k < n; k++) {
                        coefficients.add(r[4 + k]);
                    }
                    costs.add(new PolynomialCost(r[1], r[2], coefficients));
                } else if (model == GENCOST_MODEL_PWL) {
                    if (r.length < 4 + 2 * n) {
                        throw error(line, what + ": NCOST = " + n + " points need " + (4 + 2 * n)
                                + " columns, the row has " + r.length);
                    }
                    List<PiecewiseLinearCost.Point> points = new ArrayList<>(n);
                    for (int k = 0; k < n; k++) {
                        points.add(new PiecewiseLinearCost.Point(r[4 + 2 * k], r[5 + 2 * k]));
                    }
                    try {
                        costs.add(new PiecewiseLinearCost(r[1], r[2], points));
                    } catch (IllegalArgumentException e) {
                        throw error(line, what + ": " + e.getMessage());
                    }
                } else {
                    throw error(line, what + ": MODEL must be 1 (piecewise linear) or 2 (polynomial), got " + model);
                }
            }
            return costs;
        }

        private void checkReferences(List<MatpowerBus> buses, List<MatpowerGenerator> generators,
                                     List<MatpowerBranch> branches, List<GeneratorCost> costs) {
            Set<Integer> numbers = new HashSet<>();
            buses.forEach(b -> numbers.add(b.number()));
            for (int g = 0; g < generators.size(); g++) {
                int bus = generators.get(g).busNumber();
                if (!numbers.contains(bus)) {
                    throw error(lines("gen").get(g), "mpc.gen row " + (g + 1) + ": GEN_BUS " + bus + " is not in mpc.bus");
                }
            }
            for (int l = 0; l < branches.size(); l++) {
                MatpowerBranch branch = branches.get(l);
                for (int bus : new int[] {branch.fromBus(), branch.toBus()}) {
                    if (!numbers.contains(bus)) {
                        throw error(lines("branch").get(l), "mpc.branch row " + (l + 1) + ": bus " + bus
                                + " is not in mpc.bus");
                    }
                }
            }
            if (!costs.isEmpty() && costs.size() != generators.size() && costs.size() != 2 * generators.size()) {
                throw error(fields.get("gencost").line(), "mpc.gencost has " + costs.size() + " rows, expected "
                        + generators.size() + " (one per generator) or " + 2 * generators.size()
                        + " (active and reactive power costs)");
            }
        }

        private MatlabAssignments.Value require(String field) {
            MatlabAssignments.Value value = fields.get(field);
            if (value == null) {
                throw error(0, "mpc." + field + " is missing");
            }
            return value;
        }

        private List<double[]> numericRows(String field, int minColumns, boolean required) {
            MatlabAssignments.Value value = required ? require(field) : fields.get(field);
            List<double[]> rows = new ArrayList<>(value.rows().size());
            int width = -1;
            for (int i = 0; i < value.rows().size(); i++) {
                MatlabAssignments.Row row = value.rows().get(i);
                List<Object> elements = row.elements();
                if (width >= 0 && elements.size() != width) {
                    throw error(row.line(), "mpc." + field + " row " + (i + 1) + " has " + elements.size()
                            + " columns, the rows before have " + width);
                }
                width = elements.size();
                if (elements.size() < minColumns) {
                    throw error(row.line(), "mpc." + field + " row " + (i + 1) + " has " + elements.size()
                            + " columns, at least " + minColumns + " expected");
                }
                double[] numbers = new double[elements.size()];
                for (int j = 0; j < numbers.length; j++) {
                    if (!(elements.get(j) instanceof Double d)) {
                        throw error(row.line(), "mpc." + field + " row " + (i + 1) + " column " + (j + 1)
                                + " is not a number: '" + elements.get(j) + "'");
                    }
                    numbers[j] = d;
                }
                rows.add(numbers);
            }
            return rows;
        }

        private List<Integer> lines(String field) {
            return fields.get(field).rows().stream().map(MatlabAssignments.Row::line).toList();
        }

        private int integer(double value, String what, int line) {
            if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
                throw error(line, what + " must be an integer, got " + value);
            }
            return (int) value;
        }

        private MatpowerFormatException error(int line, String what) {
            return new MatpowerFormatException(source, line, what);
        }
    }
}
