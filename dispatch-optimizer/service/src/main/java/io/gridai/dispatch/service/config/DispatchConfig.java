package io.gridai.dispatch.service.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Everything the dispatch service reads from configuration, under {@code gridai.dispatch}. Kafka client settings
 * ({@code kafka.bootstrap.servers} and any other {@code kafka.*} key) go to its consumers and producers as they are.
 * Every key is also in the module README with its default.
 */
@ConfigMapping(prefix = "gridai.dispatch")
public interface DispatchConfig {

    /** The grid: the MATPOWER case and how its generators, batteries and buses are named. */
    Grid grid();

    /** The horizon each solve covers. */
    Horizon horizon();

    /** When the service re-solves. */
    Triggers triggers();

    /** Forecasts and live state. */
    Inputs inputs();

    /** Setpoints: validity and the safety envelope. */
    Setpoints setpoints();

    /** Manual holds: operators' and approved proposals' setpoints, which the dispatch keeps instead of overwriting. */
    Holds holds();

    /** Prices of what the balance slack does. */
    Costs costs();

    /** Solve records kept for {@code GET /dispatch/solves}. */
    @WithDefault("200")
    int solvesKept();

    /** The audit chain the service writes one event per solve to, on {@code grid.audit}. */
    Audit audit();

    /** Which clock "now" is read from. */
    @WithDefault("wall")
    ClockSource clock();

    /** Where "now" comes from. */
    enum ClockSource {
        /** The machine's clock. */
        WALL,
        /**
         * The latest event time seen on the live-state topic: follows a grid twin running faster than real time
         * (or a replay). No solve happens before the first measurement.
         */
        TELEMETRY
    }

    /** The grid. */
    interface Grid {

        /** The MATPOWER {@code .m} case file, the same case the grid twin runs (required). */
        Path caseFile();

        /**
         * Optional CSV {@code row,asset} (header line optional) mapping {@code mpc.gen} rows (1-based) to asset ids,
         * e.g. RTS-GMLC GEN UIDs ({@code 1,gen-101_CT_1}). Rows it does not list are named {@code gen-<bus>-<k>}
         * like the twin (k-th generator at that bus, counting every row). An asset of {@code -} leaves the row out
         * of the dispatch (e.g. the row a battery replaces in the twin).
         */
        Optional<Path> generatorNames();

        /**
         * The zone of each bus, with {@code {area}} replaced by the bus's AREA column: {@code zone-{area}} gives
         * {@code zone-1} for area 1, as flink-jobs' AssetTopology does for RTS-GMLC.
         */
        @WithDefault("zone-{area}")
        String zoneTemplate();

        /**
         * Batteries, comma-separated {@code ASSET@BUS:MWH:MW[:SOC]} like the twin's {@code --batteries} (SoC a fraction,
         * default 0.5, used until a STATE_OF_CHARGE measurement arrives); {@code none} for none.
         */
        @WithDefault("none")
        String batteries();

        /** Batteries' efficiency each way (the twin's: 0.95). */
        @WithDefault("0.95")
        double batteryEfficiency();

        /** Lowest state of charge, fraction of capacity (the twin's: 0.05). */
        @WithDefault("0.05")
        double batterySocMin();

        /** Highest state of charge, fraction of capacity (the twin's: 0.95). */
        @WithDefault("0.95")
        double batterySocMax();

        /** Wear cost per MWh a battery discharges, $/MWh: keeps batteries from cycling for nothing. */
        @WithDefault("0.5")
        double batteryCyclingCostPerMwh();

        /**
         * Ramp rate of a unit whose case row gives neither RAMP_AGC nor RAMP_10, as a fraction of its PMAX per minute
         * (the twin's default: 0.02).
         */
        @WithDefault("0.02")
        double defaultRampPerMinute();
    }

    /** The horizon. */
    interface Horizon {

        /** Periods per solve. */
        @WithDefault("24")
        int periods();

        /** Length of each period; the first starts at the solve's "now". */
        @WithDefault("PT1H")
        Duration periodLength();

        /** Wall-clock limit of one solver call. */
        @WithDefault("PT30S")
        Duration solverTimeLimit();
    }

    /** Re-solve triggers. */
    interface Triggers {

        /** A new forecast triggers a solve this long after it arrived; more forecasts meanwhile join that solve. */
        @WithDefault("PT2S")
        Duration forecastDebounce();

        /** A solve runs when this much time (on the service's clock) has passed since the last one. */
        @WithDefault("PT5M")
        Duration every();

        /** How often (wall clock) the periodic trigger looks at the clock. */
        @WithDefault("PT1S")
        Duration checkInterval();
    }

    /** Inputs. */
    interface Inputs {

        /**
         * The topic live state is read from, a Measurement topic of grid-model's registry: {@code telemetry.raw}, or
         * when not set {@code Topics.TELEMETRY_CLEAN}.
         */
        Optional<String> liveStateTopic();

        /**
         * The consumption quantile of the zone load forecasts used as demand (0.5 = P50). Zone load forecasts are
         * in generator sign (negative), so consumption quantile q is the published level 1 - q, negated.
         */
        @WithDefault("0.5")
        double demandQuantile();

        /** A measurement older than this (on the service's clock) is not used as a unit's initial output. */
        @WithDefault("PT5M")
        Duration maxStateAge();

        /**
         * At start, forecasts published (Kafka record time) within this look-back are read again, so a restarted
         * service has the latest forecast of each zone at once. Live state is read from the end of its topic.
         */
        @WithDefault("PT48H")
        Duration forecastLookback();
    }

    /** Setpoints. */
    interface Setpoints {

        /** Setpoints are valid from the solve to the end of its first period plus this. */
        @WithDefault("PT5M")
        Duration grace();

        /** Slack the safety envelope allows on limits and ramps (solver tolerances), MW. */
        @WithDefault("0.01")
        double toleranceMw();

        /** A renewable is told a curtailment only when it is curtailed by more than this, MW. */
        @WithDefault("0.1")
        double curtailmentThresholdMw();
    }

    /** Manual holds. */
    interface Holds {

        /**
         * At start, {@code grid.setpoints} is read again from this far back (Kafka record time), so that a restarted
         * service knows the holds still valid. At least the longest validity an override may have (operator-api's
         * {@code gridai.operator.overrides.max-valid-for}, PT4H).
         */
        @WithDefault("PT4H")
        Duration lookback();
    }

    /** Costs of the balance slack. */
    interface Costs {

        /** Value of lost load: price of shedding 1 MWh, $/MWh. */
        @WithDefault("10000")
        double sheddingPerMwh();

        /** Price of 1 MWh of generation nobody takes, $/MWh. */
        @WithDefault("10000")
        double surplusPerMwh();
    }

    /** The audit chain. */
    interface Audit {

        /** Whether an AuditEvent is written per solve. */
        @WithDefault("true")
        boolean enabled();

        /** The chain name (the record key on {@code grid.audit}). */
        @WithDefault("dispatch-optimizer")
        String chain();
    }
}
