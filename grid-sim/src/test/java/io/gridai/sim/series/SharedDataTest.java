package io.gridai.sim.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search order on a temporary tree:
 *
 * <pre>
 *   root/
 *     repo/module/          working directory of a module's tests
 *     repo/shared/data/     ../shared/data seen from repo/module (README.md present)
 *     shared/data/          ../../shared/data seen from repo/module (README.md present)
 *     configured/           README.md present
 *     no-readme/            no README.md
 * </pre>
 */
class SharedDataTest {

    @TempDir
    Path root;

    private Path module;

    @BeforeEach
    void tree() throws IOException {
        module = Files.createDirectories(root.resolve("repo/module"));
        for (String dir : new String[] {"repo/shared/data", "shared/data", "configured"}) {
            Files.writeString(Files.createDirectories(root.resolve(dir)).resolve("README.md"), "data");
        }
        Files.createDirectories(root.resolve("no-readme"));
    }

    @Test
    void theSystemPropertyComesFirst() {
        assertThat(SharedData.locate(root.resolve("configured").toString(), root.resolve("shared/data").toString(),
                module)).contains(root.resolve("configured"));
    }

    @Test
    void theEnvironmentComesBeforeRelativeFolders() {
        assertThat(SharedData.locate(null, root.resolve("configured").toString(), module))
                .contains(root.resolve("configured"));
    }

    @Test
    void aConfiguredFolderWithoutReadmeIsPassedOver() {
        assertThat(SharedData.locate(root.resolve("no-readme").toString(), "  ", module))
                .contains(root.resolve("repo/shared/data"));
    }

    @Test
    void looksOneThenTwoLevelsUp() throws IOException {
        assertThat(SharedData.locate(null, null, module)).contains(root.resolve("repo/shared/data"));
        Files.delete(root.resolve("repo/shared/data/README.md"));
        assertThat(SharedData.locate(null, null, module)).contains(root.resolve("shared/data"));
        assertThat(SharedData.locate(null, null, root.resolve("repo"))).contains(root.resolve("shared/data"));
    }

    @Test
    void isEmptyWhenNothingQualifies() throws IOException {
        Files.delete(root.resolve("repo/shared/data/README.md"));
        Files.delete(root.resolve("shared/data/README.md"));
        assertThat(SharedData.locate(root.resolve("missing").toString(), null, module)).isEmpty();
    }

    @Test
    void aRelativeConfiguredPathStartsAtTheWorkingDirectory() {
        assertThat(SharedData.locate("../../configured", null, module)).contains(root.resolve("configured"));
    }
}
