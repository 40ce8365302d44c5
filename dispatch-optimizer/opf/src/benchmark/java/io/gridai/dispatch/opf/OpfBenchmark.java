package io.gridai.dispatch.opf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

import io.gridai.dispatch.opf.dc.DcNetwork;
import io.gridai.dispatch.opf.highs.HighsLibrary;
import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerCaseReader;

/**
 * Solve times of the DC OPF (not a test; run with {@code ./mvnw -B -ntp -pl dispatch-optimizer/opf -am -Pbenchmark
 * verify -DskipTests}).
 *
 * <ol>
 * <li>Single period, every shared MATPOWER case: median after warm-up of the DC model build (susceptance matrix and
 * its KLU factorisation), of the optimisation (model build incl. PTDF rows, HiGHS, flow checks) and of the total,
 * with problem sizes. Side by side, in the same run: the same problem in the full angle formulation (every bus
 * balance and branch limit as a row; the tests' {@code AngleFormulationOpf}, build and solve) in the same HiGHS, and, when {@code -Dgridai.bench.matpower=DIR} names a
 * MATPOWER checkout and GNU Octave is installed, MATPOWER's own {@code rundcopf} (MIPS) timed inside Octave.</li>
 * <li>24 hourly periods on case_ACTIVSg2000 with 10 batteries (100 MW / 400 MWh at the 10 largest loads),
 * ramp limits of 30 % PMAX per hour, demand shaped by the first day of RTS-GMLC's day-ahead regional load (region 1,
 * scaled to peak 1.0; a cosine day when the file is absent).</li>
 * </ol>
 */
public final class OpfBenchmark {

    private static final List<String> CASES = List.of("case9", "case14", "case24_ieee_rts", "case30", "case39", "case57", "case118",
            "case300", "case_ACTIVSg200", "case_RTS_GMLC", "case2383wp", "case_ACTIVSg2000");

    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("gridai.shared.data", "../../../shared/data")).toAbsolutePath().normalize();
        int warmup = Integer.getInteger("gridai.bench.warmup", 20);
        int runs = Integer.getInteger("gridai.bench.runs", 31);
        String matpower = System.getProperty("gridai.bench.matpower", "");
        Path cases = data.resolve("grid-cases/matpower");
        if (!Files.isDirectory(cases)) {
            System.err.println("benchmark: " + cases + " not found; set -Dgridai.shared.data=DIR (the shared reference data)");
            System.exit(2);
        }
        System.out.printf(Locale.ROOT, "HiGHS %s, Java %s, %d cores, warm-up %d, %d measured runs (median)%n", HighsLibrary.version(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), warmup, runs);
        System.out.println();
        System.out.println("| case | buses | branches (rated) | units | columns x rows (final) | rounds | DC model build ms | optimisation ms"
                + " (model / HiGHS / checks) | total ms | full angle formulation in HiGHS ms | MATPOWER rundcopf (Octave, MIPS) ms |"
                + " cost $/h |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        List<String> matpowerTimes = matpower.isBlank() ? List.of() : matpowerTimes(Path.of(matpower), cases);
        for (String name : CASES) {
            Path file = cases.resolve(name + ".m");
            MatpowerCase c = MatpowerCaseReader.read(file);
            double[] network = new double[runs];
            double[] model = new double[runs];
            double[] highs = new double[runs];
            double[] checks = new double[runs];
            double[] total = new double[runs];
            double[] full = new double[runs];
            DcOpf.Result last = null;
            DcNetwork kept = DcNetwork.of(c);
            for (int i = -warmup; i < runs; i++) {
                long start = System.nanoTime();
                try (DcNetwork net = DcNetwork.of(c)) {
                    long built = System.nanoTime();
                    DcOpf.Result r = DcOpf.solve(net, DispatchSettings.matpower());
                    long end = System.nanoTime();
                    if (!r.optimal()) {
                        throw new IllegalStateException(name + ": " + r.solution().message());
                    }
                    long fullStart = System.nanoTime();
                    AngleFormulationOpf.Solution reference = AngleFormulationOpf.solve(c); // the tests' independent reference
                    long fullNanos = System.nanoTime() - fullStart;
                    if (reference.status() != io.gridai.dispatch.opf.highs.QpResult.Status.OPTIMAL) {
                        throw new IllegalStateException(name + ": angle formulation " + reference.status());
                    }
                    if (i >= 0) {
                        DispatchSolution.Stats s = r.solution().stats();
                        network[i] = (built - start) / 1e6;
                        model[i] = s.buildNanos() / 1e6;
                        highs[i] = s.solveNanos() / 1e6;
                        checks[i] = s.checkNanos() / 1e6;
                        total[i] = (end - start) / 1e6;
                        full[i] = fullNanos / 1e6;
                    }
                    last = r;
                }
            }
            kept.close();
            DispatchSolution.Stats s = last.solution().stats();
            long rated = IntStream.range(0, c.branches().size()).filter(l -> c.branches().get(l).rateAMva() > 0).count();
            long units = c.generators().stream().filter(g -> g.inService()).count();
            String mp = matpowerTimes.stream().filter(l -> l.startsWith(name + " ")).map(l -> l.substring(name.length() + 1)).findFirst()
                    .orElse("not run");
            System.out.printf(Locale.ROOT, "| %s | %d | %d (%d) | %d | %d x %d | %d | %.2f | %.2f (%.2f / %.2f / %.2f) | %.2f | %.2f | %s | %.6f |%n",
                    name, c.buses().size(), c.branches().size(), rated, units, s.columns(), s.rows(), s.rounds(), median(network),
                    median(model) + median(highs) + median(checks), median(model), median(highs), median(checks), median(total), median(full),
                    mp, last.costPerHour());
        }
        System.out.println();
        multiPeriod(data, cases.resolve("case_ACTIVSg2000.m"), Math.max(2, warmup / 10), Math.max(5, runs / 6), 0.95, 1.0);
        multiPeriod(data, cases.resolve("case_ACTIVSg2000.m"), Math.max(2, warmup / 10), Math.max(5, runs / 6), 0.99, 0.0);
    }

    private static void multiPeriod(Path data, Path file, int warmup, int runs, double efficiency, double wear) throws IOException {
        MatpowerCase c = MatpowerCaseReader.read(file);
        double[] shape = dayShape(data.resolve("rts-gmlc/timeseries/DAY_AHEAD_regional_Load.csv"));
        try (DcNetwork net = DcNetwork.of(c)) {
            List<DispatchUnit> units = new ArrayList<>();
            for (DispatchUnit u : DispatchProblem.unitsOf(net)) {
                units.add(new DispatchUnit(u.id(), u.caseIndex(), u.bus(), u.pminMw(), u.pmaxMw(), u.cost(),
                        Math.max(1, 0.3 * u.pmaxMw()), u.initialMw(), u.curtailable()));
            }
            Integer[] byLoad = IntStream.range(0, net.busCount()).boxed().toArray(Integer[]::new);
            Arrays.sort(byLoad, Comparator.comparingDouble((Integer i) -> -net.fixedDemandMw(i)));
            List<StorageUnit> storage = new ArrayList<>();
            for (int k = 0; k < 10; k++) {
                storage.add(new StorageUnit("bess-" + net.busNumber(byLoad[k]), byLoad[k], 40, 400, 100, 100, efficiency, efficiency, 200, 200,
                        wear));
            }
            List<DispatchPeriod> periods = new ArrayList<>();
            Instant start = Instant.parse("2020-01-01T00:00:00Z");
            for (int t = 0; t < 24; t++) {
                double[] demand = new double[net.busCount()];
                for (int i = 0; i < demand.length; i++) {
                    demand[i] = net.fixedDemandMw(i) * shape[t];
                }
                double[] available = new double[units.size()];
                Arrays.fill(available, Double.NaN);
                periods.add(new DispatchPeriod(start.plus(Duration.ofHours(t)), Duration.ofHours(1), demand, available));
            }
            DispatchProblem problem = new DispatchProblem(net, units, storage, periods, DispatchSettings.defaults(), Set.of());
            double[] model = new double[runs];
            double[] highs = new double[runs];
            double[] checks = new double[runs];
            double[] total = new double[runs];
            DispatchSolution last = null;
            for (int i = -warmup; i < runs; i++) {
                long t0 = System.nanoTime();
                DispatchSolution s = Dispatcher.solve(problem);
                long t1 = System.nanoTime();
                if (!s.optimal()) {
                    throw new IllegalStateException("24-period dispatch: " + s.message());
                }
                if (i >= 0) {
                    model[i] = s.stats().buildNanos() / 1e6;
                    highs[i] = s.stats().solveNanos() / 1e6;
                    checks[i] = s.stats().checkNanos() / 1e6;
                    total[i] = (t1 - t0) / 1e6;
                }
                last = s;
            }
            double cycled = 0;
            for (double[] d : last.dischargeMw()) {
                cycled += Arrays.stream(d).sum();
            }
            double lowPrice = Double.POSITIVE_INFINITY;
            double highPrice = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < 24; t++) {
                for (StorageUnit b : storage) {
                    lowPrice = Math.min(lowPrice, last.lmp()[t][b.bus()]);
                    highPrice = Math.max(highPrice, last.lmp()[t][b.bus()]);
                }
            }
            System.out.printf(Locale.ROOT, "24 periods, case_ACTIVSg2000, %d units, 10 batteries (%.0f %% each way, %.0f $/MWh wear),"
                            + " ramps 30 %% PMAX/h, demand %.0f..%.0f MW:"
                            + " %d columns x %d rows (%d non-zeros, %d quadratic, %s), %d rounds, %d branch-period limits added;"
                            + " median of %d: model %.1f ms, HiGHS %.1f ms, checks %.1f ms, total %.1f ms; cost %.2f $; shed %.3f MWh;"
                            + " batteries discharged %.1f MWh (prices at their buses %.3f..%.3f $/MWh)%n",
                    units.size(), efficiency * 100, wear, periods.stream().mapToDouble(DispatchPeriod::totalDemandMw).min().orElseThrow(),
                    periods.stream().mapToDouble(DispatchPeriod::totalDemandMw).max().orElseThrow(), last.stats().columns(),
                    last.stats().rows(), last.stats().nonZeros(), last.stats().quadratic(),
                    last.stats().outerApproximation() ? last.stats().cuts() + " tangent cuts" : "exact QP", last.stats().rounds(),
                    last.stats().watchedBranches(), runs, median(model), median(highs), median(checks), median(total), last.objective(),
                    last.shedMwh(periods), cycled, lowPrice, highPrice);
        }
    }

    /** 24 hourly factors, peak 1.0: the first day of RTS-GMLC's day-ahead load in region 1, else a cosine day. */
    private static double[] dayShape(Path file) throws IOException {
        double[] shape = new double[24];
        if (Files.isRegularFile(file)) {
            List<String> lines = Files.readAllLines(file);
            for (int t = 0; t < 24; t++) {
                shape[t] = Double.parseDouble(lines.get(1 + t).split(",")[4]);
            }
        } else {
            for (int t = 0; t < 24; t++) {
                shape[t] = 0.8 - 0.2 * Math.cos(2 * Math.PI * (t - 3) / 24);
            }
        }
        double max = Arrays.stream(shape).max().orElseThrow();
        for (int t = 0; t < 24; t++) {
            shape[t] /= max;
        }
        return shape;
    }

    /** MATPOWER's rundcopf wall time per case inside Octave: median of 5 runs after one warm-up run. */
    private static List<String> matpowerTimes(Path matpower, Path cases) throws IOException, InterruptedException {
        String script = String.join("\n",
                "mp = '" + matpower + "';",
                "addpath(fullfile(mp,'lib')); addpath(fullfile(mp,'mips','lib')); addpath(fullfile(mp,'mp-opt-model','lib'));"
                        + " addpath(fullfile(mp,'mptest','lib')); warning('off','all');",
                "mpopt = mpoption('verbose', 0, 'out.all', 0);",
                "cases = {" + String.join(",", CASES.stream().map(n -> "'" + n + "'").toList()) + "};",
                "for i = 1:numel(cases)",
                "  mpc = loadcase(fullfile('" + cases + "', [cases{i} '.m']));",
                "  rundcopf(mpc, mpopt); t = zeros(1,5);",
                "  for k = 1:5, t0 = tic; rundcopf(mpc, mpopt); t(k) = toc(t0); end",
                "  printf('%s %.1f\\n', cases{i}, 1000 * median(t));",
                "end");
        Path file = Files.createTempFile("matpower-bench", ".m");
        Files.writeString(file, script);
        Process p = new ProcessBuilder("octave", "--no-gui", "--quiet", file.toString()).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
        p.waitFor();
        Files.deleteIfExists(file);
        return lines.stream().filter(l -> CASES.stream().anyMatch(n -> l.startsWith(n + " "))).toList();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private OpfBenchmark() {
    }
}
