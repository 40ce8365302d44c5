package io.gridai.gateway.config;

import io.gridai.gateway.clock.GridClock;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.nio.file.Path;

/**
 * Everything the agent gateway reads from configuration under {@code gridai.gateway}. Token verification is
 * smallrye-jwt's own ({@code mp.jwt.verify.*}); Kafka client settings ({@code kafka.*}) go to the service's consumers
 * and producer as they are. The launcher ({@code gridai up}) sets {@code live-state.addresses}, {@code grid.*} and
 * {@code clock}. Every key is also in the module README with its default.
 */
@ConfigMapping(prefix = "gridai.gateway")
public interface GatewayConfig {

    /**
     * Where the grid's "now" comes from: {@code wall} (the machine's clock) or {@code telemetry} (the newest event
     * time read from {@code telemetry.clean}, for a twin replaying a past period); as the operator API's.
     */
    @WithDefault("wall")
    GridClock.Source clock();

    /** The gateway's audit chain on {@code grid.audit}. */
    Audit audit();

    /** The live state (Hazelcast) the Flink job keeps. */
    LiveState liveState();

    /** The grid the twin runs: the same keys and formats as {@code gridai.operator.grid.*}. */
    Grid grid();

    /** Per-agent call budgets. */
    Rate rate();

    /** Proposals: limits, replay window, execution. */
    Proposals proposals();

    /** The security review (the review library). */
    Review review();

    /** What {@code grid.alerts}, {@code grid.forecasts} and {@code telemetry.clean} the gateway keeps. */
    Inputs inputs();

    /** The A2A endpoint (JSON-RPC at {@code /}, the agent card at {@code /.well-known/agent-card.json}). */
    A2a a2a();

    /** The gateway's audit chain. */
    interface Audit {
        /** The chain's name: the key of its events on {@code grid.audit}. One running instance per chain. */
        @WithDefault("agent-gateway")
        String chain();

        /** How long reading {@code grid.audit} to its end at start, and one append, may take. */
        @WithDefault("PT30S")
        Duration timeout();
    }

    /** As {@code gridai.operator.live-state.*}. */
    interface LiveState {
        /** Member addresses, {@code host:port}. */
        @WithDefault("127.0.0.1:5701")
        List<String> addresses();

        /** The cluster name (the Flink job's {@code --hazelcast-cluster}). */
        @WithDefault("gridai")
        String clusterName();

        /** The IMap of latest values (the Flink job's {@code live-state.map}). */
        @WithDefault("gridai-live")
        String map();

        /** How long one read of the map may take before it counts as unavailable. */
        @WithDefault("PT5S")
        Duration timeout();

        /** The longest wait between two attempts to reach the cluster while it is unreachable. */
        @WithDefault("PT10S")
        Duration reconnectMaxBackoff();
    }

    /** As {@code gridai.operator.grid.*}. */
    interface Grid {
        /** The MATPOWER {@code .m} case file the grid twin runs; without it proposals and studies are refused. */
        Optional<Path> caseFile();

        /** Optional CSV {@code row,asset} naming {@code mpc.gen} rows (as the dispatch optimiser's). */
        Optional<Path> generatorNames();

        /** Batteries, comma-separated {@code ASSET@BUS:MWH:MW[:SOC]} like the twin's; {@code none} for none. */
        @WithDefault("none")
        String batteries();

        /** Ramp of a unit whose case row gives none, as a fraction of its PMAX per minute. */
        @WithDefault("0.02")
        double defaultRampPerMinute();

        /** The zone of each bus, {@code {area}} replaced by its AREA. */
        @WithDefault("zone-{area}")
        String zoneTemplate();
    }

    /** A token bucket per agent (sub claim): every tool call takes one token. */
    interface Rate {
        /** Tokens a bucket holds (the burst an agent may make). */
        @WithDefault("30")
        int capacity();

        /** Tokens added per minute. */
        @WithDefault("60")
        double refillPerMinute();

        /**
         * Tighter budgets of some tools, {@code tool=capacity/refillPerMinute} (e.g. {@code propose_intervention=5/5});
         * an agent's call of such a tool takes a token from both buckets.
         */
        Map<String, String> tools();
    }

    /** Proposals agents make. */
    interface Proposals {
        /** The most actions one proposal may carry. */
        @WithDefault("10")
        int maxActions();

        /** The longest {@code validFor} an action may ask for. */
        @WithDefault("PT4H")
        Duration maxValidFor();

        /** The largest absolute target an action may ask for, in the kind's unit (MW, kV...): a sanity bound. */
        @WithDefault("100000")
        double maxAbsTarget();

        /**
         * How long a replayed request (the same agent, the same JSON-RPC request id and the same arguments, or the
         * same idempotency key) answers with the proposal it made first instead of making a second one.
         */
        @WithDefault("PT24H")
        Duration replayWindow();

        /** How long a proposal waits for operators before its status becomes expired. */
        @WithDefault("PT2H")
        Duration decisionTimeout();

        /** The time a dispatchable generator has to reach the target at its ramp (the envelope's ramp check). */
        @WithDefault("PT15M")
        Duration reachWithin();

        /** How old the generator's ACTIVE_POWER in the live state may be (by event time) for the ramp check. */
        @WithDefault("PT5M")
        Duration maxStateAge();

        /** How far past a limit a target may be (rounding), MW. */
        @WithDefault("0.01")
        double toleranceMw();

        /** How long Kafka may take to acknowledge a proposal or a setpoint. */
        @WithDefault("PT30S")
        Duration publishTimeout();
    }

    /** The security review of proposals (agent-gateway/review). */
    interface Review {
        /**
         * The CEL policy rules file (YAML; re-read when it changes, a version that does not compile is not taken). Not
         * set: the library's own {@code review-policy.yaml}.
         */
        Optional<Path> rulesFile();

        /** How old (by event time, from the grid's now) a live ACTIVE_POWER value may be to enter the study. */
        @WithDefault("PT1M")
        Duration liveMaxAge();
    }

    /** The topics the gateway follows. */
    interface Inputs {
        /** How far back {@code grid.alerts}, {@code grid.forecasts} and {@code grid.proposal-decisions} are re-read at start. */
        @WithDefault("PT24H")
        Duration lookback();

        /** How far back {@code grid.setpoints} is re-read at start for the manual holds in force (as the optimiser's). */
        @WithDefault("PT4H")
        Duration holdsLookback();

        /** Alerts kept in memory (the newest). */
        @WithDefault("500")
        int maxAlerts();

        /** The most measurements one {@code history} call returns (and scans past its start). */
        @WithDefault("5000")
        int historyMaxPoints();

        /** The longest range one {@code history} call may ask for. */
        @WithDefault("P7D")
        Duration historyMaxRange();
    }

    /** Agent-to-agent (A2A) proposals. */
    interface A2a {
        /**
         * The URL agents reach the JSON-RPC endpoint at, as the agent card tells them (behind a proxy: the proxy's);
         * the card itself is at {@code <public-url>.well-known/agent-card.json}. Not set: the service's own,
         * {@code http://<quarkus.http.host>:<quarkus.http.port>/} with 127.0.0.1 for a server bound to every address
         * ({@code http://127.0.0.1:8086/} by default).
         */
        Optional<String> publicUrl();
    }
}
