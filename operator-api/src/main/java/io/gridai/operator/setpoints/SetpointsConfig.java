package io.gridai.operator.setpoints;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The setpoints the API shows ({@code gridai.operator.setpoints.*}); every key is in the module README. */
@ConfigMapping(prefix = "gridai.operator.setpoints")
public interface SetpointsConfig {

    /** How far back {@code grid.setpoints} is re-read at start: the reach of the history endpoint. */
    @WithDefault("PT24H")
    Duration lookback();

    /** Most setpoints held in memory; the oldest (by issue time) leave first. */
    @WithDefault("100000")
    int maxCount();

    /** Most setpoints one history request answers ({@code limit} may ask for fewer). */
    @WithDefault("1000")
    int historyLimit();
}
