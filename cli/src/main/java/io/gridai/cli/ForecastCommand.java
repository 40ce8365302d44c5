package io.gridai.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gridai forecast …}: load-forecast research commands. */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = "Load forecasts: train, export to ONNX and backtest against real data.",
        subcommands = {ForecastBacktestCommand.class, ForecastTrainCommand.class, ForecastModelsCommand.class})
public final class ForecastCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
