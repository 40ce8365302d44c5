package io.gridai.service.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.model.id.ZoneId;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The case9 copy in {@code grid/case9_live.m}: buses 1-8 in area 1, bus 9 in area 2; branch 8-9 rated 60 MVA. */
class GridCaseTest {

    private static final Path CASE = Path.of("src/test/resources/grid/case9_live.m");

    private static GridCase.Settings settings(Optional<Path> file, String batteries, String zoneTemplate) {
        return new GridCase.Settings(file, Optional.empty(), batteries, 0.02, zoneTemplate, "gridai.test.grid",
                "nothing works");
    }

    @Test
    void readsTheCaseUnderTheTwinsAssetIdsWithZonesAndBatteries() {
        GridCase.Loaded g = new GridCase(settings(Optional.of(CASE), "bess-1@5:100:25", "zone-{area}")).get()
                .orElseThrow();

        assertThat(g.source().name()).isEqualTo("case9_live");
        assertThat(g.buses()).hasSize(9);
        assertThat(g.branches()).hasSize(9);
        assertThat(g.generators()).extracting(gen -> gen.asset().value()).containsExactly("gen-1-1", "gen-2-1", "gen-3-1");
        assertThat(g.zoneOf("bus-9")).contains(ZoneId.of("zone-2"));
        assertThat(g.zoneOf("load-5")).contains(ZoneId.of("zone-1"));
        assertThat(g.zoneOf("bess-1")).contains(ZoneId.of("zone-1"));
        assertThat(g.zoneOf("gen-3-1")).contains(ZoneId.of("zone-1"));
        assertThat(g.zoneOf("gen-9-9")).isEmpty();
        assertThat(g.controllable("gen-2-1")).isTrue();
        assertThat(g.controllable("bess-1")).isTrue();
        assertThat(g.controllable("bus-5")).isFalse();
        assertThat(g.envelopeGrid().unit("gen-2-1")).hasValueSatisfying(u -> assertThat(u.pmaxMw()).isEqualTo(300.0));
    }

    @Test
    void withoutACaseFileThereIsNoCaseAndTheRefusalNamesTheServicesKeys() {
        assertThat(new GridCase(settings(Optional.empty(), "none", "zone-{area}")).get()).isEmpty();
        assertThat(GridCase.notConfigured("gridai.test.grid")).contains("set gridai.test.grid.case-file to the MATPOWER")
                .contains("gridai.test.grid.generator-names and .batteries");
    }

    @Test
    void aCaseThatCannotBeUsedIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new GridCase(settings(Optional.of(CASE), "bess-1@99:100:25", "zone-{area}")))
                .isInstanceOf(GridCase.UnusableCaseException.class)
                .hasMessageStartingWith("gridai.test.grid.case-file " + CASE + " cannot be used")
                .hasMessageContaining("fix gridai.test.grid.batteries");
        assertThatThrownBy(() -> new GridCase(settings(Optional.of(CASE), "none", "zone")))
                .isInstanceOf(GridCase.UnusableCaseException.class)
                .hasMessageContaining("gridai.test.grid.zone-template 'zone' has no {area}");
        assertThatThrownBy(() -> new GridCase(settings(Optional.of(Path.of("no-such-case.m")), "none", "zone-{area}")))
                .isInstanceOf(GridCase.UnusableCaseException.class).hasMessageContaining("does not exist");
    }
}
