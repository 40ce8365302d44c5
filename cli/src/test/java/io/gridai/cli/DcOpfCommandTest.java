package io.gridai.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridai.network.MatpowerBus;
import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerCaseReader;
import io.gridai.network.MatpowerGenerator;
import io.gridai.sim.series.SharedData;

/** `gridai dcopf --case FILE.m` prints MATPOWER's rundcopf cost and dispatch as objective / gen_bus,pg_mw CSV. */
class DcOpfCommandTest {

    @TempDir
    Path dir;

    /**
     * A triangle of equal reactances: cheap generation at bus 1 (10 $/MWh), dear at bus 2 (30 $/MWh), 180 MW of load at
     * bus 3, and a cheaper unit at bus 3 that is out of service. Branch 1-3 carries 2/3 of bus 1's injection and 1/3
     * of bus 2's; its 100 MW rating binds, so P1 = 120, P2 = 60 MW and the cost is 120 * 10 + 60 * 30 = 3000 $/h.
     */
    private Path triangle(double loadMw) throws Exception {
        Path file = dir.resolve("triangle.m");
        Files.writeString(file, String.join("\n",
                "function mpc = triangle",
                "mpc.version = '2';",
                "mpc.baseMVA = 100;",
                "mpc.bus = [",
                "  1 3 0 0 0 0 1 1 0 230 1 1.1 0.9;",
                "  2 2 0 0 0 0 1 1 0 230 1 1.1 0.9;",
                "  3 1 " + loadMw + " 0 0 0 1 1 0 230 1 1.1 0.9;",
                "];",
                "mpc.gen = [",
                "  1 0 0 300 -300 1 100 1 200 0 0 0 0 0 0 0 0 0 0 0 0;",
                "  3 0 0 300 -300 1 100 0 500 0 0 0 0 0 0 0 0 0 0 0 0;",
                "  2 0 0 300 -300 1 100 1 200 0 0 0 0 0 0 0 0 0 0 0 0;",
                "];",
                "mpc.branch = [",
                "  1 3 0 0.1 0 100 100 100 0 0 1 -360 360;",
                "  1 2 0 0.1 0 0 0 0 0 0 1 -360 360;",
                "  2 3 0 0.1 0 0 0 0 0 0 1 -360 360;",
                "];",
                "mpc.gencost = [",
                "  2 0 0 2 10 0;",
                "  2 0 0 2 1 0;",
                "  2 0 0 2 30 0;",
                "];",
                ""));
        return file;
    }

    @Test
    void solvesACongestedTriangleAndPrintsCostThenOneRowPerGenerator() throws Exception {
        InProcess r = InProcess.run("dcopf", "--case", triangle(180).toString(), "--summary");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("objective,");
        assertThat(Double.parseDouble(lines.get(0).substring("objective,".length()))).isCloseTo(3000, within(1e-6));
        assertThat(lines.get(1)).isEqualTo("gen_bus,pg_mw");
        assertThat(bus(lines.get(2))).isEqualTo(1);
        assertThat(bus(lines.get(3))).isEqualTo(3);
        assertThat(bus(lines.get(4))).isEqualTo(2);
        assertThat(mw(lines.get(2))).isCloseTo(120, within(1e-6));
        assertThat(lines.get(3)).isEqualTo("3,0.0");
        assertThat(mw(lines.get(4))).isCloseTo(60, within(1e-6));
        // --summary names the binding branch (row 1, bus 1 to bus 3) at its 100 MW rating.
        assertThat(r.err()).contains("1 binding network limits").containsPattern("binding: BRANCH_FLOW,1,1,3,100\\.000,100\\.000,");
    }

    @Test
    void anInfeasibleCaseExitsNonZeroWithTheReasonAndNoOutput() throws Exception {
        InProcess r = InProcess.run("dcopf", "--case", triangle(450).toString());
        assertThat(r.exit()).isEqualTo(DcOpfCommand.NOT_OPTIMAL);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).contains("triangle is infeasible").contains("demand PD+GS 450.000 MW")
                .contains("PMAX 400.000 MW").contains("demand exceeds in-service PMAX").doesNotContain("\tat ");
    }

    @Test
    void aMissingBrokenOrCostlessFileIsExplainedInOneLine() throws Exception {
        InProcess missing = InProcess.run("dcopf", "--case", dir.resolve("nope.m").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).contains("gridai dcopf: ").contains("nope.m").contains("no such file").doesNotContain("\tat ");

        Path broken = dir.resolve("broken.m");
        Files.writeString(broken, "mpc.baseMVA = 100;\nmpc.bus = [ 1 3 x ];\n");
        InProcess bad = InProcess.run("dcopf", "--case", broken.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).contains("broken.m").doesNotContain("\tat ");

        Path costless = dir.resolve("costless.m");
        String text = Files.readString(triangle(180));
        Files.writeString(costless, text.substring(0, text.indexOf("mpc.gencost")));
        InProcess noCost = InProcess.run("dcopf", "--case", costless.toString());
        assertThat(noCost.exit()).isEqualTo(2);
        assertThat(noCost.out()).isEmpty();
        assertThat(noCost.err().lines().toList()).hasSize(1);
        assertThat(noCost.err()).contains("gridai dcopf: ").containsIgnoringCase("gencost").doesNotContain("\tat ");
    }

    @Test
    void matchesMatpowersCase14() {
        checkAgainstMatpower("case14.m", 7642.59);
    }

    @Test
    void matchesMatpowersIeeeRts24() {
        checkAgainstMatpower("case24_ieee_rts.m", 61001.24);
    }

    /** The cost MATPOWER's rundcopf reports, one row per mpc.gen row in file order, and generation equal to demand. */
    private static void checkAgainstMatpower(String fileName, double matpowerCost) {
        Path file = SharedData.locate().map(d -> d.resolve("grid-cases/matpower/" + fileName)).orElse(null);
        assumeTrue(file != null && Files.exists(file), "shared data not found: skipping " + fileName);
        InProcess r = InProcess.run("dcopf", "--case", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("objective,");
        double cost = Double.parseDouble(lines.get(0).substring("objective,".length()));
        assertThat(cost).isCloseTo(matpowerCost, within(1e-6 * matpowerCost));
        assertThat(lines.get(1)).isEqualTo("gen_bus,pg_mw");

        MatpowerCase c = MatpowerCaseReader.read(file);
        List<MatpowerGenerator> generators = c.generators();
        List<String> rows = lines.subList(2, lines.size());
        assertThat(rows).hasSize(generators.size());
        double generation = 0;
        for (int g = 0; g < rows.size(); g++) {
            assertThat(bus(rows.get(g))).as("row %d", g + 1).isEqualTo(generators.get(g).busNumber());
            generation += mw(rows.get(g));
        }
        // No isolated buses in these cases, so every bus's PD + GS is served.
        assertThat(c.buses()).extracting(MatpowerBus::type).doesNotContain(io.gridai.network.BusType.ISOLATED);
        double demand = c.buses().stream().mapToDouble(b -> b.pdMw() + b.gsMw()).sum();
        assertThat(demand).isPositive();
        assertThat(generation).isCloseTo(demand, within(1e-6));
    }

    private static int bus(String row) {
        return Integer.parseInt(row.substring(0, row.indexOf(',')));
    }

    private static double mw(String row) {
        return Double.parseDouble(row.substring(row.indexOf(',') + 1));
    }
}
