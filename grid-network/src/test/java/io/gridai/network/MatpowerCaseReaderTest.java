package io.gridai.network;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MatpowerCaseReaderTest {

    /** A 3-bus case using the syntax MATPOWER files use, and some they may use. */
    private static final String CASE3 = """
            function mpc = case3
            %CASE3  A test case.   % a comment with 'quotes' and [brackets
            %{
            mpc.bus = [ this block comment must be ignored ];
            %}
            mpc.version = '2';
            mpc.baseMVA = 100;

            %% bus data
            %	bus_i	type	Pd	Qd	Gs	Bs	area	Vm	Va	baseKV	zone	Vmax	Vmin
            mpc.bus = [
            	1	3	0	0	0	0	1	1.04	0	345	1	1.1	0.9;
            	2	2	1.5e2	-2.5E+1	0.5	19	1	1	-4.5	345	1	1.1	0.9; % trailing comment
            	3	1	90	30 ...  row split with a continuation
            	  0	2	1	1	0	345	1	1.1	0.9
            ];

            mpc.gen = [
            	1	0	0	300	-300	1.04	100	1	250	10	0	0	0	0	0	0	0	0	0	0	0;
            	2,	163,	0,	Inf,	-Inf,	1.025,	100,	1,	300,	10,	0,	0,	0,	0,	0,	0,	0,	0,	0,	0,	0
            ];

            mpc.branch = [
            	1	2	0.01	0.085	0.176	250	250	250	0	0	1	-360	360;
            	2	3	.017	.092	.158	0	0	0	1.05	-2.5	1	-360	360;
            	1	3	0	0.0576	0	250	250	250	0.978	0	0	-360	360;
            ];

            %%-----  OPF Data  -----%%
            mpc.gencost = [
            	2	1500	0	3	0.11	5	150	0;
            	1	0	0	2	10	100	110	1100;
            ]';
            mpc.gencost = mpc.gencost';
            mpc.bus_name = {
            	'Alpha %1';
            	'Bravo''s';
            	"Charlie";
            };
            mpc.gentype = { 'ST'; 'CT' };
            mpc.areas = [ 1 5 ];
            mpc.dcline = [
            	1	3	1	10	8.9	0	0	1	1	0	100	-Inf	Inf	-Inf	Inf	1	0.01;
            ];
            """;

    @Test
    void readsEveryFieldInMatpowerColumnLayout() {
        MatpowerCase c = read("case3", CASE3.replace("]';\nmpc.gencost = mpc.gencost';", "];"));

        assertThat(c.name()).isEqualTo("case3");
        assertThat(c.baseMva()).isEqualTo(100.0);
        assertThat(c.buses()).hasSize(3);
        MatpowerBus bus2 = c.buses().get(1);
        assertThat(bus2).isEqualTo(new MatpowerBus(2, BusType.PV, 150.0, -25.0, 0.5, 19.0, 1, 1.0, -4.5, 345.0, 1, 1.1,
                0.9, "Bravo's"));
        MatpowerBus bus3 = c.buses().get(2);
        assertThat(bus3.type()).isEqualTo(BusType.PQ);
        assertThat(bus3.pdMw()).isEqualTo(90.0);
        assertThat(bus3.qdMvar()).isEqualTo(30.0);
        assertThat(bus3.bsMvar()).isEqualTo(2.0);
        assertThat(bus3.vminPu()).isEqualTo(0.9);
        assertThat(c.buses()).extracting(MatpowerBus::name).containsExactly("Alpha %1", "Bravo's", "Charlie");

        MatpowerGenerator gen2 = c.generators().get(1);
        assertThat(gen2.busNumber()).isEqualTo(2);
        assertThat(gen2.pgMw()).isEqualTo(163.0);
        assertThat(gen2.qmaxMvar()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(gen2.qminMvar()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(gen2.vgPu()).isEqualTo(1.025);
        assertThat(gen2.pminMw()).isEqualTo(10.0);
        assertThat(gen2.inService()).isTrue();

        assertThat(c.branches()).hasSize(3);
        MatpowerBranch transformer = c.branches().get(1);
        assertThat(transformer.rPu()).isEqualTo(0.017);
        assertThat(transformer.tap()).isEqualTo(1.05);
        assertThat(transformer.shiftDeg()).isEqualTo(-2.5);
        assertThat(c.branches().get(0).effectiveTap()).isEqualTo(1.0);
        assertThat(c.branches().get(2).inService()).isFalse();

        assertThat(c.costs()).hasSize(2);
        assertThat(c.activePowerCost(0)).contains(new PolynomialCost(1500, 0, List.of(0.11, 5.0, 150.0)));
        assertThat(c.activePowerCost(1)).contains(new PiecewiseLinearCost(0, 0,
                List.of(new PiecewiseLinearCost.Point(10, 100), new PiecewiseLinearCost.Point(110, 1100))));
        assertThat(c.reactivePowerCost(0)).isEmpty();
    }

    @Test
    void aTransposedMatrixIsReadTransposed() {
        String text = CASE3.replace("""
                mpc.gencost = [
                	2	1500	0	3	0.11	5	150	0;
                	1	0	0	2	10	100	110	1100;
                ]';
                mpc.gencost = mpc.gencost';""", """
                mpc.gencost = [
                	2	1
                	1500	0
                	0	0
                	3	2
                	0.11	10
                	5	100
                	150	110
                	0	1100
                ]';""");
        MatpowerCase c = read("case3", text);
        assertThat(c.costs()).hasSize(2);
        assertThat(c.activePowerCost(0).orElseThrow().costAt(100)).isCloseTo(1750.0, within(1e-9));
        assertThat(c.activePowerCost(1).orElseThrow().costAt(60)).isCloseTo(600.0, within(1e-9));
    }

    @Test
    void anAssignmentThatCannotBeEvaluatedIsAnErrorForAFieldThatIsRead() {
        // the first gencost is transposed, then transposed back by an expression this reader cannot run
        assertThatThrownBy(() -> read("case3", CASE3))
                .isInstanceOf(MatpowerFormatException.class)
                .hasMessageContaining("case3:")
                .hasMessageContaining("mpc.gencost");
    }

    @Test
    void readsAFileAndNamesTheCaseAfterIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("three_bus.m");
        Files.writeString(file, CASE3.replace("]';\nmpc.gencost = mpc.gencost';", "];"), StandardCharsets.UTF_8);

        MatpowerCase c = MatpowerCaseReader.read(file);

        assertThat(c.name()).isEqualTo("three_bus");
        assertThat(c.buses()).hasSize(3);
    }

    @Test
    void errorsNameTheFileTheLineAndWhatWasWrong(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.m");
        Files.writeString(file, """
                mpc.version = '2';
                mpc.baseMVA = 100;
                mpc.bus = [
                	1	3	0	0	0	0	1	1	0	345	1	1.1	0.9;
                	2	1	0	0	0	0	1	1	0	345	1	1.1;
                ];
                """, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> MatpowerCaseReader.read(file))
                .isInstanceOf(MatpowerFormatException.class)
                .hasMessage(file + ":5: mpc.bus row 2 has 12 columns, the rows before have 13")
                .satisfies(e -> {
                    MatpowerFormatException error = (MatpowerFormatException) e;
                    assertThat(error.source()).isEqualTo(file.toString());
                    assertThat(error.line()).isEqualTo(5);
                });
    }

    @Test
    void tooFewColumnsIsAnError() {
        assertError(minimal().replace("1\t3\t0\t0\t0\t0\t1\t1\t0\t345\t1\t1.1\t0.9;", "1\t3\t0\t0\t0\t0\t1\t1\t0\t345\t1\t1.1;"),
                "t.m:4: mpc.bus row 1 has 12 columns, at least 13 expected");
    }

    @Test
    void aWordInsideANumericMatrixIsAnError() {
        assertError(minimal().replace("1\t3\t0\t0\t0\t0\t1\t1\t0\t345", "1\t3\t0\t0\t0\t0\t1\t1\t0\tkV345"),
                "t.m:4: mpc.bus: unexpected 'kV345' where a number was expected");
    }

    @Test
    void aNumberGluedToOtherCharactersIsAnError() {
        assertError(minimal().replace("0.01\t0.085", "0.01\t0.085*2"),
                "t.m:12: mpc.branch: unexpected '*2' after an element");
    }

    @Test
    void anUnclosedMatrixNamesTheLineItOpensOn() {
        assertError(minimal().replace("150;\n];\n", "150;\n"), "t.m:14: mpc.gencost: '[' is never closed");
    }

    @Test
    void missingFieldsAreErrors() {
        assertError(minimal().replace("mpc.version = '2';", ""), "t.m: mpc.version is missing (MATPOWER case format version 2 expected)");
        assertError(minimal().replace("mpc.baseMVA = 100;", ""), "t.m: mpc.baseMVA is missing");
    }

    @Test
    void onlyVersionTwoIsRead() {
        assertError(minimal().replace("mpc.version = '2';", "mpc.version = '1';"),
                "t.m:1: mpc.version is '1': only MATPOWER case format version 2 is supported");
    }

    @Test
    void badValuesAreErrors() {
        assertError(minimal().replace("2\t1\t90\t30", "2\t5\t90\t30"),
                "t.m:5: mpc.bus row 2: bus type must be 1 (PQ), 2 (PV), 3 (REF) or 4 (isolated), got 5");
        assertError(minimal().replace("2\t1\t90\t30", "2.5\t1\t90\t30"),
                "t.m:5: mpc.bus row 2 BUS_I must be an integer, got 2.5");
        assertError(minimal().replace("2\t1\t90\t30", "1\t1\t90\t30"), "t.m:5: mpc.bus row 2: bus number 1 appears twice");
        assertError(minimal().replace("mpc.baseMVA = 100;", "mpc.baseMVA = 0;"),
                "t.m:2: mpc.baseMVA must be positive and finite, got 0.0");
    }

    @Test
    void referencesToUnknownBusesAreErrors() {
        assertError(minimal().replace("\t1\t0\t0\t300", "\t7\t0\t0\t300"), "t.m:8: mpc.gen row 1: GEN_BUS 7 is not in mpc.bus");
        assertError(minimal().replace("\t1\t2\t0.01", "\t1\t9\t0.01"), "t.m:12: mpc.branch row 1: bus 9 is not in mpc.bus");
    }

    @Test
    void gencostMustFitTheGenerators() {
        assertError(minimal().replace("\t2\t0\t0\t3\t0.11\t5\t150;", "\t2\t0\t0\t3\t0.11\t5\t150;\n\t2\t0\t0\t3\t0.11\t5\t150;\n\t2\t0\t0\t3\t0.11\t5\t150;"),
                "t.m:14: mpc.gencost has 3 rows, expected 1 (one per generator) or 2 (active and reactive power costs)");
        assertError(minimal().replace("\t2\t0\t0\t3\t0.11\t5\t150;", "\t2\t0\t0\t4\t0.11\t5\t150;"),
                "t.m:15: mpc.gencost row 1: NCOST = 4 coefficients need 8 columns, the row has 7");
        assertError(minimal().replace("\t2\t0\t0\t3\t0.11\t5\t150;", "\t1\t0\t0\t2\t10\t100\t5\t50;"),
                "t.m:15: mpc.gencost row 1: piecewise linear cost points must have strictly increasing MW, but point 2 (5.0 MW)"
                        + " does not exceed point 1 (10.0 MW)");
        assertError(minimal().replace("\t2\t0\t0\t3\t0.11\t5\t150;", "\t3\t0\t0\t3\t0.11\t5\t150;"),
                "t.m:15: mpc.gencost row 1: MODEL must be 1 (piecewise linear) or 2 (polynomial), got 3");
    }

    @Test
    void aStatementChangingAFieldThatIsReadIsAnError() {
        assertError(minimal() + "mpc.bus(2, 3) = 0;\n",
                "t.m:17: unsupported statement changing mpc.bus: only a literal assignment 'mpc.bus = [ ... ];' can be read");
    }

    @Test
    void otherStatementsAndFieldsAreSkipped() {
        MatpowerCase c = read("t", minimal() + """
                define_constants;
                mpc.userfcn = @(x) x';
                mpc.notes = ['a' 'b'; 'c' 'd'];
                x = [1 2
                     3 4];
                return;
                """);

        assertThat(c.buses()).hasSize(2);
        assertThat(c.generators()).hasSize(1);
    }

    @Test
    void windowsLineEndsAreRead() {
        MatpowerCase c = read("t", minimal().replace("\n", "\r\n"));

        assertThat(c.buses()).hasSize(2);
        assertThat(c.buses().get(1).vminPu()).isEqualTo(0.9);
        assertThat(c.branches().get(0).angMaxDeg()).isEqualTo(360.0);
    }

    @Test
    void costsAreOptional() {
        MatpowerCase c = read("t", minimal().replace("mpc.gencost = [\n\t2\t0\t0\t3\t0.11\t5\t150;\n];\n", ""));

        assertThat(c.costs()).isEmpty();
        assertThat(c.activePowerCost(0)).isEmpty();
    }

    @Test
    void twoCostRowsPerGeneratorAreActiveThenReactive() {
        MatpowerCase c = read("t", minimal().replace("\t2\t0\t0\t3\t0.11\t5\t150;", "\t2\t0\t0\t3\t0.11\t5\t150;\n\t2\t0\t0\t2\t1\t0\t0;"));

        assertThat(c.activePowerCost(0).orElseThrow().costAt(10)).isCloseTo(11 + 50 + 150, within(1e-12));
        assertThat(c.reactivePowerCost(0).orElseThrow().costAt(-20)).isCloseTo(-20, within(1e-12));
    }

    /** A valid 2-bus case: line numbers matter to the error tests. */
    private static String minimal() {
        return """
                mpc.version = '2';
                mpc.baseMVA = 100;
                mpc.bus = [
                	1	3	0	0	0	0	1	1	0	345	1	1.1	0.9;
                	2	1	90	30	0	0	1	1	0	345	1	1.1	0.9;
                ];
                mpc.gen = [
                	1	0	0	300	-300	1	100	1	250	10;
                ];
                %% branches
                mpc.branch = [
                	1	2	0.01	0.085	0.176	250	250	250	0	0	1	-360	360;
                ];
                mpc.gencost = [
                	2	0	0	3	0.11	5	150;
                ];
                """;
    }

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> read("t.m", text)).isInstanceOf(MatpowerFormatException.class).hasMessage(message);
    }

    private static MatpowerCase read(String name, String text) {
        return MatpowerCaseReader.read(name, new StringReader(text));
    }
}
