package io.gridai.dispatch.service.runtime;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.gridai.dispatch.opf.DispatchSettings;
import io.gridai.dispatch.service.config.DispatchConfig;
import io.gridai.network.BatteryPlacement;
import io.gridai.service.runtime.ManualHolds;
import io.gridai.service.runtime.SetpointGuard;
import io.gridai.dispatch.service.grid.DispatchGrid;
import io.gridai.dispatch.service.inputs.ForecastBook;
import io.gridai.dispatch.service.inputs.InputConsumer;
import io.gridai.dispatch.service.inputs.LiveState;
import io.gridai.dispatch.service.plan.HorizonPlanner;
import io.gridai.dispatch.service.plan.SafetyEnvelope;
import io.gridai.dispatch.service.run.AuditChain;
import io.gridai.dispatch.service.run.DispatchEngine;
import io.gridai.dispatch.service.run.KafkaOut;
import io.gridai.dispatch.service.run.SolveHistory;
import io.gridai.model.GridModelException;
import io.gridai.model.Measurement;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wires the service from configuration at start: reads the case (a wrong case or naming file stops the start with the
 * reason), starts the input consumer and the solve worker; stops them in reverse order.
 */
@ApplicationScoped
public class DispatchApp {

    private static final Logger LOG = Logger.getLogger(DispatchApp.class);

    private final DispatchConfig config;
    private final Map<String, Object> kafka;
    private final MeterRegistry metrics;
    private DispatchGrid grid;
    private LiveState live;
    private SolveHistory history;
    private InputConsumer inputs;
    private KafkaOut out;
    private DispatchEngine engine;
    private Topic<?, Measurement> liveTopic;

    private final Optional<String> sandbox;
    private SetpointGuard guard;

    public DispatchApp(DispatchConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry metrics,
            @ConfigProperty(name = SetpointGuard.SANDBOX_PROPERTY) Optional<String> sandbox) {
        this.config = config;
        this.kafka = kafka;
        this.metrics = metrics;
        this.sandbox = sandbox;
    }

    void start(@Observes StartupEvent event) {
        try {
            wire();
        } catch (IllegalArgumentException | GridModelException | io.gridai.network.GridNetworkException
                | io.gridai.dispatch.opf.dc.DcNetworkException e) {
            // a configuration the service cannot run with: say what and exit, no stack trace
            LOG.errorf("dispatch service cannot start: %s", e.getMessage());
            Quarkus.asyncExit(2);
        }
    }

    private void wire() {
        guard = SetpointGuard.fromConfig(sandbox);
        FunctionCounter.builder("gridai.setpoints.guard.refused", guard, SetpointGuard::refusals)
                .description("records the setpoint guard refused (a sandbox's setpoints kept off real topics)").register(metrics);
        liveTopic = liveStateTopic(config.inputs().liveStateTopic().orElse(Topics.TELEMETRY_CLEAN.name()));
        DispatchConfig.Grid g = config.grid();
        grid = DispatchGrid.load(g.caseFile(), g.generatorNames(), g.zoneTemplate(), BatteryPlacement.parseList(g.batteries(), "gridai.dispatch.grid.batteries"),
                g.defaultRampPerMinute());
        ForecastBook forecasts = new ForecastBook(config.inputs().demandQuantile());
        live = new LiveState();
        ManualHolds holds = new ManualHolds(guard.sandbox());
        history = new SolveHistory(config.solvesKept());
        DispatchSettings settings = new DispatchSettings(true, config.costs().sheddingPerMwh(), config.costs().surplusPerMwh(), 1e-6, 50,
                config.horizon().solverTimeLimit());
        HorizonPlanner planner = new HorizonPlanner(grid, config.horizon().periods(), config.horizon().periodLength(),
                config.inputs().maxStateAge(), forecasts.publishedLevel(), settings,
                new HorizonPlanner.BatteryModel(g.batteryEfficiency(), g.batterySocMin(), g.batterySocMax(), g.batteryCyclingCostPerMwh()));
        SafetyEnvelope envelope = new SafetyEnvelope(grid, live, planner, config.setpoints().toleranceMw());
        out = new KafkaOut(kafka, guard);
        Optional<AuditChain> audit = config.audit().enabled() ? Optional.of(new AuditChain(kafka, out, config.audit().chain()))
                : Optional.empty();
        Supplier<Optional<Instant>> clock = config.clock() == DispatchConfig.ClockSource.WALL ? () -> Optional.of(Instant.now())
                : live::latestEventTime;
        engine = new DispatchEngine(new DispatchEngine.Settings(config.triggers().forecastDebounce(), config.triggers().every(),
                config.triggers().checkInterval(), config.setpoints().grace(), config.setpoints().curtailmentThresholdMw()), grid, forecasts,
                live, holds, planner, envelope, out, audit, history, metrics, clock);
        inputs = new InputConsumer(kafka, liveTopic, config.inputs().forecastLookback(), config.holds().lookback(), grid, forecasts, live,
                holds, engine::onForecast);
        inputs.start();
        engine.start();
        LOG.infof("dispatch service started case=%s sha256=%s buses=%d branches=%d units=%d batteries=%d zones=%s periods=%d"
                + " periodLength=%s clock=%s liveState=%s sandbox=%s", grid.caseName(), grid.fileSha256(), grid.network().busCount(),
                grid.network().branchCount(), grid.units().size(), grid.batteries().size(), grid.zones(), config.horizon().periods(),
                config.horizon().periodLength(), config.clock(), liveTopic.name(), guard.sandbox().map(Object::toString).orElse("none"));
    }

    private static Topic<?, Measurement> liveStateTopic(String name) {
        return Topics.measurementTopic(name).orElseThrow(() -> new IllegalArgumentException("gridai.dispatch.inputs.live-state-topic '"
                + name + "' is not a telemetry topic of the registry; use " + Topics.TELEMETRY_CLEAN.name() + " or "
                + Topics.TELEMETRY_RAW.name()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (inputs != null) {
            inputs.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (out != null) {
            out.close();
        }
        if (grid != null) {
            grid.close();
        }
    }

    public DispatchEngine engine() {
        return engine;
    }

    public SolveHistory history() {
        return history;
    }

    public DispatchGrid grid() {
        return grid;
    }

    /** Whether the service is wired (false only while it exits on a configuration it cannot run with). */
    public boolean started() {
        return engine != null;
    }

    public boolean inputsAssigned() {
        return inputs != null && inputs.assigned();
    }

    public Topic<?, Measurement> liveTopic() {
        return liveTopic;
    }
}
