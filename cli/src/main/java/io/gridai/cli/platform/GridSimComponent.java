package io.gridai.cli.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

import io.gridai.sim.run.GridTwinMain;
import io.gridai.sim.run.TwinScenario;
import io.gridai.sim.scenario.RtsGmlcDrivers;

/**
 * The grid twin as its own JVM ({@link GridTwinMain}), publishing to the platform's Kafka broker: RTS-GMLC with
 * its real 2020 series when the shared data folder is found, the case given with {@code --sim-case}, else
 * IEEE 118 with the built-in profile. Its ready file appears after its first published tick.
 */
public final class GridSimComponent extends JvmComponent {

    public static final String NAME = "grid-sim";

    private final Supplier<String> bootstrap;
    private final Optional<Path> sharedData;
    private final Optional<Path> caseFile;
    private final double speed;
    private final Duration tick;
    private final String imperfections;
    private final Map<String, String> extraOptions;
    private TwinScenario scenario;

    /**
     * @param bootstrap     Kafka bootstrap servers, known once the broker is up
     * @param sharedData    the shared data folder, if any (RTS-GMLC with real series)
     * @param caseFile      a MATPOWER case to run instead, with the built-in profile
     * @param speed         simulated seconds per wall second, 1..1000
     * @param tick          grid time per solve
     * @param imperfections {@code none} or {@code realistic}
     * @param extraOptions  further {@code GridTwinMain} options and their values, e.g. {@code --load-profile opsd-fr}
     */
    public GridSimComponent(Supplier<String> bootstrap, Optional<Path> sharedData, Optional<Path> caseFile, double speed,
            Duration tick, String imperfections, Map<String, String> extraOptions) {
        this.bootstrap = bootstrap;
        this.sharedData = sharedData;
        this.caseFile = caseFile;
        this.speed = speed;
        this.tick = tick;
        this.imperfections = imperfections;
        this.extraOptions = new LinkedHashMap<>(extraOptions);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected String title() {
        return "The grid twin";
    }

    @Override
    protected String mainClass() {
        return GridTwinMain.class.getName();
    }

    @Override
    protected List<String> jvmOptions(PlatformLayout layout) {
        List<String> options = new ArrayList<>(List.of("-Xmx768m"));
        options.addAll(loggingOptions(layout, NAME));
        return options;
    }

    @Override
    protected List<String> arguments(PlatformLayout layout) {
        List<String> args = new ArrayList<>(List.of("--bootstrap", bootstrap.get()));
        options().forEach((name, value) -> args.addAll(List.of(name, value)));
        args.addAll(List.of("--heartbeat-file", heartbeatFile(layout).toString()));
        return args;
    }

    /** The twin's options that say what it runs: its JVM gets them, and {@link #scenario()} reads them the same way. */
    private Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--speed", String.valueOf(speed));
        options.put("--tick", tick.toString());
        options.put("--imperfections", imperfections);
        caseFile.ifPresent(c -> options.put("--case", c.toAbsolutePath().toString()));
        sharedData.ifPresent(d -> options.put("--shared-data", d.toAbsolutePath().toString()));
        options.putAll(extraOptions);
        return options;
    }

    /**
     * What the twin runs (its case as it runs it, asset names, batteries), worked out here exactly as its JVM does
     * ({@link TwinScenario#choose} on the same options); read once, on first call (about a second for RTS-GMLC).
     *
     * @throws ComponentStartException when the options do not make a scenario (the twin itself would refuse them)
     */
    public synchronized TwinScenario scenario() {
        if (scenario == null) {
            try {
                scenario = TwinScenario.choose(options());
            } catch (RuntimeException e) {
                throw new ComponentStartException("cannot work out the grid twin's scenario: " + e.getMessage(), e);
            }
        }
        return scenario;
    }

    /** Grid seconds per wall second. */
    public double speed() {
        return speed;
    }

    /**
     * The MATPOWER file of the twin's case: {@code --sim-case}, or RTS-GMLC's in the shared data; empty when the twin
     * runs IEEE 118 from PowSyBl's IEEE CDF data (no file).
     */
    public Optional<Path> caseFile() {
        if (caseFile.isPresent()) {
            return caseFile.map(Path::toAbsolutePath);
        }
        if (scenario().drivers() instanceof RtsGmlcDrivers) {
            return sharedData.map(d -> d.resolve(TwinScenario.RTS_GMLC_CASE).toAbsolutePath());
        }
        return Optional.empty();
    }

    @Override
    protected ComponentRecord record(PlatformLayout layout, long pid, Properties ready) {
        return new ComponentRecord(NAME, HealthProbe.HEARTBEAT, pid, List.of(), Map.of(
                "scenario", ready.getProperty("scenario", "?"), "speed", String.valueOf(speed),
                HealthProbe.HEARTBEAT, heartbeatFile(layout).toString(),
                "log", layout.logsDir().resolve(NAME + ".log").toString()));
    }

    private static Path heartbeatFile(PlatformLayout layout) {
        return layout.runDir().resolve(NAME + ".heartbeat");
    }
}
