package io.gridai.cli.platform;

import io.gridai.model.id.SandboxId;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The replay module as {@code gridai replay} and the operator API's {@code /api/v1/replays} start it: its class path
 * (the built jar and {@code target/lib}), and the files a running replay of a sandbox is steered and watched through,
 * named the same for both so that either steers a replay the other started.
 */
public final class ReplayModule {

    private ReplayModule() {
    }

    /**
     * The replay module's jar and its {@code target/lib}, under {@code module} (the replay module's folder).
     *
     * @throws IllegalStateException saying how to build it when it is not built
     */
    public static String classPath(Path module) {
        return builtClassPath(module).orElseThrow(() -> new IllegalStateException("the replay module is not built (no"
                + " jar and lib/ in " + module.resolve("target") + "); build it with ./mvnw -B -pl replay -am package"
                + " -DskipTests, or run ./gridai, which builds it"));
    }

    /** The class path when the replay module under {@code module} is built. */
    public static Optional<String> builtClassPath(Path module) {
        Path target = module.resolve("target");
        Path lib = target.resolve("lib");
        Path jar = null;
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                jar = files.filter(f -> f.getFileName().toString().matches("replay-.*\\.jar")
                        && !f.getFileName().toString().endsWith("-tests.jar")).findFirst().orElse(null);
            } catch (IOException e) {
                jar = null;
            }
        }
        if (jar == null || !Files.isDirectory(lib)) {
            return Optional.empty();
        }
        return Optional.of(jar.toAbsolutePath() + File.pathSeparator + lib.toAbsolutePath() + "/*");
    }

    /** The replay module's folder in the installation ({@code gridai.home}, default the working directory). */
    public static Path home() {
        return Path.of(System.getProperty("gridai.home", ".")).toAbsolutePath().resolve("replay");
    }

    /** Where a running replay of sandbox {@code id} watches for pause/resume/stop. */
    public static Path controlFile(PlatformLayout layout, SandboxId id) {
        return layout.runDir().toAbsolutePath().resolve("replay-" + id.value() + ".control");
    }

    /** Where a replay of sandbox {@code id} keeps its status (ReplayMain --status-file). */
    public static Path statusFile(PlatformLayout layout, SandboxId id) {
        return layout.runDir().toAbsolutePath().resolve("replay-" + id.value() + ".status.json");
    }

    /** The per-sandbox folders: {@code DATA/replay/NAME/{work,report,tmp}}. */
    public static Path dir(PlatformLayout layout) {
        return layout.dataDir().toAbsolutePath().resolve("replay");
    }
}
