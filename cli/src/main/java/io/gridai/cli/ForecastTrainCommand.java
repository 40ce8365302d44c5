package io.gridai.cli;

import io.gridai.inference.fit.ModelFitter;
import io.gridai.inference.fit.ZoneModelTraining;
import io.gridai.inference.model.ModelMetadata;
import io.gridai.inference.model.ModelMetadata.Horizon;
import io.gridai.inference.registry.ModelRegistry;
import io.gridai.inference.serve.InferenceSettings;
import io.gridai.model.id.ZoneId;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridai forecast train}: trains a zone's day-ahead and intraday models from its history and publishes them
 * into a model registry, active (the running forecast job swaps to them without a restart) or as shadows.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a zone's day-ahead and intraday load models from its history and publish them into the "
                + "model registry (--models). By default they become the active models, which a running forecast job "
                + "picks up without a restart; --shadow runs them beside the active ones, scored but never published."})
public final class ForecastTrainCommand implements Callable<Integer> {

    @Mixin
    LoadDataOptions data;

    @Option(names = "--zone-id", required = true, paramLabel = "ZONE", description = "The GridAI zone, e.g. zone-1.")
    String zoneId;

    @Option(names = "--models", required = true, paramLabel = "DIR",
            description = "The model registry folder (the platform's is .gridai/models).")
    Path models;

    @Option(names = "--horizons", split = ",", defaultValue = "DAY_AHEAD,INTRADAY", paramLabel = "H",
            description = "Which models: DAY_AHEAD, INTRADAY or both (default: ${DEFAULT-VALUE}).")
    List<Horizon> horizons;

    @Option(names = "--train-until", paramLabel = "DATE",
            description = "Use target hours before this local date (default: all the history).")
    LocalDate trainUntil;

    @Option(names = "--issue-time", defaultValue = "10:00", paramLabel = "HH:MM",
            description = "Local day-ahead issue time (default: ${DEFAULT-VALUE}).")
    LocalTime issueTime;

    @Option(names = "--intraday-hours", defaultValue = "6", description = "Hours an intraday forecast covers (default: ${DEFAULT-VALUE}).")
    int intradayHours;

    @Option(names = "--shadow", description = "Publish as shadow models instead of activating them.")
    boolean shadow;

    @Mixin
    BoostingOptions boosting;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        ZoneId zone = ZoneId.of(zoneId);
        LoadDataOptions.Resolved resolved = data.resolve(err);
        err.println(resolved.load().report().summary("load"));
        ZoneModelTraining training = new ZoneModelTraining(resolved.load().series(),
                resolved.weather() == null ? null : resolved.weather().series(), resolved.zone(), resolved.country(),
                issueTime, intradayHours, trainUntil == null ? null : trainUntil.atStartOfDay(resolved.zone()).toInstant(),
                boosting.trainingOptions());
        try (ModelRegistry registry = new ModelRegistry(models, InferenceSettings.defaults(), Duration.ZERO)) {
            for (Horizon horizon : horizons) {
                try (ModelFitter.Fitted fitted = horizon == Horizon.DAY_AHEAD ? training.dayAhead(line -> progress(err, line))
                        : training.intraday(line -> progress(err, line))) {
                    ModelMetadata published = registry.publish(zone, fitted.onnx());
                    if (shadow) {
                        registry.setShadow(zone, horizon, published.version());
                    } else {
                        registry.activate(zone, horizon, published.version());
                    }
                    out.printf(Locale.ROOT, "%s %s %s %s (train MAPE %.2f %%, %d features%s)%n", zone, horizon,
                            published.version(), shadow ? "shadow" : "active", published.metrics().get("train_mape"),
                            published.features().size(), resolved.weather() == null ? ", no weather" : "");
                }
            }
        }
        out.flush();
        return 0;
    }

    private static void progress(PrintWriter err, String line) {
        err.println(line);
        err.flush();
    }
}
