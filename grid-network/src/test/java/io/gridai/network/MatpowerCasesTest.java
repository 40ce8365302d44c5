package io.gridai.network;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The MATPOWER cases of the shared reference data read correctly (skipped when the data is absent). */
class MatpowerCasesTest {

    /**
     * Sizes counted in the files; the cost is MATPOWER's own {@code sum(totcost(gencost(1:ng, :), gen(:, PG)))}
     * over all generators at the case's PG (MATPOWER 8.1.1-dev under Octave 7.3.0), and PD the sum of column PD.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // case,            buses, gens, branches, gencost, model, totcost $/h,  total PD MW
        "case9,                 9,    3,       9,      3, 2,    5445.529400,   315.00",
        "case14,               14,    5,      20,      5, 2,    8172.000000,   259.00",
        "case24_ieee_rts,      24,   33,      38,     33, 2,   67138.142783,  2850.00",
        "case30,               30,    6,      41,      6, 2,     586.174499,   189.20",
        "case39,               39,   10,      46,     10, 2,   45077.332226,  6254.23",
        "case57,               57,    7,      80,      7, 2,   27866.999994,  1250.80",
        "case118,             118,   54,     186,     54, 2,  131322.000029,  4242.00",
        "case300,             300,   69,     411,     69, 2,  704382.900002, 23525.85",
        "case_ACTIVSg200,     200,   49,     245,     49, 2,   34737.205106,  1475.69",
        "case_RTS_GMLC,        73,  158,     120,    158, 1,  231536.346375,  8550.00",
        "case2383wp,         2383,  327,    2896,    327, 2, 1858434.024730, 24558.38",
        "case_ACTIVSg2000,   2000,  544,    3206,    544, 2, 1335857.162698, 67109.21",
    })
    void readsSizesCostsAndDemand(String name, int buses, int generators, int branches, int costs, int model,
                                  double totalCost, double totalDemand) {
        MatpowerCase c = SharedCases.read(name);

        assertThat(c.name()).isEqualTo(name);
        assertThat(c.baseMva()).isEqualTo(100.0);
        assertThat(c.buses()).hasSize(buses);
        assertThat(c.generators()).hasSize(generators);
        assertThat(c.branches()).hasSize(branches);
        assertThat(c.costs()).hasSize(costs);
        Class<?> expectedModel = model == 1 ? PiecewiseLinearCost.class : PolynomialCost.class;
        assertThat(c.costs()).allMatch(expectedModel::isInstance);
        double cost = IntStream.range(0, generators)
                .mapToDouble(g -> c.activePowerCost(g).orElseThrow().costAt(c.generators().get(g).pgMw()))
                .sum();
        assertThat(cost).isCloseTo(totalCost, within(1e-6 * Math.max(1, totalCost)));
        assertThat(c.totalDemandMw()).isCloseTo(totalDemand, within(1e-6));
    }

    @Test
    void case9CostsAreTheQuadraticsOfTheFile() {
        MatpowerCase c = SharedCases.read("case9");

        assertThat(c.costs()).containsExactly(
                new PolynomialCost(1500, 0, java.util.List.of(0.11, 5.0, 150.0)),
                new PolynomialCost(2000, 0, java.util.List.of(0.085, 1.2, 600.0)),
                new PolynomialCost(3000, 0, java.util.List.of(0.1225, 1.0, 335.0)));
        // generator 2 at its PG of 163 MW: 0.085 * 163^2 + 1.2 * 163 + 600
        assertThat(c.activePowerCost(1).orElseThrow().costAt(163)).isCloseTo(3053.965, within(1e-9));
    }

    @Test
    void case118HasBusNamesAndCase2383wpInfiniteReactiveLimits() {
        MatpowerCase case118 = SharedCases.read("case118");
        assertThat(case118.buses().get(0).name()).isEqualTo("Riversde  V2");

        MatpowerCase case2383 = SharedCases.read("case2383wp");
        assertThat(case2383.generators()).anyMatch(g -> g.qmaxMvar() == Double.POSITIVE_INFINITY
                && g.qminMvar() == Double.NEGATIVE_INFINITY);
    }

    @Test
    void rtsGmlcCostsArePiecewiseLinearAndItsDcLineIsIgnored() {
        MatpowerCase c = SharedCases.read("case_RTS_GMLC");

        PiecewiseLinearCost first = (PiecewiseLinearCost) c.activePowerCost(0).orElseThrow();
        assertThat(first.points()).hasSize(4);
        assertThat(first.points().get(0)).isEqualTo(new PiecewiseLinearCost.Point(8, 1085.77625));
        assertThat(first.startup()).isEqualTo(51.747);
        assertThat(first.costAt(10)).isCloseTo(1281.504105, within(1e-9));
        // mpc.dcline between buses 113 and 316 is not part of the model (runpf ignores it too)
        assertThat(c.branches()).noneMatch(b -> b.fromBus() == 113 && b.toBus() == 316);
    }
}
