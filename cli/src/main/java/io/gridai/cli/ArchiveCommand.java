package io.gridai.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** `gridai archive`: the historic archive of telemetry, forecasts, setpoints and alerts (issue 11). */
@Command(name = "archive", mixinStandardHelpOptions = true,
        description = "The historic archive: Avro files by dataset, date and feed (DATASET/date=YYYY-MM-DD/feed=FEED/*.avro).",
        subcommands = {ArchiveImportCommand.class, ArchiveLsCommand.class})
public final class ArchiveCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
