package io.gridai.storage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the storage manager reads from configuration, under {@code gridai.storage}. Kafka client settings
 * ({@code kafka.bootstrap.servers} and any other {@code kafka.*} key) go to its consumer and producer as they are.
 * Every key is also in the module README with its default.
 */
@ConfigMapping(prefix = "gridai.storage")
public interface StorageConfig {

    /** The batteries and their limits. */
    Fleet fleet();

    /** Fast frequency response and reserve holding. */
    Response response();

    /** How old telemetry may get. */
    Telemetry telemetry();

    /** The setpoints issued. */
    Setpoints setpoints();

    /** Where telemetry is read. */
    Inputs inputs();

    /** Manual holds: operators' and approved proposals' setpoints for the fleet's units. */
    Holds holds();

    /** Which clock "now" is read from. */
    @WithDefault("wall")
    ClockSource clock();

    /** How often (wall clock) the manager decides when no frequency reading arrives. */
    @WithDefault("PT1S")
    Duration checkInterval();

    /** Where "now" comes from. */
    enum ClockSource {
        /** The machine's clock. */
        WALL,
        /**
         * The latest event time of the fleet's readings and of the frequency: follows a grid twin running faster than
         * real time, or a replay. Nothing is decided before the first reading.
         */
        TELEMETRY
    }

    /** The batteries. */
    interface Fleet {
        /**
         * {@code ASSET@BUS:MWH:MW[:SOC],...}: the short form the grid twin ({@code --batteries}) and the dispatch
         * optimiser ({@code gridai.dispatch.grid.batteries}) share; MW is the charge and discharge limit.
         */
        @WithDefault("none")
        String batteries();

        /** Fleet-wide defaults a unit can override under {@code units."<asset>".*}. */
        @WithParentName
        UnitDefaults defaults();

        /** Per-unit overrides, keyed by asset id (quote ids with dashes: {@code units."bess-1".soc-min}). */
        Map<String, UnitOverride> units();
    }

    /** Defaults for every unit. */
    interface UnitDefaults {
        /** Fraction of grid energy stored when charging (the twin's 95 %). */
        @WithDefault("0.95")
        double chargeEfficiency();

        /** Fraction of stored energy delivered when discharging. */
        @WithDefault("0.95")
        double dischargeEfficiency();

        /** Lowest state of charge, fraction of capacity. */
        @WithDefault("0.05")
        double socMin();

        /** Highest state of charge, fraction of capacity. */
        @WithDefault("0.95")
        double socMax();

        /** Largest change between setpoints, as a fraction of the unit's larger power limit per second. */
        @WithDefault("1.0")
        double rampPerSecond();

        /** Wear cost per MWh discharged, $/MWh: give the dispatch optimiser the same battery-cycling-cost-per-mwh. */
        @WithDefault("0.5")
        double degradationCostPerMwh();
    }

    /** One unit's overrides; absent keys take the fleet's. */
    interface UnitOverride {
        Optional<Double> maxChargeMw();

        Optional<Double> maxDischargeMw();

        Optional<Double> chargeEfficiency();

        Optional<Double> dischargeEfficiency();

        Optional<Double> socMin();

        Optional<Double> socMax();

        Optional<Double> rampMwPerSecond();

        Optional<Double> degradationCostPerMwh();

        /** Power held back for frequency response, MW. */
        Optional<Double> reserveMw();

        /** Droop gain, MW/Hz; 0 takes the unit out of frequency response. */
        Optional<Double> droopMwPerHz();
    }

    /** Fast frequency response. */
    interface Response {
        /** Whether the fleet responds to frequency at all. */
        @WithDefault("true")
        boolean enabled();

        /** f0, Hz. */
        @WithDefault("60")
        double nominalHz();

        /** No response while |f − f0| is at most this, Hz. */
        @WithDefault("0.015")
        double deadBandHz();

        /** The deviation at which a unit delivers its whole reserve: sets the default droop gain. */
        @WithDefault("0.5")
        double fullResponseDeviationHz();

        /** Reserve as a fraction of the unit's smaller power limit, held back from the schedule. */
        @WithDefault("0.5")
        double reserveFraction();

        /** How long the reserve power must be sustainable: the energy held back. */
        @WithDefault("PT15M")
        Duration sustain();

        /** Asset whose FREQUENCY readings drive the response (the grid twin's system frequency). */
        @WithDefault("system")
        String frequencyAsset();

        /** A frequency reading older than this (service clock) gets no response. */
        @WithDefault("PT5S")
        Duration maxFrequencyAge();

        /** A reading further than this from f0 is a bad measurement, not a grid event: no response. */
        @WithDefault("3.0")
        double plausibleDeviationHz();
    }

    /** Telemetry freshness. */
    interface Telemetry {
        /** Beyond this the state of charge is an estimate (shown as ESTIMATED). */
        @WithDefault("PT5S")
        Duration estimateAfter();

        /** Beyond this the unit is brought to zero and held, and an alert is raised. */
        @WithDefault("PT30S")
        Duration safeAfter();
    }

    /** Setpoints. */
    interface Setpoints {
        /** Validity of each setpoint: a silent manager's units rest once it has passed. */
        @WithDefault("PT10S")
        Duration validity();

        /** A new setpoint goes out when the target moves by at least this, MW (or the mode changes, or half the validity passed). */
        @WithDefault("0.05")
        double minChangeMw();
    }

    /** Inputs. */
    interface Holds {
        /**
         * At start, {@code grid.setpoints} is read again from this far back (Kafka record time), so that a restarted
         * manager knows the holds still valid. At least the longest validity an override may have (operator-api's
         * {@code gridai.operator.overrides.max-valid-for}, PT4H).
         */
        @WithDefault("PT4H")
        Duration lookback();
    }

    /** Where telemetry and schedules are read. */
    interface Inputs {
        /**
         * The telemetry topic, a Measurement topic of grid-model's registry: when not set {@code Topics.TELEMETRY_RAW}
         * (the frequency as soon as ingestion has it), or {@code telemetry.clean} (after Flink, later).
         */
        Optional<String> liveStateTopic();

        /** Schedules are re-read from this far back at start (Kafka record time). */
        @WithDefault("PT2H")
        Duration scheduleLookback();
    }
}
