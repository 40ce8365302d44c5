package io.gridai.network;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MATPOWER cases of the shared reference data ({@code ../shared/data/grid-cases/matpower/} beside the project
 * root). The data directory is the system property or environment variable {@code gridai.shared.data}
 * ({@code GRIDAI_SHARED_DATA}) when set, else {@code ../shared/data} relative to the project root. Tests that need
 * a case are skipped, with a message saying where it was looked for, when it is absent.
 */
final class SharedCases {

    private static final String PROPERTY = "gridai.shared.data";
    private static final String ENVIRONMENT = "GRIDAI_SHARED_DATA";

    private SharedCases() {
    }

    /** The shared data directory (it may not exist). */
    static Path dataDirectory() {
        String configured = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        // basedir is the module directory under Maven; the project root is its parent.
        Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        return module.resolve("../../shared/data").normalize();
    }

    /** The path of a MATPOWER case file, skipping the calling test when it is absent. */
    static Path matpower(String caseName) {
        Path file = dataDirectory().resolve("grid-cases/matpower").resolve(caseName + ".m");
        Assumptions.assumeTrue(Files.isRegularFile(file), () -> "shared reference data absent: " + file
                + " not found (set -D" + PROPERTY + "=DIR or " + ENVIRONMENT + " to the shared data directory)");
        return file;
    }

    /** Reads a MATPOWER case of the shared data, skipping the calling test when it is absent. */
    static MatpowerCase read(String caseName) {
        return MatpowerCaseReader.read(matpower(caseName));
    }
}
