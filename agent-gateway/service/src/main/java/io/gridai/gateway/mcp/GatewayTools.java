package io.gridai.gateway.mcp;

import io.gridai.gateway.config.GatewayConfig;
import io.gridai.gateway.history.AssetHistory;
import io.gridai.gateway.live.GridCase;
import io.gridai.gateway.proposals.ProposalDesk;
import io.gridai.gateway.proposals.ProposalForm;
import io.gridai.gateway.proposals.Studies;
import io.gridai.model.Proposal;
import io.gridai.model.ProposedAction;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ProposalId;
import io.gridai.model.unit.MeasurementKind;
import io.quarkiverse.mcp.server.RequestId;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's MCP tools (Streamable HTTP at {@code /mcp}). Each goes through {@link ToolCalls#run} (caller, tier,
 * rate, audit); which tiers see which tool is {@link GatewayTool}'s. Answers are JSON text.
 */
public class GatewayTools {

    private final ToolCalls calls;
    private final GridReads reads;
    private final GatewayConfig config;
    private final GridCase grid;
    private final AssetHistory history;
    private final ProposalDesk desk;
    private final Studies studies;

    public GatewayTools(ToolCalls calls, GridReads reads, GatewayConfig config, GridCase grid, AssetHistory history,
            ProposalDesk desk, Studies studies) {
        this.calls = calls;
        this.reads = reads;
        this.config = config;
        this.grid = grid;
        this.history = history;
        this.desk = desk;
        this.studies = studies;
    }

    @Tool(name = "grid_state", description = "The grid's live state: every asset in your scope with its latest"
            + " values, each with its provenance (source = who measured it, quality = the cleaning's flags, empty when"
            + " good; event and ingest time), and the recent alerts. Tier observe and above.")
    ToolResponse gridState(
            @ToolArg(description = "Only this asset (e.g. gen-2-1, branch-8-9, bus-5, load-5)", required = false) String asset,
            @ToolArg(description = "Include recent alerts from grid.alerts (default true)", required = false) Boolean alerts,
            RequestId requestId) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("asset", asset);
        args.put("alerts", alerts);
        return calls.run(GatewayTool.GRID_STATE, requestId, args, caller -> reads.state(caller, given(asset),
                !Boolean.FALSE.equals(alerts)));
    }

    @Tool(name = "forecasts", description = "The latest load forecast of each zone (quantiles per step) from"
            + " grid.forecasts. Tier observe and above.")
    ToolResponse forecasts(
            @ToolArg(description = "Only this zone (e.g. zone-1)", required = false) String zone,
            RequestId requestId) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("zone", zone);
        return calls.run(GatewayTool.FORECASTS, requestId, args, caller -> reads.forecasts(caller, given(zone)));
    }

    @Tool(name = "history", description = "An asset's measurements with event time in [from, to) from"
            + " telemetry.clean, oldest first, each with its provenance. Tier observe and above.")
    ToolResponse history(
            @ToolArg(description = "The asset, e.g. gen-2-1") String asset,
            @ToolArg(description = "Start, ISO-8601 instant, e.g. 2020-07-01T12:00:00Z") String from,
            @ToolArg(description = "End (exclusive), ISO-8601 instant") String to,
            @ToolArg(description = "Only this kind, e.g. ACTIVE_POWER", required = false) String kind,
            RequestId requestId) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("asset", asset);
        args.put("from", from);
        args.put("to", to);
        args.put("kind", kind);
        return calls.run(GatewayTool.HISTORY, requestId, args, caller -> {
            AssetId id = GridReads.assetId(asset, "asset");
            if (!caller.mayTouch(id.value(), reads.zoneOf(id.value()))) {
                throw Refusal.outOfScope("asset '" + asset + "'", caller.scopeText());
            }
            Instant f = instant(from, "from");
            Instant t = instant(to, "to");
            if (!t.isAfter(f)) {
                throw new Refusal("to (" + t + ") must be after from (" + f + ")");
            }
            if (Duration.between(f, t).compareTo(config.inputs().historyMaxRange()) > 0) {
                throw new Refusal("the range " + Duration.between(f, t) + " is longer than "
                        + config.inputs().historyMaxRange() + " (gridai.gateway.inputs.history-max-range); ask for less");
            }
            Optional<MeasurementKind> k = Optional.empty();
            if (kind != null && !kind.isBlank()) {
                try {
                    k = Optional.of(MeasurementKind.valueOf(kind.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new Refusal("kind '" + kind + "' is not a measurement kind, e.g. ACTIVE_POWER, VOLTAGE");
                }
            }
            AssetHistory.Found found = history.read(id, k, f, t);
            return new Views.HistoryView(id.value(), k.map(Enum::name).orElse(null), f.toString(), t.toString(),
                    found.measurements().size(), found.truncated(),
                    found.measurements().stream().map(Views.ValueView::of).toList());
        });
    }

    @Tool(name = "study", description = "Study a change on the live network without publishing anything: the"
            + " given setpoints applied, AC power flow and N-1; answers branch loadings and voltage violations, new"
            + " ones named. Tier study and above.")
    ToolResponse study(
            @ToolArg(description = "The change: [{\"asset\":\"gen-2-1\",\"target\":120.0,\"validFor\":\"PT15M\"}],"
                    + " target in MW (generator sign), validFor an ISO-8601 duration") List<Map<String, Object>> actions,
            RequestId requestId) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("actions", actions);
        return calls.run(GatewayTool.STUDY, requestId, args, caller -> {
            List<ProposedAction> change = ProposalForm.actions(actions, caller, loaded(), config.proposals());
            return studies.study(change);
        });
    }

    @Tool(name = "propose_intervention", description = "Propose setpoints. The proposal is reviewed (limits, policy,"
            + " AC power flow and N-1 on the live network, conflicts, risk): a rejection answers the reasons; a"
            + " low-risk proposal of an execute-within-envelope agent is executed at once; any other goes to operators"
            + " for approval (poll proposal_status). A replayed call (same request id and arguments, or the same"
            + " idempotencyKey) answers the first proposal and makes no second. Tier propose and above.")
    ToolResponse proposeIntervention(
            @ToolArg(description = "A short title") String title,
            @ToolArg(description = "Why: what you expect and from what data") String rationale,
            @ToolArg(description = "The setpoints: [{\"asset\":\"gen-2-1\",\"target\":120.0,\"validFor\":\"PT15M\"}],"
                    + " target in MW (generator sign), validFor an ISO-8601 duration") List<Map<String, Object>> actions,
            @ToolArg(description = "Your own risk estimate: LOW, MEDIUM (default), HIGH, CRITICAL", required = false) String risk,
            @ToolArg(description = "A key of yours that makes retries safe: a second call with it returns the first"
                    + " proposal", required = false) String idempotencyKey,
            RequestId requestId) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("title", title);
        args.put("rationale", rationale);
        args.put("actions", actions);
        args.put("risk", risk);
        args.put("idempotencyKey", idempotencyKey);
        String digest = calls.digest(args);
        return calls.run(GatewayTool.PROPOSE_INTERVENTION, requestId, args, caller -> {
            Optional<String> key = ProposalDesk.replayKey(caller,
                    Optional.ofNullable(idempotencyKey).filter(k -> !k.isBlank()), ToolCalls.requestId(requestId),
                    digest);
            Optional<ProposalDesk.Tracked> earlier = desk.replayed(key);
            if (earlier.isPresent()) {
                return Views.ProposalView.of(earlier.get(), true);
            }
            List<ProposedAction> change = ProposalForm.actions(actions, caller, loaded(), config.proposals());
            Proposal p = ProposalForm.proposal(caller, title, rationale, risk, change, Instant.now());
            ProposalDesk.Answer answer = desk.propose(caller, p, key);
            return Views.ProposalView.of(answer.tracked(), answer.replayed());
        });
    }

    @Tool(name = "proposal_status", description = "Where one of your proposals stands: PENDING_APPROVAL, EXECUTED"
            + " (with its setpoints), REJECTED (with the reasons) or EXPIRED. Only your own proposals. Tier propose and"
            + " above.")
    ToolResponse proposalStatus(
            @ToolArg(description = "The proposalId propose_intervention answered") String proposalId,
            RequestId requestId) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("proposalId", proposalId);
        return calls.run(GatewayTool.PROPOSAL_STATUS, requestId, args, caller -> {
            ProposalId id;
            try {
                id = ProposalId.of(proposalId);
            } catch (IllegalArgumentException e) {
                throw new Refusal("proposalId: " + e.getMessage());
            }
            return desk.of(caller, id).map(t -> Views.ProposalView.of(t, false)).orElseThrow(() -> new Refusal(
                    "no proposal " + proposalId + " of agent " + caller.agent() + "; an agent sees only its own"
                            + " proposals"));
        });
    }

    private GridCase.Loaded loaded() {
        return grid.get().orElseThrow(() -> new Refusal("proposals and studies are unavailable: "
                + GridCase.notConfigured()));
    }

    /** An optional string argument: empty when absent or blank. */
    private static Optional<String> given(String argument) {
        return Optional.ofNullable(argument).filter(a -> !a.isBlank());
    }

    private static Instant instant(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new Refusal(field + " is required: an ISO-8601 instant such as 2020-07-01T12:00:00Z");
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new Refusal(field + " '" + text + "' is not an ISO-8601 instant such as 2020-07-01T12:00:00Z");
        }
    }

}
