package io.gridai.gateway.a2a;

import io.a2a.server.ServerCallContext;
import io.a2a.server.requesthandlers.DefaultRequestHandler;
import io.a2a.server.requesthandlers.RequestHandler;
import io.a2a.spec.DataPart;
import io.a2a.spec.DeleteTaskPushNotificationConfigParams;
import io.a2a.spec.EventKind;
import io.a2a.spec.GetTaskPushNotificationConfigParams;
import io.a2a.spec.InvalidParamsError;
import io.a2a.spec.InvalidRequestError;
import io.a2a.spec.JSONRPCError;
import io.a2a.spec.ListTaskPushNotificationConfigParams;
import io.a2a.spec.Message;
import io.a2a.spec.MessageSendParams;
import io.a2a.spec.Part;
import io.a2a.spec.PushNotificationNotSupportedError;
import io.a2a.spec.StreamingEventKind;
import io.a2a.spec.Task;
import io.a2a.spec.TaskIdParams;
import io.a2a.spec.TaskNotFoundError;
import io.a2a.spec.TaskPushNotificationConfig;
import io.a2a.spec.TaskQueryParams;
import io.a2a.spec.TextPart;
import io.a2a.spec.UnsupportedOperationError;
import io.a2a.util.Utils;
import io.gridai.gateway.audit.GatewayAudit;
import io.gridai.gateway.mcp.Refusal;
import io.gridai.gateway.mcp.Views;
import io.gridai.gateway.proposals.ProposalDesk;
import io.gridai.gateway.security.Caller;
import io.gridai.gateway.security.Callers;
import io.gridai.model.id.ProposalId;
import io.gridai.service.runtime.AuditTrail;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Flow;

/**
 * The gateway's rules around the SDK's request handler (an alternative {@link RequestHandler} that the SDK's JSON-RPC
 * handler gets in place of its {@link DefaultRequestHandler}, which it wraps; the SDK's route and handler stay as they
 * are): a task is visible only to the agent whose message made it ({@code tasks/get} of another's task: task not
 * found, audited); {@code tasks/cancel} is not supported; a message whose {@code messageId} this agent sent before
 * answers the task it made then; a {@code {proposalId}} message (skill {@code proposal-status}) is answered here with
 * the agent's own proposal; streaming and push notifications are refused (the card says so). Messages that propose go
 * on to the SDK and {@link ProposalExecutor}. Every request here is audited ({@code agent.a2a.request}).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class A2aRequests implements RequestHandler {

    /** Why {@code tasks/cancel} is refused. */
    static final String NO_CANCEL = "tasks/cancel is not supported: a proposal cannot be withdrawn once the review has"
            + " it; operators approve or reject it in the operator API, or it expires after"
            + " gridai.gateway.proposals.decision-timeout";
    static final String NO_STREAMING = "streaming is not supported (the agent card says streaming: false); send"
            + " message/send and follow the task with tasks/get";
    static final String NO_PUSH = "push notifications are not supported (the agent card says pushNotifications:"
            + " false); follow the task with tasks/get";
    /** The rate budget of tasks/get, proposal-status and the other requests ({@code gridai.gateway.rate.tools.a2a-read}). */
    static final String BUDGET_READ = "a2a-read";

    private final RequestHandler delegate;
    private final A2aCalls calls;
    private final ProposalTasks tasks;
    private final ProposalDesk desk;

    public A2aRequests(DefaultRequestHandler delegate, A2aCalls calls, ProposalTasks tasks, ProposalDesk desk) {
        this.delegate = delegate;
        this.calls = calls;
        this.tasks = tasks;
        this.desk = desk;
    }

    @Override
    public Task onGetTask(TaskQueryParams params, ServerCallContext context) throws JSONRPCError {
        String method = "tasks/get";
        String digest = calls.digest(Map.of("id", String.valueOf(params.id())));
        Caller caller = admitted(context, BUDGET_READ, method, params.id(), digest);
        ownedOrRefuse(caller, method, params.id(), digest);
        tasks.proposalOf(params.id()).ifPresent(id -> desk.of(caller, id)); // the desk expires what waited too long
        Task task = delegate.onGetTask(params, context);
        answer(caller, method, params.id(), digest, Map.of("resultDigest", GatewayAudit.digest(Utils.toJsonString(task)),
                "state", task.getStatus().state().asString()));
        return task;
    }

    @Override
    public Task onCancelTask(TaskIdParams params, ServerCallContext context) throws JSONRPCError {
        String method = "tasks/cancel";
        String digest = calls.digest(Map.of("id", String.valueOf(params.id())));
        Caller caller = admitted(context, BUDGET_READ, method, params.id(), digest);
        ownedOrRefuse(caller, method, params.id(), digest);
        calls.refused(caller.agent().value(), method, params.id(), digest, NO_CANCEL);
        throw new UnsupportedOperationError(null, NO_CANCEL, null);
    }

    @Override
    public EventKind onMessageSend(MessageSendParams params, ServerCallContext context) throws JSONRPCError {
        String method = ProposalExecutor.METHOD;
        Message message = params.message();
        if (message.getTaskId() != null) {
            String digest = calls.digest(Map.of("taskId", message.getTaskId()));
            Caller caller = admitted(context, BUDGET_READ, method, message.getMessageId(), digest);
            ownedOrRefuse(caller, method, message.getTaskId(), digest);
            String reason = "task " + message.getTaskId() + " takes no further messages: its proposal is with the"
                    + " review or with operators; send a new message without taskId for a new proposal, or tasks/get"
                    + " for where this one stands";
            calls.refused(caller.agent().value(), method, message.getMessageId(), digest, reason);
            throw new InvalidParamsError(null, reason, null);
        }
        Optional<Map<String, Object>> arguments;
        try {
            arguments = Optional.of(A2aInput.arguments(message));
        } catch (Refusal e) {
            arguments = Optional.empty(); // the executor rejects the task with the reason
        }
        if (arguments.isPresent() && A2aInput.asksStatus(arguments.get())) {
            return status(arguments.get(), message, context);
        }
        Optional<Caller> known = context.getState().get(A2aCalls.CALLER) instanceof Callers.Resolved r ? r.caller()
                : Optional.empty();
        Optional<Task> earlier = known.flatMap(c -> tasks.sentBefore(c.agent(), message.getMessageId()));
        if (earlier.isPresent()) {
            String digest = calls.digest(arguments.orElse(Map.of()));
            Caller caller = admitted(context, ProposalExecutor.BUDGET, method, message.getMessageId(), digest);
            Task task = earlier.get();
            answer(caller, method, message.getMessageId(), digest, Map.of("replayed", "true", "taskId", task.getId(),
                    "proposalId", String.valueOf(task.getMetadata() == null ? "" : task.getMetadata().get(
                            ProposalTasks.PROPOSAL_ID)), "resultDigest", GatewayAudit.digest(Utils.toJsonString(task))));
            return task;
        }
        return delegate.onMessageSend(params, context);
    }

    @Override
    public Flow.Publisher<StreamingEventKind> onMessageSendStream(MessageSendParams params, ServerCallContext context)
            throws JSONRPCError {
        throw refuse(context, "message/stream", params.message().getMessageId(), NO_STREAMING,
                new UnsupportedOperationError(null, NO_STREAMING, null));
    }

    @Override
    public Flow.Publisher<StreamingEventKind> onResubscribeToTask(TaskIdParams params, ServerCallContext context)
            throws JSONRPCError {
        throw refuse(context, "tasks/resubscribe", params.id(), NO_STREAMING,
                new UnsupportedOperationError(null, NO_STREAMING, null));
    }

    @Override
    public TaskPushNotificationConfig onSetTaskPushNotificationConfig(TaskPushNotificationConfig params,
            ServerCallContext context) throws JSONRPCError {
        throw refuse(context, "tasks/pushNotificationConfig/set", params.taskId(), NO_PUSH, push());
    }

    @Override
    public TaskPushNotificationConfig onGetTaskPushNotificationConfig(GetTaskPushNotificationConfigParams params,
            ServerCallContext context) throws JSONRPCError {
        throw refuse(context, "tasks/pushNotificationConfig/get", params.id(), NO_PUSH, push());
    }

    @Override
    public List<TaskPushNotificationConfig> onListTaskPushNotificationConfig(
            ListTaskPushNotificationConfigParams params, ServerCallContext context) throws JSONRPCError {
        throw refuse(context, "tasks/pushNotificationConfig/list", params.id(), NO_PUSH, push());
    }

    @Override
    public void onDeleteTaskPushNotificationConfig(DeleteTaskPushNotificationConfigParams params,
            ServerCallContext context) throws JSONRPCError {
        throw refuse(context, "tasks/pushNotificationConfig/delete", params.id(), NO_PUSH, push());
    }

    /** Skill {@code proposal-status}: the agent's own proposal, as a message with the proposal as data. */
    private Message status(Map<String, Object> arguments, Message message, ServerCallContext context) {
        String method = ProposalExecutor.METHOD;
        String digest = calls.digest(arguments);
        Caller caller = admitted(context, BUDGET_READ, method, message.getMessageId(), digest);
        Object raw = arguments.get("proposalId");
        Optional<ProposalDesk.Tracked> found;
        try {
            found = raw instanceof String s ? desk.of(caller, ProposalId.of(s)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            String reason = "no proposal " + raw + " of agent " + caller.agent() + "; an agent sees only its own"
                    + " proposals";
            calls.refused(caller.agent().value(), method, message.getMessageId(), digest, reason);
            throw new InvalidParamsError(null, reason, null);
        }
        ProposalDesk.Tracked t = found.get();
        Views.ProposalView view = Views.ProposalView.of(t, false);
        answer(caller, method, message.getMessageId(), digest, Map.of("skill", A2aInput.SKILL_STATUS, "proposalId",
                t.proposal().id().value(), "status", t.status().name(), "resultDigest", calls.digest(view)));
        return new Message.Builder().role(Message.Role.AGENT).messageId(UUID.randomUUID().toString())
                .contextId(message.getContextId()).metadata(ProposalTasks.metadata(t))
                .parts(List.<Part<?>>of(new TextPart(ProposalTasks.sentence(t)), new DataPart(calls.asMap(view))))
                .build();
    }

    private Caller admitted(ServerCallContext context, String budget, String method, String subject, String digest) {
        A2aCalls.Admission a = calls.admit(context, budget);
        if (!a.admitted()) {
            calls.refused(a.who(), method, subject, digest, a.refusal());
            throw new InvalidRequestError(null, a.refusal(), null);
        }
        return a.caller().get();
    }

    private void ownedOrRefuse(Caller caller, String method, String taskId, String digest) {
        if (!tasks.owns(taskId, caller.agent())) {
            String reason = "no task " + taskId + " of agent " + caller.agent() + "; an agent sees only its own tasks";
            calls.refused(caller.agent().value(), method, taskId, digest, reason);
            throw new TaskNotFoundError(null, reason, null);
        }
    }

    private void answer(Caller caller, String method, String subject, String digest, Map<String, String> more) {
        try {
            calls.answered(caller.agent().value(), method, subject, digest, more);
        } catch (AuditTrail.AuditException e) {
            throw new io.a2a.spec.InternalError(null, "the gateway cannot record this request in its audit chain now ("
                    + e.getMessage() + "); try again shortly", null);
        }
    }

    private JSONRPCError refuse(ServerCallContext context, String method, String subject, String reason,
            JSONRPCError error) {
        Object state = context == null ? null : context.getState().get(A2aCalls.CALLER);
        String who = state instanceof Callers.Resolved r ? r.who() : "unknown";
        calls.refused(who, method, subject, calls.digest(Map.of("id", String.valueOf(subject))), reason);
        return error;
    }

    private static PushNotificationNotSupportedError push() {
        return new PushNotificationNotSupportedError(null, NO_PUSH, null);
    }
}
