package io.gridai.gateway.mcp;

import io.gridai.gateway.proposals.ProposalDesk;
import io.gridai.gateway.proposals.Reviewed;
import io.gridai.model.Alert;
import io.gridai.model.Forecast;
import io.gridai.model.ForecastStep;
import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import io.gridai.model.Setpoint;
import java.util.List;

/** The JSON shapes the tools and resources answer (times and durations ISO-8601 text, values in the kind's unit). */
public final class Views {

    private Views() {
    }

    /**
     * A value with its provenance: {@code source} (who measured it), {@code quality} (empty = good; the cleaning's
     * flags otherwise), event and ingest times.
     */
    public record ValueView(String kind, double value, String unit, String eventTime, String ingestTime, String source,
            List<String> quality, boolean good, String measurementId) {

        static ValueView of(Measurement m) {
            return new ValueView(m.kind().name(), m.value(), m.unit().symbol(), m.eventTime().toString(),
                    m.ingestTime().toString(), m.source().value(), m.quality().stream().map(QualityFlag::name).toList(),
                    m.isGood(), m.id().value());
        }
    }

    /** An asset's latest values. */
    public record AssetView(String asset, String zone, List<ValueView> values) {
    }

    public record AlertView(String id, String asset, String type, String severity, String state, String kind,
            double value, double limit, String time, String message) {

        static AlertView of(Alert a) {
            return new AlertView(a.id().value(), a.asset().value(), a.type().name(), a.severity().name(),
                    a.state().name(), a.kind().name(), a.value(), a.limit(), a.time().toString(), a.message());
        }
    }

    /** {@code grid_state}'s answer. */
    public record GridStateView(String gridTime, String scope, int assetCount, List<AssetView> assets,
            List<AlertView> alerts, String provenance) {
    }

    /** {@code gridai://grid/alerts}' answer. */
    public record AlertsView(String scope, int count, List<AlertView> alerts, String source) {
    }

    /** {@code gridai://grid/network}'s answer: the case, in the caller's scope. */
    public record NetworkView(String caseName, String scope, List<BusView> buses, List<BranchView> branches,
            List<GeneratorView> generators, List<BatteryView> batteries, String source) {
    }

    /** A bus: its asset id, MATPOWER number, zone and base voltage (kV). */
    public record BusView(String asset, int number, String zone, double baseKv) {
    }

    /** An in-service branch: its asset id, end buses, long-term rating (MVA, 0 = unlimited), zone (its from-bus's). */
    public record BranchView(String asset, int fromBus, int toBus, double rateMva, String zone) {
    }

    /** A generator: its asset id, bus, zone, limits (MW, generator sign) and whether it is the slack. */
    public record GeneratorView(String asset, int bus, String zone, double pminMw, double pmaxMw, boolean slack) {
    }

    /** A battery: its asset id, bus, zone, energy (MWh) and power (MW). */
    public record BatteryView(String asset, int bus, String zone, double capacityMwh, double powerMw) {
    }

    public record ForecastView(String zone, String kind, String issueTime, String step, List<Double> quantileLevels,
            List<StepView> steps, String modelVersion, String madeAt) {

        static ForecastView of(Forecast f) {
            return new ForecastView(f.zone().value(), f.kind().name(), f.issueTime().toString(), f.step().toString(),
                    f.quantileLevels(), f.steps().stream().map(StepView::of).toList(), f.modelVersion(),
                    f.madeAt().toString());
        }
    }

    public record StepView(String time, List<Double> quantiles) {
        static StepView of(ForecastStep s) {
            return new StepView(s.validTime().toString(), s.values());
        }
    }

    public record ForecastsView(List<ForecastView> forecasts, String source) {
    }

    public record HistoryView(String asset, String kind, String from, String to, int count, boolean truncated,
            List<ValueView> measurements) {
    }

    public record StepResult(String name, String status, String detail, long durationMicros) {
        static StepResult of(Reviewed.Step s) {
            return new StepResult(s.name(), s.status(), s.detail(), s.duration().toNanos() / 1000);
        }
    }

    public record SetpointView(String id, String asset, String kind, double target, String validFrom,
            String validUntil, String origin) {
        static SetpointView of(Setpoint s) {
            return new SetpointView(s.id().value(), s.asset().value(), s.kind().name(), s.target(),
                    s.validFrom().toString(), s.validUntil().toString(), s.origin().name());
        }
    }

    /** {@code propose_intervention}'s and {@code proposal_status}'s answer. */
    public record ProposalView(String proposalId, String status, String detail, String verdict, String risk,
            List<String> reasons, List<StepResult> review, List<SetpointView> setpoints, boolean replayed) {

        public static ProposalView of(ProposalDesk.Tracked t, boolean replayed) {
            Reviewed r = t.reviewed();
            return new ProposalView(t.proposal().id().value(), t.status().name(), t.detail(), t.verdict().name(),
                    r.risk().name(), r.reasons(), r.steps().stream().map(StepResult::of).toList(),
                    t.setpoints().stream().map(SetpointView::of).toList(), replayed);
        }
    }
}
