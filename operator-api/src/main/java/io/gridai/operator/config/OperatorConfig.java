package io.gridai.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Everything the operator API reads from configuration under {@code gridai.operator}. Token verification is
 * smallrye-jwt's own ({@code mp.jwt.verify.*}, {@code smallrye.jwt.*}); Kafka client settings ({@code kafka.*}) go to
 * the service's consumers and producer as they are. Every key is also in the module README with its default.
 */
@ConfigMapping(prefix = "gridai.operator")
public interface OperatorConfig {

    /** The alert window. */
    Alerts alerts();

    /** The service's audit chain. */
    Audit audit();

    /** The live streams ({@code /api/v1/streams/*}). */
    Streams streams();

    /** The zones' load and forecasts kept in memory ({@code /api/v1/zones}). */
    Zones zones();

    /**
     * Where the grid's "now" comes from: {@code wall} (the machine's clock) or {@code telemetry} (the newest event
     * time read from {@code telemetry.clean}, for a twin replaying a past period). See {@code clock/GridClock}.
     */
    @WithDefault("wall")
    io.gridai.operator.clock.GridClock.Source clock();

    /** The zones' recent load windows and forecasts. */
    interface Zones {
        /** How far back {@code grid.zone-load} and {@code grid.forecasts} are re-read at start. */
        @WithDefault("PT48H")
        Duration lookback();

        /** Windows kept per zone and window length (2016: a week of 5-minute windows). */
        @WithDefault("2016")
        int maxWindows();

        /** Forecasts kept per zone (the newest by issue time). */
        @WithDefault("96")
        int maxForecasts();
    }

    /** The alerts kept in memory. */
    interface Alerts {
        /** Most alerts kept; the oldest (by alert time) leave first. */
        @WithDefault("1000")
        int maxCount();

        /** How far back {@code grid.alerts} is re-read at start. */
        @WithDefault("PT24H")
        Duration lookback();
    }

    /** Where the operators' actions are recorded. */
    interface Audit {
        /** The chain's name: the key of its events on {@code grid.audit}. One running instance per chain. */
        @WithDefault("operator-api")
        String chain();

        /** How long reading {@code grid.audit} to its end at start, and one append, may take. */
        @WithDefault("PT30S")
        Duration timeout();
    }

    /** The live streams. */
    interface Streams {
        /** Live events a client may have waiting; one more and the client is dropped. */
        @WithDefault("1024")
        int buffer();

        /** Events of each topic kept for resumption (Last-Event-ID); older ids answer 410. */
        @WithDefault("1000")
        int replay();

        /** How long a dropped client's write in flight may take before its connection is closed. */
        @WithDefault("PT5S")
        Duration dropGrace();

        /** SO_SNDBUF of the HTTP server's sockets in bytes; 0 leaves the OS default (and its autotuning). */
        @WithDefault("0")
        int socketSendBuffer();
    }
}
