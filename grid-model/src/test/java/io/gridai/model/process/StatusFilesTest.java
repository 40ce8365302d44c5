package io.gridai.model.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusFilesTest {

    @Test
    void writesAndReplacesPropertiesLeavingNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run").resolve("component.ready");
        Properties first = new Properties();
        first.setProperty("pid", "42");
        StatusFiles.write(file, first, "ready");
        Properties second = new Properties();
        second.setProperty("pid", "43");
        StatusFiles.write(file, second, "ready");

        Properties read = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            read.load(in);
        }
        assertThat(read).containsEntry("pid", "43").hasSize(1);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }
}
