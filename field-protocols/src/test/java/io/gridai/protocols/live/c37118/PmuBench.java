package io.gridai.protocols.live.c37118;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.gridai.model.Measurement;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.protocols.c37118.AnalogChannel;
import io.gridai.protocols.c37118.ConfigFrame;
import io.gridai.protocols.c37118.DataFormat;
import io.gridai.protocols.c37118.DigitalWord;
import io.gridai.protocols.c37118.FrameType;
import io.gridai.protocols.c37118.Header;
import io.gridai.protocols.c37118.Phasor;
import io.gridai.protocols.c37118.PhasorChannel;
import io.gridai.protocols.c37118.PmuConfig;
import io.gridai.protocols.live.c37118.PmuClientSettings.Transport;
import io.gridai.protocols.live.c37118.sim.SimulatedPmu;

/**
 * A simulated PMU stream and a client on loopback, for the client tests. The stream (IDCODE 7, TIME_BASE 10⁶,
 * 30 frames/s) has two PMU blocks:
 * <pre>
 *   block 0  IDCODE 11 "STATION A" 50 Hz  FORMAT 0xF  float polar phasors, float FREQ/DFREQ, float analog
 *   block 1  IDCODE 12 "STATION B" 60 Hz  FORMAT 0x0  integer rectangular phasors, integer FREQ/DFREQ and analog
 *   each     VA (voltage), IA (current), analog P, one digital word
 * </pre>
 * Values are smooth functions of the frame time ({@link #SIGNAL}), so a received value can be checked against what
 * the PMU was told to send at that measurement's time.
 */
final class PmuBench implements AutoCloseable {

    static final int STREAM_IDCODE = 7;
    static final int TIME_BASE = 1_000_000;
    static final int RATE = 30;
    /** Integer phasors: volts and amperes per bit (PHUNIT factors × 10⁻⁵). */
    static final double V_SCALE = 915_527 * 1e-5;
    static final double I_SCALE = 4_578 * 1e-5;

    static final SimulatedPmu.Signal SIGNAL = (index, pmu, time) -> {
        double t = time.getEpochSecond() % 60 + time.getNano() / 1e9;
        double vMag = 230_000 / Math.sqrt(3) * (1 + 0.02 * Math.sin(2 * Math.PI * t / 7)) * (index == 0 ? 1 : 0.5);
        double vAngle = Math.IEEEremainder(2 * Math.PI * 0.1 * t, 2 * Math.PI);
        double iMag = 400 + 50 * Math.cos(2 * Math.PI * t / 3);
        double f = pmu.nominalHz() + 0.05 * Math.sin(2 * Math.PI * t / 5);
        double rocof = 0.05 * 2 * Math.PI / 5 * Math.cos(2 * Math.PI * t / 5);
        return new SimulatedPmu.Sample(List.of(Phasor.ofPolar("VA", false, vMag, vAngle, 0, 0),
                Phasor.ofPolar("IA", true, iMag, vAngle - 0.3, 0, 0)), f, rocof, List.of(100.0 + index), List.of(0x0101));
    };

    final SimulatedPmu pmu;
    final PmuClient client;
    final Queue<Measurement> received = new ConcurrentLinkedQueue<>();

    PmuBench(Transport transport, java.util.function.UnaryOperator<PmuClientSettings> tweak) {
        this(transport, tweak, null);
    }

    /** With {@code extraSink} called after each frame's values are kept (it may throw). */
    PmuBench(Transport transport, java.util.function.UnaryOperator<PmuClientSettings> tweak,
            java.util.function.Consumer<List<Measurement>> extraSink) {
        pmu = new SimulatedPmu(config(3, 0xF, 0x0), SIGNAL, transport, Clock.systemUTC()).start();
        PmuClientSettings s = new PmuClientSettings("127.0.0.1", pmu.port(), transport, STREAM_IDCODE, 0,
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(1),
                SourceId.of("pmu-station-test"), null, null, false);
        client = new PmuClient(tweak.apply(s), ms -> {
            received.addAll(ms);
            if (extraSink != null) {
                extraSink.accept(ms);
            }
        });
        client.start();
        if (client.dataPort() > 0) {
            pmu.streamUdpTo(client.dataPort());
        }
    }

    static ConfigFrame config(int cfgcnt, int formatA, int formatB) {
        return new ConfigFrame(new Header(FrameType.CFG2, 2, 0, STREAM_IDCODE, 0, 0, 0), 0, TIME_BASE,
                List.of(pmu("STATION A", 11, formatA, 50, cfgcnt), pmu("STATION B", 12, formatB, 60, cfgcnt)), RATE);
    }

    static PmuConfig pmu(String station, int idcode, int format, int fnom, int cfgcnt) {
        List<String> names = new ArrayList<>(Collections.nCopies(16, "SPARE"));
        return new PmuConfig(station, idcode, "", new DataFormat(format),
                List.of(new PhasorChannel("VA", false, V_SCALE, 0, 0), new PhasorChannel("IA", true, I_SCALE, 0, 0)),
                List.of(new AnalogChannel("P", 1, 1, 0)), List.of(new DigitalWord(names, 0, 0xffff)), fnom, cfgcnt,
                Double.NaN, Double.NaN, Double.NaN, "", 0, 0);
    }

    long dataFrames() {
        return client.counters().dataFrames();
    }

    /** The time of every data frame the PMU sent, from its SOC and FRACSEC. */
    Set<Instant> sentTimes() {
        Set<Instant> out = new HashSet<>();
        for (long[] t : pmu.sentTimes()) {
            out.add(Instant.ofEpochSecond(t[0]).plusNanos(t[1] * (1_000_000_000L / TIME_BASE)));
        }
        return out;
    }

    /** Every received value equals what {@link #SIGNAL} gave the PMU at its time, within the format's resolution. */
    void assertValuesAsSent() {
        List<Measurement> ms = List.copyOf(received);
        assertThat(ms).isNotEmpty();
        Set<Instant> sent = sentTimes();
        ConfigFrame cfg = pmu.config();
        for (Measurement m : ms) {
            assertThat(sent).as("event time of %s", m).contains(m.eventTime());
            int index = m.asset().value().startsWith("pmu-11") ? 0 : 1;
            PmuConfig pc = cfg.pmus().get(index);
            boolean floats = pc.format().phasorsFloat();
            SimulatedPmu.Sample s = SIGNAL.sample(index, pc, m.eventTime());
            Phasor v = s.phasors().get(0);
            Phasor i = s.phasors().get(1);
            MeasurementKind kind = m.kind();
            switch (kind) {
                case VOLTAGE -> assertThat(m.value()).as("%s", m)
                        .isCloseTo(v.magnitude() * Math.sqrt(3) / 1000, within(floats ? 1e-4 : V_SCALE * Math.sqrt(3) / 1000));
                case VOLTAGE_ANGLE -> assertThat(Math.IEEEremainder(m.value() - Math.toDegrees(v.angle()), 360))
                        .as("%s: angle difference, degrees (+180 and -180 are one angle)", m)
                        .isCloseTo(0, within(floats ? 1e-4 : 0.01));
                case CURRENT -> assertThat(m.value()).as("%s", m).isCloseTo(i.magnitude(), within(floats ? 1e-3 : I_SCALE));
                case FREQUENCY -> assertThat(m.value()).as("%s", m)
                        .isCloseTo(s.frequencyHz(), within(pc.format().freqFloat() ? 1e-5 : 0.0005));
                case ROCOF -> assertThat(m.value()).as("%s", m).isCloseTo(s.rocof(), within(pc.format().freqFloat() ? 1e-6 : 0.005));
                default -> throw new AssertionError("unexpected kind " + kind);
            }
        }
    }

    @Override
    public void close() {
        client.close();
        pmu.close();
    }
}
