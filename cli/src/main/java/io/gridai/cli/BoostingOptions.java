package io.gridai.cli;

import io.gridai.inference.train.TrainingOptions;
import picocli.CommandLine.Option;

/** The training options the forecast commands share. */
final class BoostingOptions {

    @Option(names = "--max-rounds", defaultValue = "2000", description = "Boosting rounds at most; the most recent 15 %"
            + " of the history chooses how many (default: ${DEFAULT-VALUE}).")
    int maxRounds;

    @Option(names = "--threads", defaultValue = "2", description = "Training threads (default: ${DEFAULT-VALUE}).")
    int threads;

    TrainingOptions trainingOptions() {
        return TrainingOptions.defaults().withRounds(maxRounds).withThreads(threads);
    }
}
