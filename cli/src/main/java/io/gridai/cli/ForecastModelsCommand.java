package io.gridai.cli;

import io.gridai.inference.model.ModelMetadata;
import io.gridai.inference.model.ModelMetadata.Horizon;
import io.gridai.inference.registry.ModelRegistry;
import io.gridai.inference.serve.InferenceSettings;
import io.gridai.inference.serve.OnnxForecastModel;
import io.gridai.model.id.ZoneId;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridai forecast models}: lists the registry's versions per zone and horizon, and switches which one serves
 * ({@code --activate}) or shadows ({@code --shadow}, {@code --clear-shadow}); a running forecast job follows within
 * its refresh interval, without a restart.
 */
@Command(name = "models", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the model registry's versions per zone and horizon (* active, ~ shadow), or switch the "
                + "active or shadow version of one zone and horizon. A running forecast job follows without a restart."})
public final class ForecastModelsCommand implements Callable<Integer> {

    @Option(names = "--models", required = true, paramLabel = "DIR", description = "The model registry folder.")
    Path models;

    @Option(names = "--zone-id", paramLabel = "ZONE", description = "The zone to change.")
    String zoneId;

    @Option(names = "--horizon", paramLabel = "H", description = "DAY_AHEAD or INTRADAY (to change one).")
    Horizon horizon;

    @Option(names = "--activate", paramLabel = "VERSION", description = "Make VERSION the one that serves.")
    String activate;

    @Option(names = "--shadow", paramLabel = "VERSION", description = "Run VERSION as a shadow of the active one.")
    String shadow;

    @Option(names = "--clear-shadow", description = "Stop the shadow.")
    boolean clearShadow;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (ModelRegistry registry = new ModelRegistry(models, InferenceSettings.defaults(), Duration.ZERO)) {
            boolean change = activate != null || shadow != null || clearShadow;
            if (change) {
                if (zoneId == null || horizon == null) {
                    throw new IllegalArgumentException("--activate, --shadow and --clear-shadow need --zone-id and"
                            + " --horizon");
                }
                ZoneId zone = ZoneId.of(zoneId);
                List<String> versions = registry.versions(zone, horizon);
                for (String v : new String[] {activate, shadow}) {
                    if (v != null && !versions.contains(v)) {
                        throw new IllegalArgumentException("zone " + zone + " has no " + horizon + " version '" + v
                                + "'; it has " + versions);
                    }
                }
                if (activate != null) {
                    registry.activate(zone, horizon, activate);
                }
                if (shadow != null) {
                    registry.setShadow(zone, horizon, shadow);
                }
                if (clearShadow) {
                    registry.clearShadow(zone, horizon);
                }
            }
            list(registry, out);
        }
        out.flush();
        return 0;
    }

    private void list(ModelRegistry registry, PrintWriter out) throws IOException {
        if (!Files.isDirectory(models)) {
            out.println("no models in " + models + "; train some with `gridai forecast train`");
            return;
        }
        out.println("zone,horizon,version,role,features,trained_until,train_mape");
        try (Stream<Path> zones = Files.list(models).sorted()) {
            for (Path zoneDir : zones.filter(Files::isDirectory).toList()) {
                ZoneId zone;
                try {
                    zone = ZoneId.of(java.net.URLDecoder.decode(zoneDir.getFileName().toString(),
                            java.nio.charset.StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                for (Horizon h : Horizon.values()) {
                    String active = registry.activeVersion(zone, h).orElse("");
                    String shadowVersion = registry.shadowVersion(zone, h).orElse("");
                    for (String v : registry.versions(zone, h)) {
                        ModelMetadata m = OnnxForecastModel.metadataOf(registry.file(zone, h, v));
                        Double mape = m.metrics().get("train_mape");
                        out.printf(Locale.ROOT, "%s,%s,%s,%s,%d,%s,%s%n", zone, h, v,
                                v.equals(active) ? "*active" : v.equals(shadowVersion) ? "~shadow" : "",
                                m.features().size(), m.trainedUntil(), mape == null ? "" : String.format(Locale.ROOT,
                                        "%.2f", mape));
                    }
                }
            }
        }
    }
}
