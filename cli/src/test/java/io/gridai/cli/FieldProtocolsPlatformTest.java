package io.gridai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import io.gridai.cli.platform.IngestionComponent;
import io.gridai.cli.platform.PlatformLayout;
import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.protocols.c37118.ConfigFrame;
import io.gridai.protocols.c37118.DataFormat;
import io.gridai.protocols.c37118.FrameType;
import io.gridai.protocols.c37118.Header;
import io.gridai.protocols.c37118.Phasor;
import io.gridai.protocols.c37118.PhasorChannel;
import io.gridai.protocols.c37118.PmuConfig;
import io.gridai.protocols.live.c37118.PmuClientSettings;
import io.gridai.protocols.live.c37118.sim.SimulatedPmu;
import io.gridai.protocols.live.iec104.sim.SimulatedOutstation;
import io.gridai.protocols.live.modbus.RegisterDecoder;
import io.gridai.protocols.points.WordOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmuc.j60870.ASdu;
import org.openmuc.j60870.ASduType;
import org.openmuc.j60870.CauseOfTransmission;
import org.openmuc.j60870.ie.IeQuality;
import org.openmuc.j60870.ie.IeShortFloat;
import org.openmuc.j60870.ie.IeTime56;
import org.openmuc.j60870.ie.InformationObject;

/**
 * Field protocols on the running platform, end to end on loopback: an IEC 104 outstation (j60870's server), a Modbus
 * TCP device (j2mod's slave) and a C37.118 PMU streaming 30 frames/s (the simulated PMU) are registered in the
 * platform's ingestion sources file, as a utility would add them, and `gridai up` (broker, ingestion, Flink jobs) takes
 * their values into {@code telemetry.raw}; the streaming job cleans them into {@code telemetry.clean}, where the test
 * finds them in SI units at the devices' own times, every PMU frame included.
 */
class FieldProtocolsPlatformTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path INGESTION_APP = REPOSITORY.resolve("ingestion/target/quarkus-app/quarkus-run.jar");
    private static final String RTU = "rtu-platform";
    private static final String INVERTER = "inverter-platform";
    private static final String PMU_STATION = "pmu-platform";
    private static final int PMU_IDCODE = 41;
    private static final int TIME_BASE = 1_000_000;
    /** Phase-to-neutral volts of a 230 kV line-to-line bus. */
    private static final double PHASE_VOLTS = 230_000 / Math.sqrt(3);
    private static final IeQuality GOOD = new IeQuality(false, false, false, false, false);

    @TempDir
    Path dataDir;

    /**
     * Awaitility, without failing on uncaught exceptions of other threads: j60870's server (the simulated outstation)
     * starts a connection's reader before its thread pool is assigned, and may throw in its own thread while the
     * client's connection goes on (ingestion's FieldFeedTest says the same). Not the code under test.
     */
    private static org.awaitility.core.ConditionFactory await() {
        return org.awaitility.Awaitility.await().dontCatchUncaughtExceptions();
    }

    private Process up;
    private SimulatedOutstation outstation;
    private ModbusSlave slave;
    private SimulatedPmu pmu;

    @AfterEach
    void stop() throws Exception {
        if (up != null) {
            new ProcessBuilder("kill", "-INT", String.valueOf(up.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            if (!up.waitFor(60, TimeUnit.SECONDS)) {
                up.descendants().forEach(ProcessHandle::destroyForcibly);
                up.destroyForcibly();
            }
        }
        if (outstation != null) {
            outstation.close();
        }
        if (slave != null) {
            slave.close();
        }
        if (pmu != null) {
            pmu.close();
        }
    }

    @Test
    void anIec104OutstationAModbusDeviceAndAPmuFeedTheRunningPlatform() throws Exception {
        outstation = SimulatedOutstation.start(List.of());
        int modbusPort = freePort();
        SimpleProcessImage image = new SimpleProcessImage(1);
        for (int word : RegisterDecoder.float32(49.98f, WordOrder.BIG)) {
            image.addRegister(new SimpleRegister(word));
        }
        slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), modbusPort, 2, false);
        slave.addProcessImage(1, image);
        slave.open();
        // A PMU streaming 30 frames/s over TCP: a 230 kV bus (phase-to-neutral phasor), 50.02 Hz, ROCOF 0.01 Hz/s.
        PmuConfig block = new PmuConfig("PLATFORM SUB", PMU_IDCODE, "", new DataFormat(0xF),
                List.of(new PhasorChannel("VA", false, 1, 0, 0)), List.of(), List.of(), 50, 1, Double.NaN, Double.NaN,
                Double.NaN, "", 0, 0);
        pmu = new SimulatedPmu(new ConfigFrame(new Header(FrameType.CFG2, 2, 0, PMU_IDCODE, 0, 0, 0), 0, TIME_BASE,
                List.of(block), 30), (index, config, time) -> new SimulatedPmu.Sample(
                        List.of(Phasor.ofPolar("VA", false, PHASE_VOLTS, 0.5, 0, 0)), 50.02, 0.01, List.of(), List.of()),
                PmuClientSettings.Transport.TCP, Clock.systemUTC()).start();

        // What a utility adds to the sources file `up` wrote (kept across runs): each station a registered source.
        Path sources = IngestionComponent.sourcesFile(new PlatformLayout(dataDir));
        List<String> field = new ArrayList<>(List.of("",
                "gridai.ingestion.sources." + RTU + ".utility=Platform test RTUs",
                "gridai.ingestion.sources." + RTU + ".allowed-assets=gen-*",
                "gridai.ingestion.sources." + RTU + ".allowed-kinds=ACTIVE_POWER",
                "gridai.ingestion.sources." + INVERTER + ".utility=Platform test inverters",
                "gridai.ingestion.sources." + INVERTER + ".allowed-assets=inv-*",
                "gridai.ingestion.sources." + INVERTER + ".allowed-kinds=FREQUENCY",
                "gridai.ingestion.sources." + PMU_STATION + ".utility=Platform test PMUs",
                "gridai.ingestion.sources." + PMU_STATION + ".allowed-assets=pmu-*",
                "gridai.ingestion.sources." + PMU_STATION + ".allowed-kinds=VOLTAGE,VOLTAGE_ANGLE,FREQUENCY,ROCOF"));
        String station41 = "gridai.ingestion.field.c37118.pmus." + PMU_STATION + ".";
        field.addAll(List.of(station41 + "host=127.0.0.1", station41 + "port=" + pmu.port(),
                station41 + "idcode=" + PMU_IDCODE, station41 + "reconnect-initial=PT0.2S"));
        String station = "gridai.ingestion.field.iec104.stations." + RTU + ".";
        field.addAll(List.of(station + "host=127.0.0.1", station + "port=" + outstation.port(),
                station + "reconnect-initial=PT0.2S", station + "reconnect-max=PT1S",
                station + "points.gen1-p.ioa=1001", station + "points.gen1-p.asset=gen-1",
                station + "points.gen1-p.kind=ACTIVE_POWER", station + "points.gen1-p.unit=kW",
                station + "points.gen1-p.scale=1"));
        String device = "gridai.ingestion.field.modbus.devices." + INVERTER + ".";
        field.addAll(List.of(device + "host=127.0.0.1", device + "port=" + modbusPort, device + "poll-interval=PT1S",
                device + "timeout=PT2S", device + "registers.f.address=0", device + "registers.f.table=holding",
                device + "registers.f.type=float32", device + "registers.f.word-order=big",
                device + "registers.f.asset=inv-3", device + "registers.f.kind=FREQUENCY",
                device + "registers.f.unit=Hz", device + "registers.f.scale=1"));
        Files.write(sources, field, StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        up = launchUp();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(up.isAlive()).as("up is running: %s", output()).isTrue();
            InProcess status = run("status", "--timeout", "PT2S");
            assertThat(status.exit()).as("gridai status:%n%s", status.out()).isEqualTo(StatusCommand.HEALTHY);
        });
        String bootstrap = bootstrap();

        await().atMost(Duration.ofSeconds(60)).until(() -> outstation.clients() == 1);
        Instant measured = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        outstation.send(new ASdu(ASduType.M_ME_TF_1, false, CauseOfTransmission.SPONTANEOUS, false, false, 0, 1,
                new InformationObject(1001, new IeShortFloat(12_500f), GOOD,
                        new IeTime56(measured.toEpochMilli(), TimeZone.getTimeZone("UTC"), false))));

        try (KafkaConsumer<AssetId, Measurement> clean = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "field-platform",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
                Topics.TELEMETRY_CLEAN.keySerde().deserializer(), Topics.TELEMETRY_CLEAN.valueSerde().deserializer())) {
            clean.subscribe(List.of(Topics.TELEMETRY_CLEAN.name()));
            List<Measurement> cleaned = new ArrayList<>();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                clean.poll(Duration.ofMillis(500)).forEach(r -> cleaned.add(r.value()));
                assertThat(find(cleaned, RTU, "gen-1")).as("the RTU's value in telemetry.clean").isPresent();
                assertThat(find(cleaned, INVERTER, "inv-3")).as("the inverter's value in telemetry.clean").isPresent();
                assertThat(find(cleaned, PMU_STATION, "pmu-" + PMU_IDCODE + "/VA")).as("the PMU's voltage").isPresent();
            });
            // The PMU streams 30 frames/s: every frame's voltage, angle, frequency and ROCOF, at the frame's time.
            long framesBefore = pmu.dataFramesSent();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                clean.poll(Duration.ofMillis(500)).forEach(r -> cleaned.add(r.value()));
                return pmu.dataFramesSent() > framesBefore + 60;
            });
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                clean.poll(Duration.ofMillis(500)).forEach(r -> cleaned.add(r.value()));
                assertThat(cleaned).filteredOn(m -> m.source().value().equals(PMU_STATION)
                        && m.kind() == MeasurementKind.FREQUENCY).hasSizeGreaterThan(60);
            });
            java.util.Set<Instant> sent = new java.util.HashSet<>();
            for (long[] t : pmu.sentTimes()) {
                sent.add(Instant.ofEpochSecond(t[0]).plusNanos(t[1] * (1_000_000_000L / TIME_BASE)));
            }
            List<Measurement> fromPmu = cleaned.stream().filter(m -> m.source().value().equals(PMU_STATION)).toList();
            assertThat(fromPmu).allSatisfy(m -> {
                assertThat(sent).as("a time the PMU sent (SOC + FRACSEC)").contains(m.eventTime());
                switch (m.kind()) {
                    case VOLTAGE -> assertThat(m.value()).as("kV line-to-line").isCloseTo(230.0,
                            org.assertj.core.data.Offset.offset(1e-3));
                    case VOLTAGE_ANGLE -> assertThat(m.value()).as("degrees").isCloseTo(Math.toDegrees(0.5),
                            org.assertj.core.data.Offset.offset(1e-4));
                    case FREQUENCY -> assertThat(m.value()).isCloseTo(50.02, org.assertj.core.data.Offset.offset(1e-4));
                    case ROCOF -> assertThat(m.value()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-5));
                    default -> throw new AssertionError("unexpected kind from the PMU: " + m);
                }
            });
            java.util.Set<Instant> cleanFrames = fromPmu.stream().filter(m -> m.kind() == MeasurementKind.FREQUENCY)
                    .map(Measurement::eventTime).collect(java.util.stream.Collectors.toSet());
            Instant first = cleanFrames.stream().min(Instant::compareTo).orElseThrow();
            Instant last = cleanFrames.stream().max(Instant::compareTo).orElseThrow();
            List<Instant> sentBetween = sent.stream().filter(t -> !t.isBefore(first) && !t.isAfter(last)).toList();
            double seconds = Duration.between(first, last).toNanos() / 1e9;
            System.out.printf("field_platform_test pmu_frames_sent=%d pmu_frames_in_clean=%d span_s=%.2f"
                    + " frames_per_s=%.1f%n", sentBetween.size(), cleanFrames.size(), seconds,
                    (cleanFrames.size() - 1) / seconds);
            assertThat(cleanFrames).as("every frame the PMU sent between the first and the last one seen")
                    .containsAll(sentBetween);
            assertThat((sentBetween.size() - 1) / seconds).as("the PMU's rate, frames per second of its own time")
                    .isCloseTo(30.0, org.assertj.core.data.Offset.offset(1.5));
            Measurement power = find(cleaned, RTU, "gen-1").orElseThrow();
            assertThat(power.kind()).isEqualTo(MeasurementKind.ACTIVE_POWER);
            assertThat(power.value()).as("12 500 kW in MW").isEqualTo(12.5);
            assertThat(power.eventTime()).as("the CP56Time2a time tag").isEqualTo(measured);
            Measurement frequency = find(cleaned, INVERTER, "inv-3").orElseThrow();
            assertThat(frequency.kind()).isEqualTo(MeasurementKind.FREQUENCY);
            assertThat(frequency.value()).isCloseTo(49.98, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(Duration.between(frequency.eventTime(), frequency.ingestTime()).abs())
                    .as("a Modbus value is stamped when it is read").isLessThan(Duration.ofSeconds(5));
        }
    }

    private static Optional<Measurement> find(List<Measurement> measurements, String source, String asset) {
        return measurements.stream().filter(m -> m.source().value().equals(source) && m.asset().value().equals(asset))
                .findFirst();
    }

    private String bootstrap() throws IOException {
        InProcess status = run("status", "--json");
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.out());
        for (var c : doc.get("components")) {
            if (c.get("name").asText().equals("kafka")) {
                return c.get("urls").get(0).asText().substring("kafka://".length());
            }
        }
        throw new AssertionError("no kafka in " + status.out());
    }

    private Process launchUp() throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", java,
                "-Dgridai.home=" + REPOSITORY, "-cp", System.getProperty("java.class.path"), GridAi.class.getName(),
                "up", "--data-dir", dataDir.toString(), "--kafka-port", "0", "--kafka-controller-port", "0",
                "--kafka-heap", "384m", "--ingestion-port", "0", "--ingestion-app", INGESTION_APP.toString(),
                "--no-mqtt", "--no-sim", "--no-archive", "--no-dispatch", "--no-storage", "--no-operator-api",
                "--no-agent-gateway"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dataDir.resolve("up.out").toFile())
                .start();
    }

    private String output() throws IOException {
        return Files.readString(dataDir.resolve("up.out"), StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InProcess run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data-dir");
        all.add(dataDir.toString());
        return InProcess.run(all.toArray(String[]::new));
    }
}
