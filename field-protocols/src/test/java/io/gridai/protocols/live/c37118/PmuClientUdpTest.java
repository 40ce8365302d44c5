package io.gridai.protocols.live.c37118;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gridai.model.id.SourceId;
import io.gridai.protocols.c37118.CommandFrame;
import io.gridai.protocols.c37118.DataFrame;
import io.gridai.protocols.c37118.FrameEncoder;
import io.gridai.protocols.c37118.FrameType;
import io.gridai.protocols.c37118.Header;
import io.gridai.protocols.c37118.PmuConfig;
import io.gridai.protocols.c37118.PmuData;
import io.gridai.protocols.c37118.Stat;
import io.gridai.protocols.live.c37118.PmuClient.ErrorReason;
import io.gridai.protocols.live.c37118.PmuClientSettings.Transport;

/** {@link PmuClient} with UDP data: commands over TCP (the mixed mode), and all over UDP. */
class PmuClientUdpTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private PmuBench bench;

    @AfterEach
    void close() {
        if (bench != null) {
            bench.close();
        }
    }

    @Test
    void udpDataWithTcpCommandsFlowsAtTheRateWithTheValuesSent() {
        bench = new PmuBench(Transport.UDP_DATA_TCP_COMMANDS, s -> s);
        assertRateAndValues(bench, "UDP_DATA_TCP_COMMANDS");
    }

    @Test
    void allUdpFlowsAtTheRateWithTheValuesSent() {
        bench = new PmuBench(Transport.UDP, s -> s);
        assertRateAndValues(bench, "UDP");
    }

    @Test
    void noDataForTheTimeoutMeansReconnectAndDataResumesOnceThePmuStreamsToUs() throws Exception {
        bench = new PmuBench(Transport.UDP_DATA_TCP_COMMANDS,
                s -> s.withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500)));
        PmuBench b = bench;
        try (DatagramSocket elsewhere = new DatagramSocket()) {
            b.pmu.streamUdpTo(elsewhere.getLocalPort()); // the PMU streams to the wrong port
            await().atMost(WAIT).until(() -> b.client.counters().errors(ErrorReason.NO_DATA) >= 1
                    && b.client.counters().reconnects() >= 1);
            assertThat(b.dataFrames()).isZero();
            b.pmu.streamUdpTo(b.client.dataPort());
            await().atMost(WAIT).until(() -> b.dataFrames() > PmuBench.RATE);
        }
        assertThat(b.client.config()).isNotNull();
        b.assertValuesAsSent();
    }

    @Test
    void dataBeforeAnyConfigurationIsCountedNotFatal() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        PmuClientSettings settings = PmuClientSettings.tcp("127.0.0.1", closedPort, PmuBench.STREAM_IDCODE,
                SourceId.of("pmu-station-orphan")).withTransport(Transport.UDP_DATA_TCP_COMMANDS, 0)
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200));
        List<Object> sunk = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (PmuClient client = new PmuClient(settings, sunk::add).start();
                DatagramSocket pmu = new DatagramSocket()) {
            var cfg = PmuBench.config(1, 0xF, 0);
            PmuConfig a = cfg.pmus().get(0);
            PmuConfig c = cfg.pmus().get(1);
            var sa = PmuBench.SIGNAL.sample(0, a, java.time.Instant.EPOCH);
            var sc = PmuBench.SIGNAL.sample(1, c, java.time.Instant.EPOCH);
            byte[] frame = FrameEncoder.data(new DataFrame(new Header(FrameType.DATA, 2, 0, PmuBench.STREAM_IDCODE,
                    1_700_000_000L, 0, 0), null, cfg, List.of(
                    new PmuData(a, new Stat(0), sa.phasors(), sa.frequencyHz(), 0, sa.rocof(), sa.analogs(), sa.digitals(), 0, 0, sa.analogs()),
                    new PmuData(c, new Stat(0), sc.phasors(), sc.frequencyHz(), 0, sc.rocof(), sc.analogs(), sc.digitals(), 0, 0, sc.analogs()))));
            pmu.send(new DatagramPacket(frame, frame.length, InetAddress.getLoopbackAddress(), client.dataPort()));
            await().atMost(WAIT).until(() -> client.counters().errors(ErrorReason.DATA_WITHOUT_CONFIG) == 1);
            await().atMost(WAIT).until(() -> client.counters().errors(ErrorReason.CONNECT_FAILED) >= 2);
            assertThat(client.counters().reconnects()).isGreaterThanOrEqualTo(1);
            assertThat(client.counters().dataFrames()).isZero();
            assertThat(sunk).isEmpty();
        }
    }

    private static void assertRateAndValues(PmuBench b, String transport) {
        await().atMost(WAIT).until(() -> b.dataFrames() > 0);
        assertThat(b.client.config().pmus()).isEqualTo(b.pmu.config().pmus());
        long n0 = b.dataFrames();
        long t0 = System.nanoTime();
        await().atMost(WAIT).until(() -> b.dataFrames() - n0 >= 3 * PmuBench.RATE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double rate = (b.dataFrames() - n0) / seconds;
        System.out.printf("pmu_client_test transport=%s frames=%d seconds=%.2f rate=%.1f%n", transport,
                b.dataFrames() - n0, seconds, rate);
        assertThat(rate).isGreaterThanOrEqualTo(25);
        b.assertValuesAsSent();
        assertThat(b.pmu.commandsReceived(CommandFrame.DATA_ON)).isEqualTo(1);
        b.client.close();
        await().atMost(WAIT).until(() -> b.pmu.commandsReceived(CommandFrame.DATA_OFF) == 1);
        await().atMost(WAIT).until(() -> !b.pmu.streaming());
    }
}
