package io.gridai.dispatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.dispatch.opf.DcOpf;
import io.gridai.dispatch.opf.DispatchSettings;
import io.gridai.dispatch.opf.dc.DcNetwork;
import io.gridai.model.Measurement;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointAck;
import io.gridai.model.SetpointAckStatus;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.network.MatpowerBranch;
import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerCaseReader;
import io.gridai.sim.clock.SimClock;
import io.gridai.sim.run.GridTwinRunner;
import io.gridai.sim.run.KafkaTwinLink;
import io.gridai.sim.twin.GridTwin;
import io.gridai.sim.twin.LoadShape;
import io.gridai.sim.twin.ShapedCaseDrivers;
import io.gridai.sim.twin.TwinSettings;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The closed loop: the real grid twin (AC power flow on {@code case9_dispatch}, constant load, no imperfections,
 * 5-second ticks at x300) in this JVM, talking to the service only through the embedded broker. The service follows
 * the twin's clock (telemetry event time), plans 15-minute periods and re-solves every 5 grid minutes. A forecast goes
 * in; the twin acknowledges the service's setpoints, its units ramp to the DC optimum, and no branch's AC loading
 * exceeds its rating by more than the DC approximation's margin.
 */
@QuarkusTest
@TestProfile(ClosedLoopTwinTest.TwinClock.class)
@WithTestResource(KafkaBrokerTestResource.class)
class ClosedLoopTwinTest {

    /**
     * How far the twin's AC loading (|S| at the worse end over RATE_A, in % points) may exceed the DC loading of the
     * dispatch (|P| over RATE_A): losses and reactive flow, which the DC model leaves out. Measured on this case at the
     * converged dispatch: +3.5 % points at most (branch 9-4), the binding 8-9 at 102.2 % (README, "DC versus AC"); this
     * allows that figure plus 1 % point.
     */
    static final double DC_AC_MARGIN_PERCENT = 4.5;
    /** How close a unit's measured output must come to its target, MW. */
    static final double TARGET_TOLERANCE_MW = 0.05;

    private static final Path CASE = Path.of("src/test/resources/case9_dispatch.m");
    private static final Duration TICK = Duration.ofSeconds(5);
    private static final double SPEED = 300;

    /** The service on the twin's clock, with short periods so that the loop converges in grid minutes. */
    public static class TwinClock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gridai.dispatch.clock", "telemetry",
                    "gridai.dispatch.horizon.period-length", "PT15M",
                    "gridai.dispatch.horizon.periods", "4",
                    "gridai.dispatch.triggers.every", "PT5M",
                    "gridai.dispatch.inputs.max-state-age", "PT1M",
                    "gridai.dispatch.setpoints.grace", "PT5M");
        }
    }

    @Test
    void theTwinFollowsTheDispatchToTheOptimumWithinBranchRatings() throws Exception {
        MatpowerCase c = MatpowerCaseReader.read(CASE);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        GridTwin twin = new GridTwin(c, new ShapedCaseDrivers(c, LoadShape.constant(), "constant"), TwinSettings.defaults().withTick(TICK), t0);
        assertThat(twin.slackAssets()).extracting(a -> a.value()).containsExactly("gen-1-1");
        double[] optimum;
        try (DcNetwork network = DcNetwork.of(c)) {
            optimum = DcOpf.solve(network, DispatchSettings.defaults()).pgMw();
        }

        try (KafkaTwinLink link = new KafkaTwinLink(KafkaBrokerTestResource.bootstrapServers(), "grid-sim-closed-loop");
                Observer seen = new Observer()) {
            GridTwinRunner runner = new GridTwinRunner(twin, SimClock.of(t0, TICK, SPEED), link);
            CompletableFuture<?> running = CompletableFuture.runAsync(() -> runner.run(Long.MAX_VALUE));
            try {
                Send.forecasts(Send.zoneLoad("zone-1", t0, 190, 6, "closed-loop"), Send.zoneLoad("zone-2", t0, 125, 6, "closed-loop"));

                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    seen.poll();
                    for (String unit : List.of("gen-2-1", "gen-3-1")) {
                        Setpoint last = seen.lastSetpoint.get(unit);
                        assertThat(last).as("a setpoint for " + unit).isNotNull();
                        assertThat(seen.power.get(unit)).as(unit + " measured vs its target").isCloseTo(last.target(),
                                within(TARGET_TOLERANCE_MW));
                    }
                    assertThat(seen.lastSetpoint.get("gen-2-1").target()).isCloseTo(optimum[1], within(1e-3));
                    assertThat(seen.lastSetpoint.get("gen-3-1").target()).isCloseTo(optimum[2], within(1e-3));
                });
            } finally {
                runner.stop();
                running.get(30, TimeUnit.SECONDS);
            }

            // every setpoint came from the optimiser for a dispatchable unit and was applied
            assertThat(seen.setpoints).isNotEmpty().allSatisfy(s -> {
                assertThat(s.issuedBy()).isEqualTo("dispatch-optimizer");
                assertThat(s.asset().value()).isIn("gen-2-1", "gen-3-1");
            });
            assertThat(seen.acks).isNotEmpty().allSatisfy(a -> {
                assertThat(a.status()).as(a.asset() + " " + a.reason()).isIn(SetpointAckStatus.ACCEPTED, SetpointAckStatus.CLIPPED,
                        SetpointAckStatus.EXPIRED);
                if (a.status() == SetpointAckStatus.CLIPPED) {
                    assertThat(a.reason()).isNotBlank();
                }
            });
            assertThat(seen.acks).filteredOn(a -> a.status() == SetpointAckStatus.ACCEPTED).isNotEmpty();

            // AC loading of the last tick against the DC loading of the dispatch it runs
            Map<String, Double> dcLoading = dcLoading(c, seen.lastSetpoint.get("gen-2-1").target(), seen.lastSetpoint.get("gen-3-1").target());
            double worstAc = 0;
            double worstExcess = Double.NEGATIVE_INFINITY;
            StringBuilder table = new StringBuilder("branch  DC%  AC%  AC-DC\n");
            for (var e : dcLoading.entrySet()) {
                double ac = seen.loading.get(e.getKey());
                worstAc = Math.max(worstAc, ac);
                worstExcess = Math.max(worstExcess, ac - e.getValue());
                table.append(String.format(Locale.ROOT, "%s %.2f %.2f %+.2f%n", e.getKey(), e.getValue(), ac, ac - e.getValue()));
            }
            System.out.printf("DC vs AC loading at the converged dispatch (twin's last tick %s):%n%smax AC %.2f %%, max AC-DC %+.2f %% points%n",
                    seen.lastTick, table, worstAc, worstExcess);
            assertThat(worstAc).as("AC loading of the most loaded branch, %").isLessThanOrEqualTo(100 + DC_AC_MARGIN_PERCENT);
            assertThat(worstExcess).as("AC minus DC loading, % points").isLessThanOrEqualTo(DC_AC_MARGIN_PERCENT);
        }
    }

    /** DC loading (% of RATE_A) of each rated branch, by the twin's asset id, for the dispatch (slack = the rest). */
    private static Map<String, Double> dcLoading(MatpowerCase c, double gen2, double gen3) {
        Map<String, Double> out = new TreeMap<>();
        try (DcNetwork n = DcNetwork.of(c)) {
            double[] inj = new double[n.busCount()];
            double demand = 0;
            for (int i = 0; i < inj.length; i++) {
                inj[i] = -n.fixedDemandMw(i);
                demand += n.fixedDemandMw(i);
            }
            inj[n.busIndex(2)] += gen2;
            inj[n.busIndex(3)] += gen3;
            inj[n.busIndex(1)] += demand - gen2 - gen3;
            double[] flows = n.flowsMw(n.anglesRad(inj));
            for (int l = 0; l < n.branchCount(); l++) {
                MatpowerBranch b = c.branches().get(n.branchCaseIndex(l));
                if (n.rateMw(l) > 0) {
                    out.put("branch-" + b.fromBus() + "-" + b.toBus(), 100 * Math.abs(flows[l]) / n.rateMw(l));
                }
            }
        }
        return out;
    }

    /** Reads what the loop writes: the twin's telemetry and acks, the service's setpoints. */
    private static final class Observer implements AutoCloseable {
        final Map<String, Double> power = new HashMap<>();
        final Map<String, Double> loading = new HashMap<>();
        final Map<String, Setpoint> lastSetpoint = new HashMap<>();
        final List<Setpoint> setpoints = new ArrayList<>();
        final List<SetpointAck> acks = new ArrayList<>();
        Instant lastTick = Instant.EPOCH;
        private final KafkaConsumer<byte[], byte[]> consumer;

        Observer() {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerTestResource.bootstrapServers());
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000);
            consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> parts = new ArrayList<>();
            for (String topic : List.of(Topics.TELEMETRY_RAW.name(), Topics.GRID_SETPOINTS.name(), Topics.GRID_SETPOINT_ACKS.name())) {
                consumer.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
        }

        void poll() {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                if (r.topic().equals(Topics.TELEMETRY_RAW.name())) {
                    Measurement m = Topics.TELEMETRY_RAW.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    if (m.eventTime().isAfter(lastTick)) {
                        lastTick = m.eventTime();
                    }
                    if (m.kind() == MeasurementKind.ACTIVE_POWER && m.asset().value().startsWith("gen-")) {
                        power.put(m.asset().value(), m.value());
                    } else if (m.kind() == MeasurementKind.BRANCH_LOADING) {
                        loading.put(m.asset().value(), m.value());
                    }
                } else if (r.topic().equals(Topics.GRID_SETPOINTS.name())) {
                    Setpoint s = Topics.GRID_SETPOINTS.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    setpoints.add(s);
                    lastSetpoint.merge(s.asset().value(), s, (a, b) -> b.issuedAt().isBefore(a.issuedAt()) ? a : b);
                } else {
                    acks.add(Topics.GRID_SETPOINT_ACKS.valueSerde().deserializer().deserialize(r.topic(), r.value()));
                }
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
