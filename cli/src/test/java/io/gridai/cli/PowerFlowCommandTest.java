package io.gridai.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridai.sim.series.SharedData;

/** `gridai powerflow --case FILE.m` prints MATPOWER's runpf solution as bus,vm_pu,va_deg. */
class PowerFlowCommandTest {

    @TempDir
    Path dir;

    @Test
    void solvesAHandWrittenCaseAndPrintsCsv() throws Exception {
        // Two buses: a slack at 1.0 p.u. feeding 100 MW + 20 Mvar over r = 0.01, x = 0.1 p.u. (100 MVA base).
        Path file = dir.resolve("two_bus.m");
        Files.writeString(file, String.join("\n",
                "function mpc = two_bus",
                "mpc.version = '2';",
                "mpc.baseMVA = 100;",
                "mpc.bus = [",
                "  1 3 0 0 0 0 1 1 0 138 1 1.1 0.9;",
                "  2 1 100 20 0 0 1 1 0 138 1 1.1 0.9;",
                "];",
                "mpc.gen = [",
                "  1 0 0 300 -300 1 100 1 250 0 0 0 0 0 0 0 0 0 0 0 0;",
                "];",
                "mpc.branch = [",
                "  1 2 0.01 0.1 0 0 0 0 0 0 1 -360 360;",
                "];",
                ""));
        InProcess r = InProcess.run("powerflow", "--case", file.toString());
        assertThat(r.exit()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("bus,vm_pu,va_deg");
        assertThat(lines).hasSize(3);
        double[] slack = values(lines.get(1));
        double[] load = values(lines.get(2));
        assertThat(slack).containsExactly(1, 1.0, 0.0);
        // Check the load bus by the power it draws: S = V * conj((V1 - V2) / z) at bus 2 equals -(1.0 + j0.2) p.u.
        double v = load[1];
        double th = Math.toRadians(load[2]);
        double re = 1 - v * Math.cos(th);
        double im = -v * Math.sin(th);
        double zr = 0.01;
        double zx = 0.1;
        double den = zr * zr + zx * zx;
        double ir = (re * zr + im * zx) / den;
        double ii = (im * zr - re * zx) / den;
        double p = v * Math.cos(th) * ir + v * Math.sin(th) * ii;
        double q = v * Math.sin(th) * ir - v * Math.cos(th) * ii;
        assertThat(p).isCloseTo(1.0, within(1e-6));
        assertThat(q).isCloseTo(0.2, within(1e-6));
        assertThat(r.err()).contains("converged");
    }

    @Test
    void matchesTheIeee118SolutionShape() {
        Path case118 = SharedData.locate().map(d -> d.resolve("grid-cases/matpower/case118.m")).orElse(null);
        assumeTrue(case118 != null && Files.exists(case118), "shared data not found: skipping case118");
        InProcess r = InProcess.run("powerflow", "--case", case118.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().count()).isEqualTo(119);
        assertThat(r.err()).contains("max |dP|");
    }

    @Test
    void aMissingOrBrokenFileIsExplainedInOneLine() throws Exception {
        InProcess missing = InProcess.run("powerflow", "--case", dir.resolve("nope.m").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.m").doesNotContain("\tat ");

        Path broken = dir.resolve("broken.m");
        Files.writeString(broken, "mpc.baseMVA = 100;\nmpc.bus = [ 1 3 x ];\n");
        InProcess bad = InProcess.run("powerflow", "--case", broken.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("broken.m").doesNotContain("\tat ");
    }

    private static double[] values(String csvLine) {
        return Arrays.stream(csvLine.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
