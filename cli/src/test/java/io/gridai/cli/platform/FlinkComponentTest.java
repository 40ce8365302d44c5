package io.gridai.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkComponentTest {

    @TempDir
    Path dir;

    @Test
    void theArchiveGoesUnderTheDataDirectoryUnlessSwitchedOff() {
        PlatformLayout layout = new PlatformLayout(dir);
        List<String> on = new FlinkComponent(() -> "localhost:9", dir, 5701, true).arguments(layout);
        assertThat(on).containsSubsequence("--set", "archive.enabled=true")
                .containsSubsequence("--set", "archive.root=" + dir.toAbsolutePath().resolve("archive").toUri());
        assertThat(FlinkComponent.archiveDir(layout)).isEqualTo(dir.toAbsolutePath().resolve("archive"));

        List<String> off = new FlinkComponent(() -> "localhost:9", dir, 5701, false).arguments(layout);
        assertThat(off).containsSubsequence("--set", "archive.enabled=false");
    }
}
