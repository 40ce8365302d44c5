package io.gridai.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.gridai.dispatch.opf.DcOpf;
import io.gridai.dispatch.opf.DispatchSolution;
import io.gridai.dispatch.opf.DispatchSolution.BindingConstraint;
import io.gridai.network.BusType;
import io.gridai.network.MatpowerBranch;
import io.gridai.network.MatpowerBus;
import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerCaseReader;
import io.gridai.network.MatpowerGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `gridai dcopf --case FILE.m`: MATPOWER's {@code rundcopf} for one period (the case's demand, in-service generators
 * with their polynomial or piecewise-linear costs, RATE_A branch limits, angle-difference limits, no load shedding),
 * solved exactly by HiGHS, printed as
 * <pre>
 * objective,&lt;total cost $/h&gt;
 * gen_bus,pg_mw
 * &lt;GEN_BUS&gt;,&lt;PG MW&gt;        one row per mpc.gen row, file order; 0 for out-of-service generators
 * </pre>
 * Numbers are printed with every digit of the double (the shortest decimal that reads back to the same double, as
 * {@link Double#toString}), in plain notation without an exponent, so any CSV reader parses them and nothing is lost.
 */
@Command(name = "dcopf", mixinStandardHelpOptions = true,
        description = {"Solve MATPOWER's DC optimal power flow (rundcopf) of a .m case, one period.",
                "Prints on stdout:",
                "  objective,<total generation cost $/h>",
                "  gen_bus,pg_mw",
                "  <GEN_BUS>,<PG MW>   one row per mpc.gen row, in file order (0 out of service)",
                "Numbers carry full double precision in plain decimal notation.",
                "A one-line summary goes to stderr; --summary adds timings, solver rounds and",
                "the binding branch limits with their shadow prices.",
                "Exit code 0 optimal; 3 no optimal dispatch (infeasible, time or round limit),",
                "reason on stderr; 2 unusable case file."})
public final class DcOpfCommand implements Callable<Integer> {

    static final int NOT_OPTIMAL = 3;

    @Option(names = "--case", required = true, paramLabel = "FILE.m", description = "MATPOWER case file (text .m format) with mpc.gencost.")
    Path caseFile;

    @Option(names = "--summary", description = "Also print to stderr: model size, solve time per phase, rounds of added "
            + "branch limits, and every binding branch or angle limit with its shadow price.")
    boolean summary;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MatpowerCase matpowerCase = MatpowerCaseReader.read(caseFile);
        DcOpf.Result result = DcOpf.solve(matpowerCase);
        DispatchSolution solution = result.solution();
        if (!result.optimal()) {
            err.println("gridai dcopf: " + notOptimal(matpowerCase, solution));
            err.flush();
            return NOT_OPTIMAL;
        }
        out.println("objective," + plain(result.costPerHour()));
        out.println("gen_bus,pg_mw");
        List<MatpowerGenerator> generators = matpowerCase.generators();
        double[] pg = result.pgMw();
        for (int g = 0; g < generators.size(); g++) {
            out.println(generators.get(g).busNumber() + "," + plain(pg[g]));
        }
        out.flush();
        DispatchSolution.Stats stats = solution.stats();
        err.printf(Locale.ROOT, "%s: optimal, cost %.2f $/h for %.3f MW of demand; %d generators; %d binding network limits; "
                        + "%d solver round%s, %.1f ms%n", matpowerCase.name(), result.costPerHour(), servedDemandMw(matpowerCase),
                generators.size(), solution.binding().size(), stats.rounds(), stats.rounds() == 1 ? "" : "s",
                stats.totalNanos() / 1e6);
        if (summary) {
            printSummary(err, matpowerCase, solution);
        }
        err.flush();
        return 0;
    }

    /** The one-line reason a case has no optimal dispatch, with the figures to check first. */
    static String notOptimal(MatpowerCase c, DispatchSolution solution) {
        double demand = servedDemandMw(c);
        double pmax = 0;
        double pmin = 0;
        for (MatpowerGenerator g : c.generators()) {
            if (g.inService()) {
                pmax += g.pmaxMw();
                pmin += g.pminMw();
            }
        }
        String figures = String.format(Locale.ROOT, "demand PD+GS %.3f MW, in-service generators PMIN %.3f MW .. PMAX %.3f MW",
                demand, pmin, pmax);
        return switch (solution.status()) {
            case INFEASIBLE -> c.name() + " is infeasible: no dispatch serves the demand within generator and branch limits ("
                    + figures + "); " + (demand > pmax ? "demand exceeds in-service PMAX: raise PMAX or put generators in service"
                    : demand < pmin ? "demand is below in-service PMIN: lower PMIN or take generators out of service"
                    : "check branch RATE_A and ANGMIN/ANGMAX limits that may cut generation off from the load");
            case TIME_LIMIT, ROUND_LIMIT -> c.name() + ": no optimal dispatch (" + solution.status() + "): " + solution.message();
            default -> c.name() + ": the solver failed (" + solution.status() + "): " + solution.message() + " (" + figures + ")";
        };
    }

    private static void printSummary(PrintWriter err, MatpowerCase c, DispatchSolution solution) {
        DispatchSolution.Stats s = solution.stats();
        err.printf(Locale.ROOT, "model: %d columns, %d rows, %d non-zeros, %d quadratic costs; %d branch limits watched%n",
                s.columns(), s.rows(), s.nonZeros(), s.quadratic(), s.watchedBranches());
        err.printf(Locale.ROOT, "time: build %.1f ms, HiGHS %.1f ms, overload check %.1f ms; %d solver round(s), %d iterations%n",
                s.buildNanos() / 1e6, s.solveNanos() / 1e6, s.checkNanos() / 1e6, s.rounds(), s.iterations());
        if (solution.binding().isEmpty()) {
            err.println("binding: none (no branch flow or angle-difference limit holds the dispatch back)");
            return;
        }
        err.println("binding: kind,branch_row,from_bus,to_bus,value,limit,shadow_price");
        for (BindingConstraint b : solution.binding()) {
            MatpowerBranch branch = c.branches().get(b.caseRow() - 1);
            String unit = b.kind() == BindingConstraint.Kind.BRANCH_FLOW ? "$/MWh" : "$/deg h";
            err.printf(Locale.ROOT, "binding: %s,%d,%d,%d,%.3f,%.3f,%.4f %s%n", b.kind(), b.caseRow(), branch.fromBus(),
                    branch.toBus(), b.value(), b.limit(), b.shadowPrice(), unit);
        }
    }

    /** PD + GS over the buses that are not isolated: the demand the DC OPF must serve, MW. */
    static double servedDemandMw(MatpowerCase c) {
        double sum = 0;
        for (MatpowerBus bus : c.buses()) {
            if (bus.type() != BusType.ISOLATED) {
                sum += bus.pdMw() + bus.gsMw();
            }
        }
        return sum;
    }

    /** Every digit of the double ({@link Double#toString}'s shortest round trip), without an exponent; -0 prints 0.0. */
    static String plain(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value == 0 ? 0.0 : value).toPlainString();
    }
}
