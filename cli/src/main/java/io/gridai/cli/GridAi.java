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
                DcOpfCommand.class, ForecastCommand.class, TokenCommand.class, AuditCommand.class, ArchiveCommand.class,
                ReplayCommand.class, DecodeCommand.class,
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
                || e instanceof IllegalArgumentException || e instanceof io.gridai.model.GridModelException
                || e instanceof io.gridai.dispatch.opf.dc.DcNetworkException
                || e instanceof io.gridai.dispatch.opf.highs.SolverUnavailableException) {
            String cause = e.getCause() != null && e instanceof java.io.UncheckedIOException ? ": " + describe(e.getCause()) : "";
            commandLine.getErr().println("gridai " + commandLine.getCommandName() + ": " + e.getMessage() + cause);
            commandLine.getErr().flush();
            return 2;
        }
        throw e;
    }

    /** An I/O failure in words: the JDK's file exceptions carry only the path as their message. */
    private static String describe(Throwable cause) {
        if (cause instanceof java.nio.file.NoSuchFileException f) {
            return "no such file " + f.getFile() + "; check the path";
        }
        if (cause instanceof java.nio.file.AccessDeniedException f) {
            return "permission denied on " + f.getFile();
        }
        return cause.getMessage();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
