package io.gridai.sim.series;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the shared reference data folder (the one holding {@code rts-gmlc/}, {@code load/opsd-fr/}, … and a
 * {@code README.md}). The project never copies that data; it reads it in place when it is there.
 *
 * <p>Candidates, in order; the first that is a folder holding a {@code README.md} wins:
 * <ol>
 *   <li>the system property {@value #PROPERTY};</li>
 *   <li>the environment variable {@value #ENVIRONMENT};</li>
 *   <li>{@code ../shared/data} relative to the working directory (the repository root, as for the CLI);</li>
 *   <li>{@code ../../shared/data} relative to the working directory (a Maven module folder, as in tests).</li>
 * </ol>
 * A candidate that is set but not such a folder is passed over, not an error.
 */
public final class SharedData {

    /** System property naming the shared data folder. */
    public static final String PROPERTY = "gridai.shared.data";
    /** Environment variable naming the shared data folder. */
    public static final String ENVIRONMENT = "GRIDAI_SHARED_DATA";

    private SharedData() {
    }

    /** The shared data folder, or empty when none of the candidates is one. */
    public static Optional<Path> locate() {
        return locate(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT), Path.of("").toAbsolutePath());
    }

    /**
     * The same search with explicit inputs.
     *
     * @param property   the value of {@value #PROPERTY}, or null
     * @param environment the value of {@value #ENVIRONMENT}, or null
     * @param workingDir the folder relative paths start from
     */
    static Optional<Path> locate(String property, String environment, Path workingDir) {
        List<Path> candidates = new ArrayList<>();
        for (String configured : new String[] {property, environment}) {
            if (configured != null && !configured.isBlank()) {
                try {
                    candidates.add(workingDir.resolve(configured.trim()));
                } catch (InvalidPathException e) {
                    // not a path on this system: passed over like any other unusable candidate
                }
            }
        }
        candidates.add(workingDir.resolve("../shared/data"));
        candidates.add(workingDir.resolve("../../shared/data"));
        return candidates.stream()
                .map(Path::normalize)
                .filter(dir -> Files.isDirectory(dir) && Files.isRegularFile(dir.resolve("README.md")))
                .findFirst();
    }
}
