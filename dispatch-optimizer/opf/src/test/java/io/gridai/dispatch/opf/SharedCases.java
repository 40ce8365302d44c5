package io.gridai.dispatch.opf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerCaseReader;

/**
 * The MATPOWER cases of the shared reference data. The data directory is the system property
 * {@code gridai.shared.data} (or {@code GRIDAI_SHARED_DATA}) when set, else {@code shared/data} beside the project root.
 * Tests that need a case skip, saying where they looked, when it is absent.
 */
public final class SharedCases {

    private static final String PROPERTY = "gridai.shared.data";
    private static final String ENVIRONMENT = "GRIDAI_SHARED_DATA";

    private SharedCases() {
    }

    public static Path dataDirectory() {
        String configured = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        // dispatch-optimizer/opf -> the project root is two levels up; shared/ sits beside the root.
        for (Path candidate : List.of(module.resolve("../../../shared/data"), module.resolve("../../shared/data"), module.resolve("../shared/data"))) {
            if (Files.isDirectory(candidate.normalize())) {
                return candidate.normalize();
            }
        }
        return module.resolve("../../../shared/data").normalize();
    }

    public static Path matpower(String caseName) {
        Path file = dataDirectory().resolve("grid-cases/matpower").resolve(caseName + ".m");
        Assumptions.assumeTrue(Files.isRegularFile(file), () -> "shared reference data absent: " + file
                + " not found (set -D" + PROPERTY + "=DIR or " + ENVIRONMENT + " to the shared data directory)");
        return file;
    }

    public static MatpowerCase read(String caseName) {
        return MatpowerCaseReader.read(matpower(caseName));
    }
}
