package io.gridai.dispatch.opf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.gridai.network.MatpowerCase;
import io.gridai.network.PolynomialCost;

/**
 * Our DC OPF against MATPOWER's own {@code rundcopf} results (computed with MATPOWER in GNU Octave, kept under
 * {@code src/test/resources/matpower-reference/}, see its README): the total cost to 1e-6 relative (the acceptance
 * bound; it agrees to about 1e-10) and, for units whose cost is strictly convex (a quadratic term, so the optimum is
 * unique for them), the dispatch to 1e-3 MW.
 */
class MatpowerReferenceTest {

    record Reference(double objective, List<Integer> buses, List<Double> pgMw) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"case9", "case14", "case24_ieee_rts", "case30", "case39", "case57", "case118", "case300",
            "case_ACTIVSg200", "case_RTS_GMLC", "case2383wp", "case_ACTIVSg2000"})
    void costAndDispatchEqualMatpowersRundcopf(String name) throws IOException {
        MatpowerCase c = SharedCases.read(name);
        Reference ref = reference(name);

        DcOpf.Result result = DcOpf.solve(c);

        assertThat(result.optimal()).as(result.solution().message()).isTrue();
        assertThat(result.costPerHour()).as("%s total cost, $/h", name).isCloseTo(ref.objective(), within(1e-6 * ref.objective()));
        assertThat(ref.pgMw()).hasSize(c.generators().size());
        int compared = 0;
        for (int g = 0; g < c.generators().size(); g++) {
            assertThat(c.generators().get(g).busNumber()).isEqualTo(ref.buses().get(g));
            if (strictlyConvex(c, g) && c.generators().get(g).inService()) {
                assertThat(result.pgMw()[g]).as("%s generator %d at bus %d, MW", name, g + 1, ref.buses().get(g))
                        .isCloseTo(ref.pgMw().get(g), within(1e-3));
                compared++;
            }
        }
        boolean anyQuadratic = c.costs().stream().limit(c.generators().size())
                .anyMatch(k -> k instanceof PolynomialCost p && p.degree() == 2 && p.coefficients().get(0) > 0);
        assertThat(compared > 0).isEqualTo(anyQuadratic);
    }

    private static boolean strictlyConvex(MatpowerCase c, int g) {
        return c.costs().get(g) instanceof PolynomialCost p && p.degree() == 2 && p.coefficients().get(0) > 0;
    }

    private static Reference reference(String name) throws IOException {
        String resource = "/matpower-reference/" + name + ".rundcopf.csv";
        try (InputStream in = MatpowerReferenceTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("reference file %s", resource).isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String first = reader.readLine();
            assertThat(first).startsWith("objective,");
            double objective = Double.parseDouble(first.substring("objective,".length()));
            assertThat(reader.readLine()).isEqualTo("gen_bus,pg_mw");
            List<Integer> buses = new ArrayList<>();
            List<Double> pg = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] cells = line.split(",");
                buses.add(Integer.parseInt(cells[0]));
                pg.add(Double.parseDouble(cells[1]));
            }
            return new Reference(objective, buses, pg);
        }
    }
}
