package io.gridai.protocols.live.c37118;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import io.gridai.protocols.c37118.CommandFrame;
import io.gridai.protocols.c37118.DataFrame;
import io.gridai.protocols.c37118.FrameEncoder;
import io.gridai.protocols.c37118.FrameType;
import io.gridai.protocols.c37118.Header;
import io.gridai.protocols.live.c37118.PmuClient.ErrorReason;
import io.gridai.protocols.live.c37118.PmuClientSettings.Transport;

/** {@link PmuClient} against a {@link io.gridai.protocols.live.c37118.sim.SimulatedPmu} over TCP on loopback. */
class PmuClientTcpTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private PmuBench bench;

    private PmuBench bench(UnaryOperator<PmuClientSettings> tweak) {
        bench = new PmuBench(Transport.TCP, tweak);
        return bench;
    }

    @AfterEach
    void close() {
        if (bench != null) {
            bench.close();
        }
    }

    @Test
    void getsTheCfg2ThenDataAtTheRateWithTheValuesAndTimesThePmuSent() {
        PmuBench b = bench(s -> s);
        await().atMost(WAIT).until(() -> b.dataFrames() > 0);
        assertThat(b.client.config().header().type()).isEqualTo(FrameType.CFG2);
        assertThat(b.client.config().pmus()).isEqualTo(b.pmu.config().pmus());
        assertThat(b.pmu.commandsReceived(CommandFrame.SEND_CFG2)).isEqualTo(1);
        assertThat(b.pmu.commandsReceived(CommandFrame.DATA_ON)).isEqualTo(1);

        long n0 = b.dataFrames();
        long t0 = System.nanoTime();
        long want = 3 * PmuBench.RATE;
        await().atMost(WAIT).until(() -> b.dataFrames() - n0 >= want);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double rate = (b.dataFrames() - n0) / seconds;
        System.out.printf("pmu_client_test transport=TCP frames=%d seconds=%.2f rate=%.1f%n", b.dataFrames() - n0, seconds, rate);
        assertThat(rate).isGreaterThanOrEqualTo(25);

        b.assertValuesAsSent();
        // 2 PMU blocks × (VOLTAGE, VOLTAGE_ANGLE, CURRENT, FREQUENCY, ROCOF) per frame
        assertThat(b.client.counters().measurements()).isEqualTo(b.dataFrames() * 10);
        assertThat(b.received).extracting(Measurement::quality).allSatisfy(q -> assertThat(q).isEmpty());
        assertThat(b.client.counters().errors().values()).allMatch(n -> n == 0);
    }

    @Test
    void cfg3WhenConfigured() {
        PmuBench b = bench(s -> s.withCfg3(true));
        await().atMost(WAIT).until(() -> b.dataFrames() > 10);
        assertThat(b.client.config().header().type()).isEqualTo(FrameType.CFG3);
        assertThat(b.pmu.commandsReceived(CommandFrame.SEND_CFG3)).isEqualTo(1);
        b.assertValuesAsSent();
    }

    @Test
    void headerOnRequest() {
        PmuBench b = bench(s -> s);
        b.pmu.setHeaderText("Substation A 400 kV, bay 3");
        await().atMost(WAIT).until(() -> b.dataFrames() > 0);
        b.client.requestHeader();
        await().atMost(WAIT).until(() -> b.client.header() != null);
        assertThat(b.client.header()).isEqualTo("Substation A 400 kV, bay 3");
    }

    @Test
    void statDataErrorMakesThatPmusValuesSuspect() {
        PmuBench b = bench(s -> s);
        await().atMost(WAIT).until(() -> b.dataFrames() > 0);
        b.pmu.setStat(0, 0x8000); // data error 2: PMU in test mode
        await().atMost(WAIT).until(() -> b.received.stream().anyMatch(m -> m.quality().contains(QualityFlag.SUSPECT)));
        long before = b.dataFrames();
        await().atMost(WAIT).until(() -> b.dataFrames() > before + 3);
        List<Measurement> suspect = b.received.stream().filter(m -> !m.quality().isEmpty()).toList();
        assertThat(suspect).allSatisfy(m -> {
            assertThat(m.asset().value()).startsWith("pmu-11");
            assertThat(m.quality()).containsExactly(QualityFlag.SUSPECT);
        });
        assertThat(b.received).filteredOn(m -> m.asset().value().startsWith("pmu-12"))
                .allSatisfy(m -> assertThat(m.quality()).isEmpty());
    }

    @Test
    void reconnectsWhenThePmuClosesTheConnectionAndDataResumes() {
        PmuBench b = bench(s -> s);
        await().atMost(WAIT).until(() -> b.dataFrames() > 5);
        b.pmu.dropConnections();
        await().atMost(WAIT).until(() -> b.client.counters().reconnects() >= 1);
        long after = b.dataFrames();
        await().atMost(WAIT).until(() -> b.dataFrames() > after + PmuBench.RATE);
        assertThat(b.client.counters().errors(ErrorReason.CONNECTION_LOST)).isGreaterThanOrEqualTo(1);
        assertThat(b.pmu.commandsReceived(CommandFrame.SEND_CFG2)).isGreaterThanOrEqualTo(2);
        b.assertValuesAsSent();
    }

    @Test
    void garbageAndBadCrcFramesAreCountedAndTheStreamGoesOn() {
        PmuBench b = bench(s -> s);
        await().atMost(WAIT).until(() -> b.dataFrames() > 5);
        b.pmu.inject("this is not a synchrophasor frame\r\n".getBytes(StandardCharsets.US_ASCII));
        await().atMost(WAIT).until(() -> b.client.counters().errors(ErrorReason.NOT_A_FRAME) >= 1);
        byte[] bad = FrameEncoder.data(new DataFrame(new Header(FrameType.DATA, 2, 0, PmuBench.STREAM_IDCODE, 1, 0, 0),
                null, b.pmu.config(), sampleBlocks(b)));
        bad[20] ^= 0x5a; // a value changed in transit: CHK no longer matches
        b.pmu.inject(bad);
        await().atMost(WAIT).until(() -> b.client.counters().errors(ErrorReason.CRC) >= 1);
        long after = b.dataFrames();
        await().atMost(WAIT).until(() -> b.dataFrames() > after + PmuBench.RATE);
        assertThat(b.client.counters().reconnects()).isZero();
        b.assertValuesAsSent(); // the damaged frame's values never reached the sink
    }

    @Test
    void configurationChangeBitMakesTheClientAskAgainAndUseTheNewConfiguration() {
        PmuBench b = bench(s -> s);
        await().atMost(WAIT).until(() -> b.dataFrames() > 5);
        b.pmu.setStat(0, 0x0400);
        await().atMost(WAIT).until(() -> b.pmu.commandsReceived(CommandFrame.SEND_CFG2) >= 2);
        b.pmu.changeConfig(PmuBench.config(4, 0x3, 0xC)); // float polar phasors / integer rectangular, float FREQ
        b.pmu.setStat(0, 0);
        await().atMost(WAIT).until(() -> b.client.config().pmus().get(0).cfgcnt() == 4);
        b.received.clear();
        long after = b.dataFrames();
        await().atMost(WAIT).until(() -> b.dataFrames() > after + 10);
        b.assertValuesAsSent();
    }

    @Test
    void aSinkThatThrowsIsCountedAndTheStreamGoesOn() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        PmuBench b = new PmuBench(Transport.TCP, s -> s, ms -> {
            if (calls.incrementAndGet() % 2 == 0) {
                throw new IllegalStateException("store unavailable");
            }
        });
        bench = b;
        await().atMost(WAIT).until(() -> b.client.counters().errors(ErrorReason.SINK_FAILED) >= 5);
        assertThat(b.dataFrames()).isGreaterThanOrEqualTo(10);
        assertThat(b.client.counters().reconnects()).isZero();
    }

    @Test
    void closeTurnsTransmissionOffAndStopsTheThreads() {
        PmuBench b = bench(s -> s);
        await().atMost(WAIT).until(() -> b.dataFrames() > 0);
        b.client.close();
        await().atMost(WAIT).until(() -> b.pmu.commandsReceived(CommandFrame.DATA_OFF) == 1);
        await().atMost(WAIT).until(() -> !b.pmu.streaming());
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("pmu-client-") && t.isAlive());
    }

    private static List<io.gridai.protocols.c37118.PmuData> sampleBlocks(PmuBench b) {
        var cfg = b.pmu.config();
        java.time.Instant t = java.time.Instant.ofEpochSecond(1);
        return List.of(block(cfg.pmus().get(0), 0, t), block(cfg.pmus().get(1), 1, t));
    }

    private static io.gridai.protocols.c37118.PmuData block(io.gridai.protocols.c37118.PmuConfig p, int i, java.time.Instant t) {
        var s = PmuBench.SIGNAL.sample(i, p, t);
        return new io.gridai.protocols.c37118.PmuData(p, new io.gridai.protocols.c37118.Stat(0), s.phasors(), s.frequencyHz(),
                0, s.rocof(), s.analogs(), s.digitals(), 0, 0, s.analogs());
    }
}
