package io.gridai.operator.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The grid the platform runs, for the network view and the setpoint envelope: the same keys, meanings and formats as
 * the dispatch optimiser's {@code gridai.dispatch.grid.*}. Without a case file the network view and overrides answer
 * 503 naming {@code gridai.operator.grid.case-file}.
 */
@ConfigMapping(prefix = "gridai.operator.grid")
public interface GridConfig {

    /** The MATPOWER {@code .m} case file the grid twin runs. */
    Optional<Path> caseFile();

    /**
     * Optional CSV {@code row,asset} (1-based {@code mpc.gen} rows to asset ids, e.g. RTS-GMLC GEN UIDs); rows it does
     * not list are {@code gen-<bus>-<k>} like the twin; an asset of {@code -} leaves the row out.
     */
    Optional<Path> generatorNames();

    /** Batteries, comma-separated {@code ASSET@BUS:MWH:MW[:SOC]} like the twin's {@code --batteries}; {@code none} for none. */
    @WithDefault("none")
    String batteries();

    /** Ramp of a unit whose case row gives none, as a fraction of its PMAX per minute (the twin's default). */
    @WithDefault("0.02")
    double defaultRampPerMinute();

    /** The zone of each bus, {@code {area}} replaced by its AREA (as the dispatch optimiser and flink-jobs name zones). */
    @WithDefault("zone-{area}")
    String zoneTemplate();
}
