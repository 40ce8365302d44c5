package io.gridai.cli;

import java.nio.file.Path;

import io.gridai.cli.platform.PlatformLayout;
import picocli.CommandLine.Option;

/** The one folder under which the embedded platform keeps its data, logs and run file. */
public final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            defaultValue = "${env:GRIDAI_DATA_DIR:-${sys:gridai.home:-.}/.gridai}",
            description = "Folder for all platform data, logs and the run file (env GRIDAI_DATA_DIR; default: ${DEFAULT-VALUE}).")
    Path dataDir;

    public PlatformLayout layout() {
        return new PlatformLayout(dataDir);
    }
}
