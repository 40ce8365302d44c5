package io.gridai.gateway.a2a;

import io.a2a.server.agentexecution.AgentExecutor;
import io.a2a.server.agentexecution.RequestContext;
import io.a2a.server.events.EventQueue;
import io.a2a.server.tasks.TaskUpdater;
import io.a2a.spec.Artifact;
import io.a2a.spec.JSONRPCError;
import io.a2a.spec.Message;
import io.a2a.spec.Part;
import io.a2a.spec.TaskArtifactUpdateEvent;
import io.a2a.spec.TaskState;
import io.a2a.spec.TaskStatus;
import io.a2a.spec.TaskStatusUpdateEvent;
import io.a2a.spec.TextPart;
import io.a2a.spec.UnsupportedOperationError;
import io.gridai.gateway.clock.GridClock;
import io.gridai.gateway.config.GatewayConfig;
import io.gridai.gateway.live.GridCase;
import io.gridai.gateway.live.LiveStateUnavailableException;
import io.gridai.gateway.mcp.Refusal;
import io.gridai.gateway.mcp.Views;
import io.gridai.gateway.proposals.ProposalDesk;
import io.gridai.gateway.proposals.ProposalForm;
import io.gridai.gateway.security.Caller;
import io.gridai.model.Proposal;
import io.gridai.model.ProposedAction;
import io.gridai.model.id.AgentId;
import io.gridai.service.runtime.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The A2A skill {@code propose-intervention}: one message, one task, one proposal. The caller is the token's (never the
 * message's); without tier {@code propose}, with a spent rate budget or with arguments {@link ProposalForm} refuses, the
 * task is {@code rejected} with the reason. Otherwise the task is {@code submitted}, {@code working} while the review
 * runs, then follows the proposal ({@link ProposalTasks}): {@code input-required} while operators must decide,
 * {@code rejected} with the review's reasons, {@code completed} once executed. The message's {@code messageId} is the
 * proposal's idempotency key: a second message with it makes no second proposal. Every message is audited
 * ({@code agent.a2a.request}) before its task shows the outcome.
 */
@ApplicationScoped
public class ProposalExecutor implements AgentExecutor {

    static final String METHOD = "message/send";
    /** The rate budget a message takes from ({@code gridai.gateway.rate.tools.a2a-message}). */
    static final String BUDGET = "a2a-message";

    private static final Logger LOG = Logger.getLogger(ProposalExecutor.class);

    private final A2aCalls calls;
    private final ProposalTasks tasks;
    private final ProposalDesk desk;
    private final GridCase grid;
    private final GatewayConfig config;

    public ProposalExecutor(A2aCalls calls, ProposalTasks tasks, ProposalDesk desk, GridCase grid,
            GatewayConfig config) {
        this.calls = calls;
        this.tasks = tasks;
        this.desk = desk;
        this.grid = grid;
        this.config = config;
    }

    @Override
    public void execute(RequestContext context, EventQueue queue) throws JSONRPCError {
        TaskUpdater updater = new TaskUpdater(context, queue);
        Message message = context.getMessage();
        String messageId = message.getMessageId();
        A2aCalls.Admission admission = calls.admit(context.getCallContext(), BUDGET);
        AgentId owner = admission.caller().map(Caller::agent).orElse(null);
        if (owner != null) {
            tasks.own(context.getTaskId(), owner);
        }
        updater.submit();
        Map<String, Object> arguments;
        try {
            arguments = A2aInput.arguments(message);
        } catch (Refusal e) {
            refuse(updater, admission.who(), messageId, calls.digest(Map.of()), admission.admitted() ? e.getMessage()
                    : admission.refusal());
            return;
        }
        String digest = calls.digest(arguments);
        if (!admission.admitted()) {
            refuse(updater, admission.who(), messageId, digest, admission.refusal());
            return;
        }
        Caller caller = admission.caller().get();
        String agent = caller.agent().value();
        updater.startWork(text(context, "in review: limits, policy, AC power flow and N-1, conflicts, risk"));
        ProposalDesk.Answer answer;
        try {
            Optional<String> key = ProposalDesk.replayKey(caller, Optional.of("a2a:" + messageId), Optional.empty(),
                    digest);
            Optional<ProposalDesk.Tracked> earlier = desk.replayed(key);
            if (earlier.isPresent()) {
                answer = new ProposalDesk.Answer(earlier.get(), true);
            } else {
                GridCase.Loaded loaded = grid.get().orElseThrow(() -> new Refusal("proposals are unavailable: "
                        + GridCase.notConfigured()));
                List<ProposedAction> change = ProposalForm.actions(arguments.get("actions"), caller, loaded,
                        config.proposals());
                Proposal p = ProposalForm.proposal(caller, arguments.get("title"), arguments.get("rationale"),
                        arguments.get("risk"), change, Instant.now());
                answer = desk.propose(caller, p, key);
            }
        } catch (Refusal | LiveStateUnavailableException | GridClock.GridTimeUnknownException e) {
            refuse(updater, agent, messageId, digest, e.getMessage());
            return;
        } catch (AuditTrail.AuditException e) {
            LOG.warnf("a2a message failed agent=%s: audit chain not writable: %s", agent, e.getMessage());
            updater.fail(text(context, "the gateway cannot record this message in its audit chain now ("
                    + e.getMessage() + "); try again shortly with the same messageId"));
            return;
        }
        ProposalDesk.Tracked t = answer.tracked();
        tasks.link(context.getTaskId(), caller.agent(), messageId, t.proposal().id());
        List<Artifact> artifacts = tasks.artifacts(t, answer.replayed());
        Map<String, String> more = new LinkedHashMap<>();
        more.put("proposalId", t.proposal().id().value());
        more.put(ProposalTasks.TASK_ID, context.getTaskId());
        more.put(ProposalTasks.CONTEXT_ID, context.getContextId());
        more.put("status", t.status().name());
        more.put("replayed", Boolean.toString(answer.replayed()));
        more.put("resultDigest", calls.digest(Views.ProposalView.of(t, answer.replayed())));
        try {
            calls.answered(agent, METHOD, messageId, digest, more);
        } catch (AuditTrail.AuditException e) {
            LOG.warnf("a2a answer withheld agent=%s: audit chain not writable: %s", agent, e.getMessage());
            updater.fail(text(context, "the gateway cannot record this message in its audit chain now ("
                    + e.getMessage() + "); proposal " + t.proposal().id() + " was made; follow it with tasks/get"));
            return;
        }
        for (Artifact a : artifacts) {
            queue.enqueueEvent(new TaskArtifactUpdateEvent.Builder().taskId(context.getTaskId())
                    .contextId(context.getContextId()).artifact(a).build());
        }
        TaskState state = ProposalTasks.state(t);
        queue.enqueueEvent(new TaskStatusUpdateEvent.Builder().taskId(context.getTaskId())
                .contextId(context.getContextId()).isFinal(state.isFinal())
                .status(new TaskStatus(state, ProposalTasks.message(t, context.getTaskId(), context.getContextId()),
                        null))
                .metadata(ProposalTasks.metadata(t)).build());
    }

    @Override
    public void cancel(RequestContext context, EventQueue queue) throws JSONRPCError {
        throw new UnsupportedOperationError(null, A2aRequests.NO_CANCEL, null);
    }

    private void refuse(TaskUpdater updater, String who, String messageId, String digest, String reason) {
        calls.refused(who, METHOD, messageId, digest, reason);
        updater.reject(new Message.Builder().role(Message.Role.AGENT).messageId(UUID.randomUUID().toString())
                .taskId(updater.getTaskId()).contextId(updater.getContextId())
                .parts(List.<Part<?>>of(new TextPart(reason))).build());
    }

    private static Message text(RequestContext context, String text) {
        return new Message.Builder().role(Message.Role.AGENT).messageId(UUID.randomUUID().toString())
                .taskId(context.getTaskId()).contextId(context.getContextId())
                .parts(List.<Part<?>>of(new TextPart(text))).build();
    }
}
