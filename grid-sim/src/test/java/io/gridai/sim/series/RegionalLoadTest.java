package io.gridai.sim.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegionalLoadTest {

    private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");

    private static RegionalLoad twoRegions() {
        Map<String, TimeSeries> regions = new LinkedHashMap<>();
        regions.put("1", new TimeSeries(T0, Duration.ofHours(1), new double[] {100, 200}));
        regions.put("2", new TimeSeries(T0, Duration.ofHours(1), new double[] {1000, 1000}));
        return new RegionalLoad(regions);
    }

    @Test
    void givesEachRegionsMwAndTheTotal() {
        RegionalLoad load = twoRegions();
        Instant halfPast = T0.plus(Duration.ofMinutes(30));
        assertThat(load.regions()).containsExactly("1", "2");
        assertThat(load.regionMw("1", halfPast)).isCloseTo(150.0, within(1e-12));
        assertThat(load.totalMw(halfPast)).isCloseTo(1150.0, within(1e-12));
    }

    @Test
    void namesTheKnownRegionsForAnUnknownOne() {
        assertThatThrownBy(() -> twoRegions().regionMw("4", T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown region '4'").hasMessageContaining("[1, 2]");
    }

    @Test
    void isNotChangedThroughTheMapItWasBuiltFrom() {
        Map<String, TimeSeries> regions = new HashMap<>(twoRegions().byRegion());
        RegionalLoad load = new RegionalLoad(regions);
        regions.remove("1");
        assertThat(load.regions()).containsExactlyInAnyOrder("1", "2");
        assertThatThrownBy(() -> load.byRegion().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
