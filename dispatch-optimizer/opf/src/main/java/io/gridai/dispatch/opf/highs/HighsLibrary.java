package io.gridai.dispatch.opf.highs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Finds and loads HiGHS's native library once per JVM.
 *
 * <p>HiGHS is not published on Maven Central as a Java library, but OR-Tools' per-platform native jars
 * ({@code com.google.ortools:ortools-<platform>}) carry it as a self-contained shared library
 * ({@code ortools-linux-x86-64/libhighs.so.1}, {@code ortools-darwin-aarch64/libhighs.1.dylib} ...) that depends only
 * on the C++ runtime. It is copied out of the jar into a private temporary folder and opened with JNA. A library
 * elsewhere can be named with the system property {@value #LIBRARY_PROPERTY} (a file path).
 */
public final class HighsLibrary {

    /** System property: the path of a HiGHS shared library to use instead of the one in OR-Tools' jar. */
    public static final String LIBRARY_PROPERTY = "gridai.highs.library";

    private static final Logger LOG = LoggerFactory.getLogger(HighsLibrary.class);
    private static volatile HighsApi api;

    private HighsLibrary() {
    }

    /** HiGHS's version, e.g. {@code 1.12.0}. */
    public static String version() {
        return api().Highs_version();
    }

    static HighsApi api() {
        HighsApi loaded = api;
        if (loaded == null) {
            synchronized (HighsLibrary.class) {
                loaded = api;
                if (loaded == null) {
                    loaded = load();
                    api = loaded;
                }
            }
        }
        return loaded;
    }

    private static HighsApi load() {
        String override = System.getProperty(LIBRARY_PROPERTY);
        Path file;
        if (override != null && !override.isBlank()) {
            file = Path.of(override);
            if (!Files.isRegularFile(file)) {
                throw new SolverUnavailableException("HiGHS library " + file + " (system property " + LIBRARY_PROPERTY
                        + ") does not exist; point it at libhighs, or unset it to use the one in OR-Tools' native jar");
            }
        } else {
            file = extract();
        }
        HighsApi loaded = Native.load(file.toAbsolutePath().toString(), HighsApi.class);
        LOG.info("HiGHS {} loaded from {}", loaded.Highs_version(), file);
        return loaded;
    }

    private static Path extract() {
        String folder = "ortools-" + Platform.RESOURCE_PREFIX;
        List<String> names = Platform.isMac() ? List.of("libhighs.1.dylib", "libhighs.dylib")
                : Platform.isWindows() ? List.of("highs.dll") : List.of("libhighs.so.1", "libhighs.so");
        ClassLoader loader = HighsLibrary.class.getClassLoader();
        for (String name : names) {
            String resource = folder + "/" + name;
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    continue;
                }
                Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
                Path dir = Files.createTempDirectory("gridai-highs");
                Path target = dir.resolve(name);
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                target.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                return target;
            } catch (IOException e) {
                throw new SolverUnavailableException("Could not copy HiGHS (" + resource + ") out of OR-Tools' native jar into "
                        + System.getProperty("java.io.tmpdir") + ": " + e.getMessage() + "; check that folder is writable", e);
            }
        }
        throw new SolverUnavailableException("No HiGHS library for platform " + Platform.RESOURCE_PREFIX + " on the class path (looked for "
                + folder + "/" + names + "); add com.google.ortools:ortools-" + Platform.RESOURCE_PREFIX
                + " to the class path, or set -D" + LIBRARY_PROPERTY + "=/path/to/libhighs");
    }
}
