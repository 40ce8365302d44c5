package io.gridai.cli.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A three-bus MATPOWER case for the twin's scenario in tests: quick to read, with or without generator costs. */
final class TriangleCase {

    private TriangleCase() {
    }

    /** Writes {@code triangle.m} into {@code dir}: buses 1..3, a unit at buses 1 and 2, 150 MW of load at bus 3. */
    static Path write(Path dir, boolean withCosts) throws IOException {
        Path file = dir.resolve(withCosts ? "triangle.m" : "triangle-costless.m");
        Files.writeString(file, String.join("\n",
                "function mpc = triangle",
                "mpc.version = '2';",
                "mpc.baseMVA = 100;",
                "mpc.bus = [",
                "  1 3 0 0 0 0 1 1 0 230 1 1.1 0.9;",
                "  2 2 0 0 0 0 1 1 0 230 1 1.1 0.9;",
                "  3 1 150 0 0 0 1 1 0 230 1 1.1 0.9;",
                "];",
                "mpc.gen = [",
                "  1 100 0 300 -300 1 100 1 200 0 0 0 0 0 0 0 0 0 0 0 0;",
                "  2 50 0 300 -300 1 100 1 200 0 0 0 0 0 0 0 0 0 0 0 0;",
                "];",
                "mpc.branch = [",
                "  1 3 0 0.1 0 0 0 0 0 0 1 -360 360;",
                "  1 2 0 0.1 0 0 0 0 0 0 1 -360 360;",
                "  2 3 0 0.1 0 0 0 0 0 0 1 -360 360;",
                "];",
                withCosts ? "mpc.gencost = [\n  2 0 0 2 10 0;\n  2 0 0 2 30 0;\n];" : "",
                ""));
        return file;
    }

    /** The grid twin `up` would start on {@code caseFile}, with {@code --batteries} when given (never started here). */
    static GridSimComponent twin(Path caseFile, String batteries) {
        Map<String, String> extra = new LinkedHashMap<>();
        if (batteries != null) {
            extra.put("--batteries", batteries);
        }
        return new GridSimComponent(() -> "localhost:9", Optional.empty(), Optional.of(caseFile), 1, Duration.ofSeconds(1),
                "none", extra);
    }
}
