package io.gridai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** `gridai decode` in-process: a real C37.118 capture, a junk file, and refusals. */
class DecodeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The shared data (never copied into the project), as other tests find it; empty when absent. */
    private static Optional<Path> shared(String relative) {
        for (String candidate : new String[] {System.getenv("GRIDAI_SHARED_DATA"), "../shared/data", "../../shared/data"}) {
            if (candidate != null && Files.isRegularFile(Path.of(candidate).resolve("protocols").resolve(relative))) {
                return Optional.of(Path.of(candidate).resolve("protocols").resolve(relative));
            }
        }
        return Optional.empty();
    }

    private static List<Map<String, Object>> lines(String out) throws IOException {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                objects.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() { }));
            }
        }
        return objects;
    }

    @Test
    void decodesACaptureAsJsonLines() throws IOException {
        Optional<Path> pcap = shared("c37118/C37.118_1PMU_TCP.pcap");
        Assumptions.assumeTrue(pcap.isPresent(), "shared data not found (../shared/data): skipping the capture test");
        InProcess run = InProcess.run("decode", "c37118", pcap.get().toString());
        assertThat(run.exit()).as(run.err()).isZero();
        List<Map<String, Object>> objects = lines(run.out());
        // the Zeek decode of this capture logs 252 data, 1 CFG-2 and 3 command frames
        assertThat(objects).hasSize(256).noneMatch(o -> o.containsKey("error"));
        assertThat(objects).filteredOn(o -> "Data".equals(o.get("frame_type"))).hasSize(252)
                .allSatisfy(o -> assertThat(o).containsKeys("frame_size", "idcode", "soc", "fracsec", "time", "pmus"));
        Map<String, Object> cfg = objects.stream().filter(o -> "CFG2".equals(o.get("frame_type"))).findFirst().orElseThrow();
        assertThat(cfg).containsEntry("data_rate", 50).containsEntry("idcode", 241);
        @SuppressWarnings("unchecked")
        Map<String, Object> pmu = ((List<Map<String, Object>>) objects.stream()
                .filter(o -> "Data".equals(o.get("frame_type"))).findFirst().orElseThrow().get("pmus")).get(0);
        assertThat(pmu).containsKeys("stat", "phasors", "freq_dev_mhz", "rocof", "analogs", "digital");
        assertThat(run.err()).contains("256 frames decoded, 0 errors");
    }

    @Test
    void aJunkFileIsRefusedAsACaptureAndDecodedAsErrorsWhenRaw() throws IOException {
        byte[] junk = new byte[4096];
        new SplittableRandom(13).nextBytes(junk);
        junk[0] = 0x13; // not a capture's magic number
        Path file = Files.write(dir.resolve("junk.bin"), junk);

        InProcess asCapture = InProcess.run("decode", "modbus", file.toString());
        assertThat(asCapture.exit()).isEqualTo(DecodeCommand.REFUSED);
        assertThat(asCapture.err()).contains("not a pcap or pcapng capture").contains("--raw");
        assertThat(asCapture.out()).isEmpty();

        InProcess raw = InProcess.run("decode", "c37118", "--raw", file.toString());
        assertThat(raw.exit()).isEqualTo(DecodeCommand.SOME_ERRORS);
        List<Map<String, Object>> objects = lines(raw.out());
        assertThat(objects).isNotEmpty().allSatisfy(o -> assertThat(o).containsKeys("error", "offset", "length", "hex"));
        long covered = objects.stream().mapToLong(o -> ((Number) o.get("length")).longValue()).sum();
        assertThat(covered).as("every byte reported").isEqualTo(junk.length);
    }

    @Test
    void refusesUnknownProtocolsAndMissingFiles() {
        InProcess unknown = InProcess.run("decode", "dnp3", "x.pcap");
        assertThat(unknown.exit()).isEqualTo(DecodeCommand.REFUSED);
        assertThat(unknown.err()).contains("unknown protocol 'dnp3'").contains("c37118, iec104, modbus");

        InProcess missing = InProcess.run("decode", "iec104", dir.resolve("nope.pcap").toString());
        assertThat(missing.exit()).isEqualTo(DecodeCommand.REFUSED);
        assertThat(missing.err()).contains("no such file");
    }
}
