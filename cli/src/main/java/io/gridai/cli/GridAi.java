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
        subcommands = {UpCommand.class, StatusCommand.class, TopicsCommand.class, PowerFlowCommand.class,
                ForecastCommand.class,
                CommandLine.HelpCommand.class})
public final class GridAi implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line; tests call this to run commands in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new GridAi())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(GridAi::explain);
    }

    /**
     * Expected refusals (bad input files, unreadable paths, invalid values) are told in one line, without a stack
     * trace; anything else is a bug and keeps its trace.
     */
    private static int explain(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) throws Exception {
        if (e instanceof io.gridai.network.GridNetworkException || e instanceof java.io.UncheckedIOException
                || e instanceof IllegalArgumentException || e instanceof io.gridai.model.GridModelException) {
            String cause = e.getCause() != null && e instanceof java.io.UncheckedIOException ? ": " + e.getCause().getMessage() : "";
            commandLine.getErr().println("gridai " + commandLine.getCommandName() + ": " + e.getMessage() + cause);
            commandLine.getErr().flush();
            return 2;
        }
        throw e;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
