package io.gridai.storage.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerCaseReader;
import io.gridai.sim.clock.SimClock;
import io.gridai.sim.run.GridTwinRunner;
import io.gridai.sim.run.KafkaTwinLink;
import io.gridai.sim.twin.BatterySpec;
import io.gridai.sim.twin.GridTwin;
import io.gridai.sim.twin.LoadShape;
import io.gridai.sim.twin.ShapedCaseDrivers;
import io.gridai.sim.twin.TickResult;
import io.gridai.sim.twin.TwinSettings;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The closed loop of the acceptance: the real grid twin (AC power flow on {@code case9_trip}, 820 MW of generation
 * rating, constant load, 1-second ticks in real time) in this JVM, talking to the storage manager only through the
 * embedded broker; a 50 MW / 100 MWh battery at bus 5 with all of its power as frequency reserve (droop
 * 50 MW / (0.5 − 0.015) Hz). Generator 3 (100 MW) trips. The same twin without the manager (the battery idle, run
 * in-process with the same physics) gives the reference nadir.
 */
@QuarkusTest
@TestProfile(FrequencyResponseTwinTest.TwinFleet.class)
@WithTestResource(KafkaBrokerTestResource.class)
class FrequencyResponseTwinTest {

    private static final Logger LOG = Logger.getLogger(FrequencyResponseTwinTest.class);
    private static final Path CASE = Path.of("src/test/resources/case9_trip.m");
    private static final AssetId BATTERY = AssetId.of("bess-5");
    private static final AssetId TRIPPED = AssetId.of("gen-3-1");
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final int TRIP_AFTER_TICKS = 6;
    private static final int TICKS = 30;
    private static final double DEAD_BAND_HZ = 0.015;

    /** The twin's battery, all of it on frequency response; the manager on the twin's clock. */
    public static class TwinFleet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gridai.storage.fleet.batteries", "bess-5@5:100:50:0.5",
                    "gridai.storage.response.reserve-fraction", "1.0",
                    "gridai.storage.clock", "telemetry",
                    "gridai.storage.telemetry.estimate-after", "PT5S",
                    "gridai.storage.telemetry.safe-after", "PT30S",
                    "gridai.storage.response.max-frequency-age", "PT5S",
                    "gridai.storage.check-interval", "PT1S");
        }
    }

    @Test
    void theFleetLiftsTheNadirOfA100MwTripAndStartsWithinOneTelemetryInterval() throws Exception {
        MatpowerCase c = MatpowerCaseReader.read(CASE);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TwinSettings settings = TwinSettings.defaults().withTick(TICK).withBatteries(List.of(
                new BatterySpec(BATTERY, 5, 100, 50, 50, 0.95, 0.95, 0.05, 0.95, 0.5)));
        Instant trip = t0.plus(TICK.multipliedBy(TRIP_AFTER_TICKS));

        // Without the manager: the same twin, the battery at rest.
        GridTwin alone = new GridTwin(c, new ShapedCaseDrivers(c, LoadShape.constant(), "constant"), settings, t0);
        alone.trip(TRIPPED, trip);
        List<Tick> without = new ArrayList<>();
        for (int k = 1; k <= TICKS; k++) {
            without.add(Tick.of(alone.tick(t0.plus(TICK.multipliedBy(k)))));
        }

        // With the manager, through Kafka, in real time.
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        GridTwin twin = new GridTwin(c, new ShapedCaseDrivers(c, LoadShape.constant(), "constant"), settings, t0);
        twin.trip(TRIPPED, trip);
        List<Tick> with = new ArrayList<>();
        try (KafkaTwinLink link = new KafkaTwinLink(KafkaBrokerTestResource.bootstrapServers(), "grid-sim-ffr")) {
            new GridTwinRunner(twin, SimClock.of(t0, TICK, 1), link).run(TICKS, r -> with.add(Tick.of(r)));
        }

        double nadirWithout = without.stream().mapToDouble(Tick::hz).min().orElseThrow();
        double nadirWith = with.stream().mapToDouble(Tick::hz).min().orElseThrow();
        int first = firstBeyondDeadBand(with);
        LOG.infof("100 MW trip on case9_trip: nadir without the fleet %.4f Hz, with it %.4f Hz; frequency left the dead"
                + " band at tick %d (%.4f Hz); battery output at ticks %d..%d: %s", nadirWithout, nadirWith, first,
                with.get(first).hz(), first, first + 3, with.subList(first, first + 4).stream()
                        .map(t -> String.format(Locale.ROOT, "%.2f", t.batteryMw())).toList());

        assertThat(without.get(TRIP_AFTER_TICKS - 2).hz()).as("before the trip").isEqualTo(60.0);
        assertThat(nadirWithout).as("the trip without the fleet").isLessThan(60 - 0.2);
        assertThat(without).as("the idle battery").allSatisfy(t -> assertThat(t.batteryMw()).isZero());
        assertThat(60 - nadirWith).as("nadir deviation with the fleet vs without (%.4f Hz)", 60 - nadirWithout)
                .isLessThan(0.9 * (60 - nadirWithout));
        // The response starts within one telemetry interval: the tick after the first reading beyond the dead band.
        assertThat(with.get(first + 1).batteryMw()).as("battery output one tick after %s Hz", with.get(first).hz())
                .isGreaterThan(1.0);
        assertThat(with.subList(0, first)).as("the battery rests until the frequency leaves the dead band")
                .allSatisfy(t -> assertThat(t.batteryMw()).isZero());
        given().get("/storage/units/bess-5").then().statusCode(200);
    }

    private static int firstBeyondDeadBand(List<Tick> ticks) {
        for (int i = 0; i < ticks.size(); i++) {
            if (Math.abs(ticks.get(i).hz() - 60) > DEAD_BAND_HZ) {
                return i;
            }
        }
        throw new AssertionError("the frequency never left the dead band: " + ticks);
    }

    /** What one tick reported: the system frequency and the battery's output, as measured. */
    record Tick(Instant time, double hz, double batteryMw) {

        static Tick of(TickResult r) {
            double hz = Double.NaN;
            double mw = Double.NaN;
            for (Measurement m : r.measurements()) {
                if (m.kind() == MeasurementKind.FREQUENCY) {
                    hz = m.value();
                } else if (m.asset().equals(BATTERY) && m.kind() == MeasurementKind.ACTIVE_POWER) {
                    mw = m.value();
                }
            }
            return new Tick(r.time(), hz, mw);
        }
    }
}
