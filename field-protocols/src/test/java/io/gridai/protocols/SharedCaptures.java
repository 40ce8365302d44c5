package io.gridai.protocols;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Assumptions;

import io.gridai.protocols.decode.CaptureDecoder;
import io.gridai.protocols.decode.FieldProtocol;

/**
 * The shared captures under {@code protocols/} of the shared data folder (never copied into the project): the
 * system property {@code gridai.shared.data}, the environment variable {@code GRIDAI_SHARED_DATA}, else
 * {@code ../shared/data} from the repository root or {@code ../../shared/data} from this module. Tests that need
 * them are skipped, saying so, when they are absent.
 */
public final class SharedCaptures {

    private SharedCaptures() {
    }

    /** The shared data folder, if there is one. */
    public static Optional<Path> root() {
        List<String> candidates = new ArrayList<>();
        for (String configured : new String[] {System.getProperty("gridai.shared.data"), System.getenv("GRIDAI_SHARED_DATA")}) {
            if (configured != null && !configured.isBlank()) {
                candidates.add(configured.trim());
            }
        }
        candidates.add("../shared/data");
        candidates.add("../../shared/data");
        return candidates.stream().map(c -> Path.of(c).toAbsolutePath().normalize())
                .filter(p -> Files.isDirectory(p.resolve("protocols"))).findFirst();
    }

    /** {@code protocols/<relative>} in the shared data, or the test is skipped with the reason. */
    public static Path require(String relative) {
        Optional<Path> root = root();
        Assumptions.assumeTrue(root.isPresent(), "shared data not found (set GRIDAI_SHARED_DATA or put it at"
                + " ../shared/data): skipping the test on protocols/" + relative);
        Path p = root.get().resolve("protocols").resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), p + " is not in the shared data: skipping");
        return p;
    }

    /** Every result object of decoding {@code capture}, in order, with the run's summary. */
    public record Decoded(List<Map<String, Object>> objects, CaptureDecoder.Summary summary) {

        public List<Map<String, Object>> frames() {
            return objects.stream().filter(m -> !m.containsKey("error")).toList();
        }

        public List<Map<String, Object>> errors() {
            return objects.stream().filter(m -> m.containsKey("error")).toList();
        }
    }

    public static Decoded decode(Path capture, FieldProtocol protocol) {
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            CaptureDecoder.Summary s = CaptureDecoder.decode(capture, protocol, OptionalInt.empty(), out::add);
            return new Decoded(out, s);
        } catch (Exception e) {
            throw new AssertionError("decoding " + capture + " failed: " + e, e);
        }
    }
}
