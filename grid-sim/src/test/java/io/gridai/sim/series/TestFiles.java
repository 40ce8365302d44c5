package io.gridai.sim.series;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the tests find their files: the small ones under test resources, the real ones in the shared data. */
final class TestFiles {

    private TestFiles() {
    }

    /** A file or folder under {@code src/test/resources/series/}. */
    static Path resource(String relative) {
        URL url = TestFiles.class.getResource("/series/" + relative);
        if (url == null) {
            throw new IllegalStateException("test resource series/" + relative + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The small RTS-GMLC series folder, laid out under the real file names in a folder of its own: the synthetic
     * real-time profiles are kept as {@code synthetic-RT_<region>.csv} in the test resources (so nothing in the
     * repository looks like a copy of the shared data) and copied to {@code RT_<region>_Promod_2020.csv} here.
     */
    static synchronized Path rtsTimeseries() {
        try {
            Path source = resource("rts/timeseries");
            Path target = Path.of(System.getProperty("java.io.tmpdir"), "series-rts-timeseries");
            Files.createDirectories(target);
            try (var files = Files.list(source)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    String real = name.startsWith("synthetic-RT_")
                            ? "RT_" + name.substring("synthetic-RT_".length(), name.length() - ".csv".length()) + "_Promod_2020.csv"
                            : name;
                    Files.copy(file, target.resolve(real), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot lay out the small RTS-GMLC series", e);
        }
    }

    /**
     * A file or folder of the shared data set; the calling test is skipped (not failed) when the shared data
     * or that part of it is absent.
     */
    static Path shared(String relative) {
        Optional<Path> dir = SharedData.locate();
        assumeTrue(dir.isPresent(), () -> "shared data folder not found (set -D" + SharedData.PROPERTY + " or "
                + SharedData.ENVIRONMENT + ", or put it at ../shared/data): skipping this real-data test");
        Path path = dir.get().resolve(relative);
        assumeTrue(Files.exists(path), () -> path + " is not in the shared data folder: skipping this real-data test");
        return path;
    }
}
