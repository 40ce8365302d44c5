package io.gridai.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.gridai.model.id.AssetId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared setpoint envelope over a case's generators as the twin names them ({@link CaseGenerators},
 * {@link GridAssetNames}), each check refusing with its reason, and the naming on a small case and the shared RTS case.
 */
class SetpointEnvelopeTest {

    /** Bus 1 is the reference; two units at bus 2 (ramp 1 MW/min, the other the default); one out of service at 3. */
    static final String CASE = String.join("\n",
            "function mpc = small",
            "mpc.version = '2';",
            "mpc.baseMVA = 100;",
            "mpc.bus = [",
            "  1 3 0 0 0 0 1 1 0 230 1 1.1 0.9;",
            "  2 2 0 0 0 0 1 1 0 230 1 1.1 0.9;",
            "  3 1 150 0 0 0 2 1 0 230 1 1.1 0.9;",
            "];",
            "mpc.gen = [",
            "  1 100 0 300 -300 1 100 1 200 0 0 0 0 0 0 0 0 0 0 0 0;",
            "  2 50 0 300 -300 1 100 1 100 20 0 0 0 0 0 0 1 0 0 0 0;",
            "  2 50 0 300 -300 1 100 1 100 10 0 0 0 0 0 0 0 0 0 0 0;",
            "  3 0 0 300 -300 1 100 0 100 0 0 0 0 0 0 0 0 0 0 0 0;",
            "];",
            "mpc.branch = [",
            "  1 2 0 0.1 0 100 0 0 0 0 1 -360 360;",
            "  1 2 0 0.1 0 100 0 0 0 0 1 -360 360;",
            "  2 3 0 0.1 0 100 0 0 0 0 1 -360 360;",
            "];",
            "");

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final MatpowerCase source = MatpowerCaseReader.read("small", new StringReader(CASE));
    private final Map<String, SetpointEnvelope.Reading> measured = new HashMap<>();

    private SetpointEnvelope envelope(List<CaseGenerators.CaseGenerator> units, List<BatteryPlacement> batteries) {
        SetpointEnvelope.Grid grid = new SetpointEnvelope.Grid() {
            @Override
            public String caseName() {
                return "small";
            }

            @Override
            public Optional<SetpointEnvelope.Unit> unit(String asset) {
                return units.stream().filter(u -> u.asset().value().equals(asset)).findFirst()
                        .map(u -> new SetpointEnvelope.Unit(asset, u.pminMw(), u.pmaxMw(), u.rampMwPerHour(), u.slack()));
            }

            @Override
            public Optional<BatteryPlacement> battery(String asset) {
                return batteries.stream().filter(b -> b.asset().value().equals(asset)).findFirst();
            }
        };
        return new SetpointEnvelope(grid, (asset, now) -> Optional.ofNullable(measured.get(asset)), 0.01, "batteries-key",
                "max-age-key");
    }

    @Test
    void generatorsAreNamedAsTheTwinNamesThem() {
        List<CaseGenerators.CaseGenerator> units = CaseGenerators.of(source, GeneratorNamesFile.none(), 0.02);
        assertThat(units).extracting(u -> u.asset().value()).containsExactly("gen-1-1", "gen-2-1", "gen-2-2");
        assertThat(units.get(0).slack()).isTrue();
        assertThat(units.get(0).rampMwPerHour()).isInfinite();
        assertThat(units.get(1).rampMwPerHour()).isEqualTo(60.0);
        assertThat(units.get(2).rampMwPerHour()).isEqualTo(0.02 * 100 * 60);
        assertThat(GridAssetNames.branches(source)).extracting(AssetId::value)
                .containsExactly("branch-1-2", "branch-1-2-2", "branch-2-3");
    }

    @Test
    void aNamingFileNamesAndLeavesOutRows(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("names.csv"), "row,asset\n2,gen-unit-a\n3,-\n");
        List<CaseGenerators.CaseGenerator> units = CaseGenerators.of(source, GeneratorNamesFile.read(file, 4, "key"), 0.02);
        assertThat(units).extracting(u -> u.asset().value()).containsExactly("gen-1-1", "gen-unit-a");
    }

    @Test
    void eachCheckRefusesWithItsReason() {
        SetpointEnvelope e = envelope(CaseGenerators.of(source, GeneratorNamesFile.none(), 0.02),
                List.of(new BatteryPlacement(AssetId.of("bess-a"), 3, 40, 10, 0.5)));
        Duration quarter = Duration.ofMinutes(15);
        SetpointEnvelope.Kind gen = SetpointEnvelope.Kind.GENERATOR;
        assertThat(e.check("gen-2-1", gen, Double.NaN, NOW, quarter)).hasValueSatisfying(r -> assertThat(r).contains("finite"));
        assertThat(e.check("gen-1-1", gen, 50, NOW, quarter)).hasValueSatisfying(r -> assertThat(r).contains("slack"));
        assertThat(e.check("gen-9-1", gen, 50, NOW, quarter)).hasValueSatisfying(r -> assertThat(r).contains("not a generator of case small"));
        assertThat(e.check("gen-2-1", gen, 10, NOW, quarter)).hasValueSatisfying(r -> assertThat(r).contains("[20.000, 100.000]"));
        assertThat(e.check("gen-2-1", SetpointEnvelope.Kind.RENEWABLE, 10, NOW, quarter)).isEmpty();
        assertThat(e.check("gen-2-1", gen, 60, NOW, quarter)).hasValueSatisfying(r -> assertThat(r).contains("max-age-key"));
        measured.put("gen-2-1", new SetpointEnvelope.Reading(50, NOW));
        assertThat(e.check("gen-2-1", gen, 65, NOW, quarter)).isEmpty();
        assertThat(e.check("gen-2-1", gen, 65.5, NOW, quarter)).hasValueSatisfying(r -> assertThat(r)
                .contains("not reachable from the measured 50.000 MW").contains("at most 15.000 MW away"));
        assertThat(e.check("bess-a", SetpointEnvelope.Kind.BATTERY, -10, NOW, quarter)).isEmpty();
        assertThat(e.check("bess-a", SetpointEnvelope.Kind.BATTERY, 12, NOW, quarter)).hasValueSatisfying(r -> assertThat(r)
                .contains("power limit of 10.000 MW"));
        assertThat(e.check("bess-b", SetpointEnvelope.Kind.BATTERY, 1, NOW, quarter)).contains("not a battery of batteries-key");
    }

    @Test
    void theSharedRtsCaseHasUniqueNames() {
        MatpowerCase rts = SharedCases.read("case24_ieee_rts");
        List<CaseGenerators.CaseGenerator> units = CaseGenerators.of(rts, GeneratorNamesFile.none(), 0.02);
        assertThat(units).hasSize((int) rts.generators().stream().filter(MatpowerGenerator::inService).count());
        assertThat(units).extracting(u -> u.asset().value()).doesNotHaveDuplicates().allMatch(a -> a.matches("gen-\\d+-\\d+"));
        assertThat(units).filteredOn(CaseGenerators.CaseGenerator::slack)
                .allMatch(u -> rts.bus(u.busNumber()).orElseThrow().type() == BusType.REF).isNotEmpty();
        assertThat(GridAssetNames.branches(rts)).hasSize(rts.branches().size()).doesNotHaveDuplicates();
    }
}
