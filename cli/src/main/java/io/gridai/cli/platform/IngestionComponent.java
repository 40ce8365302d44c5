package io.gridai.cli.platform;

import io.gridai.model.unit.MeasurementKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The ingestion service (a packaged Quarkus application) as its own JVM, writing to the platform's broker.
 * Its approved sources live in {@code <data>/ingestion/ingestion.properties}, written on first start with two
 * sources and kept afterwards (edit it to add a utility's feeds): {@code grid-sim} (the twin, through the
 * Kafka-direct feed) and {@code local-utility} (a random API key for the HTTP feed, and the Kafka-direct feed).
 * Ready when {@code /q/health/ready} answers 200 (the broker answers and has ingestion's topics).
 */
public final class IngestionComponent extends QuarkusComponent {

    public static final String NAME = "ingestion";
    /** The twin's source id in the generated registry (the twin's own {@code TwinSettings.DEFAULT_SOURCE}). */
    public static final String TWIN_SOURCE = "grid-sim";
    public static final String LOCAL_SOURCE = "local-utility";

    private final Function<PlatformLayout, Map<String, String>> extraConfig;

    /**
     * @param bootstrap   Kafka bootstrap servers, known once the broker is up
     * @param app         the service's {@code quarkus-run.jar}
     * @param host        address the HTTP feed binds to
     * @param port        its port; 0 picks a free one
     * @param heap        maximum heap, e.g. {@code 512m}
     * @param extraConfig configuration properties for this run (e.g. the MQTT channel's broker, known once it
     *                    runs), written to a file only the user can read, as they may hold a password
     */
    public IngestionComponent(Supplier<String> bootstrap, Path app, String host, int port, String heap,
            Function<PlatformLayout, Map<String, String>> extraConfig) {
        super(bootstrap, app, host, port, heap);
        this.extraConfig = extraConfig;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected String title() {
        return "The ingestion service";
    }

    @Override
    protected String module() {
        return "ingestion";
    }

    @Override
    protected Map<String, String> runSettings(PlatformLayout layout) {
        return extraConfig.apply(layout);
    }

    @Override
    protected Path runSettingsFile(PlatformLayout layout) {
        return layout.runDir().resolve(NAME + "-connections.properties");
    }

    @Override
    protected List<Path> keptConfigFiles(PlatformLayout layout) {
        return List.of(sourcesFile(layout));
    }

    @Override
    protected List<String> urls(String base) {
        return List.of(base + "/v1/measurements", base + "/q/openapi");
    }

    @Override
    protected Map<String, String> endpoints(PlatformLayout layout) {
        return Map.of("sources", sourcesFile(layout).toString());
    }

    /** The source registry this platform's ingestion reads; written once, with a fresh API key. */
    public static Path sourcesFile(PlatformLayout layout) {
        Path file = layout.componentData(NAME).resolve("ingestion.properties");
        if (Files.exists(file)) {
            return file;
        }
        String kinds = Arrays.stream(MeasurementKind.values()).map(Enum::name).collect(Collectors.joining(","));
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        List<String> lines = new ArrayList<>(List.of(
                "# GridAI ingestion's approved sources, written by ./gridai up on " + Instant.now() + ".",
                "# Kept across runs: add your utility's feeds here (see ingestion/README.md), then restart.",
                "",
                "# The grid twin, through the Kafka-direct feed (its inbound topic).",
                "gridai.ingestion.sources." + TWIN_SOURCE + ".utility=GridAI grid twin",
                "gridai.ingestion.sources." + TWIN_SOURCE + ".allowed-assets=*",
                "gridai.ingestion.sources." + TWIN_SOURCE + ".allowed-kinds=" + kinds,
                "gridai.ingestion.sources." + TWIN_SOURCE + ".kafka-direct=true",
                "",
                "# A local test utility: HTTP with this key (X-Api-Key), Kafka-direct, and MQTT as this username.",
                "gridai.ingestion.sources." + LOCAL_SOURCE + ".utility=Local test utility",
                "gridai.ingestion.sources." + LOCAL_SOURCE + ".api-key=" + HexFormat.of().formatHex(key),
                "gridai.ingestion.sources." + LOCAL_SOURCE + ".allowed-assets=*",
                "gridai.ingestion.sources." + LOCAL_SOURCE + ".allowed-kinds=" + kinds,
                "gridai.ingestion.sources." + LOCAL_SOURCE + ".kafka-direct=true",
                "gridai.ingestion.sources." + LOCAL_SOURCE + ".mqtt-username=" + LOCAL_SOURCE));
        return PlatformFiles.writeOnce(file, lines, "ingestion's sources");
    }
}
