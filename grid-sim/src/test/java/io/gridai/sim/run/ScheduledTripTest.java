package io.gridai.sim.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.sim.twin.GridTwin;
import io.gridai.sim.twin.TickResult;

/** {@code GridTwinMain --trip ASSET@DURATION,...}: parsed, explained when wrong, and applied at its grid time. */
class ScheduledTripTest {

    @Test
    void readsAssetsAndDurationsAfterTheStart() {
        assertThat(ScheduledTrip.parseList("gen-2-1@PT60S, gen-10-1@PT1H30M", "--trip")).containsExactly(
                new ScheduledTrip(AssetId.of("gen-2-1"), Duration.ofSeconds(60)),
                new ScheduledTrip(AssetId.of("gen-10-1"), Duration.ofMinutes(90)));
        assertThat(ScheduledTrip.parseList(null, "--trip")).isEmpty();
        assertThat(ScheduledTrip.parseList(" ", "--trip")).isEmpty();
        assertThat(new ScheduledTrip(AssetId.of("gen-2-1"), Duration.ofSeconds(60)).at(Instant.parse("2020-07-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2020-07-01T00:01:00Z"));
    }

    @Test
    void badItemsAreExplained() {
        assertThatThrownBy(() -> ScheduledTrip.parseList("gen-2-1", "--trip"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--trip item 'gen-2-1' is not ASSET@DURATION");
        assertThatThrownBy(() -> ScheduledTrip.parseList("gen-2-1@60s", "--trip"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'60s' is not an ISO-8601 duration");
        assertThatThrownBy(() -> ScheduledTrip.parseList("gen-2-1@PT-5S", "--trip"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> ScheduledTrip.parseList("@PT5S", "--trip"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not ASSET@DURATION");
    }

    @Test
    void aScheduledTripTakesEffectAtTheTickThatReachesItsTime() {
        TwinScenario scenario = TwinScenario.choose(Map.of("--shared-data", "/nonexistent/gridai-data"));
        Duration tick = Duration.ofSeconds(20);
        GridTwin twin = scenario.twin(tick);
        AssetId unit = twin.controllableAssets().stream()
                .max(Comparator.comparingDouble(a -> twin.outputMw(a).orElseThrow())).orElseThrow();
        List<ScheduledTrip> trips = ScheduledTrip.parseList(unit.value() + "@PT60S", "--trip");
        trips.forEach(t -> t.scheduleOn(twin, scenario.start()));
        for (int k = 1; k <= 5; k++) {
            TickResult result = twin.tick(scenario.start().plus(tick.multipliedBy(k)));
            double p = result.measurements().stream()
                    .filter(m -> m.asset().equals(unit) && m.kind() == MeasurementKind.ACTIVE_POWER)
                    .mapToDouble(Measurement::value).findFirst().orElseThrow();
            if (k < 3) {
                assertThat(p).as("%s at +%d s, before its trip", unit, 20 * k).isPositive();
            } else {
                assertThat(p).as("%s at +%d s, from its trip at +60 s", unit, 20 * k).isZero();
            }
        }

        GridTwin another = scenario.twin(tick);
        AssetId slack = another.slackAssets().get(0);
        assertThatThrownBy(() -> ScheduledTrip.parseList(slack.value() + "@PT1S", "--trip")
                .forEach(t -> t.scheduleOn(another, scenario.start())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slack unit");
    }
}
