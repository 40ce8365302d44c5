package io.gridai.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code gridai} command: one entry point for running, inspecting and studying the platform. */
@Command(name = "gridai",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "GridAI: streaming grid telemetry, forecasts, dispatch and reviewed AI interventions.",
        subcommands = {UpCommand.class, StatusCommand.class, TopicsCommand.class, CommandLine.HelpCommand.class})
public final class GridAi implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line; tests call this to run commands in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new GridAi()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
