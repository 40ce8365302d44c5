package io.gridai.cli.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

import io.gridai.sim.run.GridTwinMain;

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
    private final List<String> extraArguments;

    /**
     * @param bootstrap     Kafka bootstrap servers, known once the broker is up
     * @param sharedData    the shared data folder, if any (RTS-GMLC with real series)
     * @param caseFile      a MATPOWER case to run instead, with the built-in profile
     * @param speed         simulated seconds per wall second, 1..1000
     * @param tick          grid time per solve
     * @param imperfections {@code none} or {@code realistic}
     * @param extraArguments further {@code GridTwinMain} options, e.g. {@code --load-profile opsd-fr}
     */
    public GridSimComponent(Supplier<String> bootstrap, Optional<Path> sharedData, Optional<Path> caseFile, double speed,
            Duration tick, String imperfections, List<String> extraArguments) {
        this.bootstrap = bootstrap;
        this.sharedData = sharedData;
        this.caseFile = caseFile;
        this.speed = speed;
        this.tick = tick;
        this.imperfections = imperfections;
        this.extraArguments = List.copyOf(extraArguments);
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
        List<String> args = new ArrayList<>(List.of("--bootstrap", bootstrap.get(), "--speed", String.valueOf(speed),
                "--tick", tick.toString(), "--imperfections", imperfections));
        caseFile.ifPresent(c -> args.addAll(List.of("--case", c.toAbsolutePath().toString())));
        sharedData.ifPresent(d -> args.addAll(List.of("--shared-data", d.toAbsolutePath().toString())));
        args.addAll(List.of("--heartbeat-file", heartbeatFile(layout).toString()));
        args.addAll(extraArguments);
        return args;
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
