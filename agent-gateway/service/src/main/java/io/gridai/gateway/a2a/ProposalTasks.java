package io.gridai.gateway.a2a;

import io.a2a.server.tasks.TaskStateProvider;
import io.a2a.server.tasks.TaskStore;
import io.a2a.spec.Artifact;
import io.a2a.spec.DataPart;
import io.a2a.spec.Message;
import io.a2a.spec.Part;
import io.a2a.spec.Task;
import io.a2a.spec.TaskState;
import io.a2a.spec.TaskStatus;
import io.a2a.spec.TextPart;
import io.gridai.gateway.config.GatewayConfig;
import io.gridai.gateway.mcp.Views;
import io.gridai.gateway.proposals.ProposalDesk;
import io.gridai.model.id.AgentId;
import io.gridai.model.id.ProposalId;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The A2A tasks of proposals: the SDK's task store (in place of its {@code InMemoryTaskStore}), which also knows who
 * owns each task, which proposal it carries and which message made it, and keeps every task's state in step with its
 * proposal. The {@link ProposalDesk} tells it of every status change (operators' decision, execution, expiry) and the
 * task is rewritten then; every save the SDK makes is reconciled with the newest status too, so that a late save of
 * the SDK cannot put an older state back. Held in memory and read back at start from the audit chain (the
 * {@code agent.a2a.request} events of answered messages name the task, its context, its owner and its proposal; the
 * desk, which reads its proposals back first, gives their state).
 *
 * <table>
 * <caption>proposal status to task state</caption>
 * <tr><th>proposal</th><th>task</th></tr>
 * <tr><td>PENDING_APPROVAL</td><td>input-required (operators must decide)</td></tr>
 * <tr><td>REJECTED</td><td>rejected (the reasons)</td></tr>
 * <tr><td>EXECUTED</td><td>completed (artifact {@code setpoints})</td></tr>
 * <tr><td>EXPIRED</td><td>canceled ("expired: ...")</td></tr>
 * </table>
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ProposalTasks implements TaskStore, TaskStateProvider {

    /** Detail of an answered message's audit event: the task it made. */
    public static final String TASK_ID = "taskId";
    /** Detail of an answered message's audit event: the task's context. */
    public static final String CONTEXT_ID = "contextId";
    /** Task metadata: the proposal's id. */
    public static final String PROPOSAL_ID = "proposalId";
    /** Task metadata: the proposal's status ({@code PENDING_APPROVAL}, ...). */
    public static final String PROPOSAL_STATUS = "proposalStatus";
    /** The artifact with the proposal as {@code proposal_status} answers it (review steps, reasons, setpoints). */
    public static final String PROPOSAL_ARTIFACT = "proposal";
    /** The artifact with the published setpoints of an executed proposal. */
    public static final String SETPOINTS_ARTIFACT = "setpoints";

    private record Owned(AgentId agent, Optional<ProposalId> proposal) {
    }

    private record Sent(String taskId, Instant at) {
    }

    private final GatewayConfig config;
    private final A2aCalls calls;
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final Map<String, Owned> owners = new ConcurrentHashMap<>();
    private final Map<ProposalId, ProposalDesk.Tracked> latest = new ConcurrentHashMap<>();
    private final Map<ProposalId, Set<String>> byProposal = new ConcurrentHashMap<>();
    private final Map<String, Sent> byMessage = new ConcurrentHashMap<>();

    private final ProposalDesk desk;

    public ProposalTasks(GatewayConfig config, A2aCalls calls, ProposalDesk desk, io.gridai.gateway.service.GatewayApp app) {
        this.config = config;
        this.calls = calls;
        this.desk = desk;
        desk.onStatus(this::changed);
        // after the desk's own (registered when the desk was made): the proposals are back when the tasks are read
        app.onAuditLoaded(this::restore);
    }

    /** Reads back the tasks of answered messages from the audit chain, with their proposals' state now. */
    private void restore(List<io.gridai.model.AuditEvent> chain) {
        Instant oldestReplay = Instant.now().minus(config.proposals().replayWindow());
        int count = 0;
        for (io.gridai.model.AuditEvent e : chain) {
            Map<String, String> d = e.details();
            if (!io.gridai.gateway.audit.GatewayAudit.A2A_REQUEST.equals(e.action()) || !"ok".equals(d.get("outcome"))
                    || !d.containsKey(TASK_ID) || !d.containsKey("proposalId")) {
                continue;
            }
            try {
                AgentId agent = AgentId.of(e.actor());
                ProposalId proposal = ProposalId.of(d.get("proposalId"));
                String taskId = d.get(TASK_ID);
                Optional<ProposalDesk.Tracked> held = desk.held(proposal);
                if (held.isEmpty() || tasks.containsKey(taskId)) {
                    continue;
                }
                ProposalDesk.Tracked t = held.get();
                owners.put(taskId, new Owned(agent, Optional.of(proposal)));
                byProposal.computeIfAbsent(proposal, p -> ConcurrentHashMap.newKeySet()).add(taskId);
                String messageId = d.get("messageId");
                if (messageId != null && e.time().isAfter(oldestReplay)) {
                    byMessage.putIfAbsent(messageKey(agent, messageId), new Sent(taskId, e.time()));
                }
                latest.put(proposal, t);
                String contextId = d.getOrDefault(CONTEXT_ID, taskId);
                tasks.put(taskId, new Task.Builder().id(taskId).contextId(contextId)
                        .status(new TaskStatus(state(t), message(t, taskId, contextId), null))
                        .artifacts(artifacts(t, false)).history(new ArrayList<>()).metadata(new HashMap<>(metadata(t)))
                        .build());
                count++;
            } catch (RuntimeException ex) {
                org.jboss.logging.Logger.getLogger(ProposalTasks.class).warnf("a2a task not restored (sequence %d): %s",
                        e.sequence(), ex.getMessage());
            }
        }
        org.jboss.logging.Logger.getLogger(ProposalTasks.class).infof("a2a tasks restored from the audit chain count=%d",
                count);
    }

    /** Records that {@code agent} made task {@code taskId} (before any of its events is saved). */
    public void own(String taskId, AgentId agent) {
        owners.putIfAbsent(taskId, new Owned(agent, Optional.empty()));
    }

    /** Whether {@code agent} made the task (an unknown task is no one's). */
    public boolean owns(String taskId, AgentId agent) {
        Owned o = taskId == null ? null : owners.get(taskId);
        return o != null && o.agent().equals(agent);
    }

    /** The proposal a task carries, once the review has it. */
    public Optional<ProposalId> proposalOf(String taskId) {
        Owned o = taskId == null ? null : owners.get(taskId);
        return o == null ? Optional.empty() : o.proposal();
    }

    /** Ties a task to its proposal and to the message that made it (the replay key of that message). */
    public void link(String taskId, AgentId agent, String messageId, ProposalId proposal) {
        owners.put(taskId, new Owned(agent, Optional.of(proposal)));
        byProposal.computeIfAbsent(proposal, p -> ConcurrentHashMap.newKeySet()).add(taskId);
        byMessage.putIfAbsent(messageKey(agent, messageId), new Sent(taskId, Instant.now()));
        tasks.computeIfPresent(taskId, (id, t) -> reconcile(t));
    }

    /** The task an earlier message of {@code agent} with this id made, within the replay window. */
    public Optional<Task> sentBefore(AgentId agent, String messageId) {
        Instant oldest = Instant.now().minus(config.proposals().replayWindow());
        byMessage.values().removeIf(s -> s.at().isBefore(oldest));
        return Optional.ofNullable(byMessage.get(messageKey(agent, messageId))).map(s -> tasks.get(s.taskId()));
    }

    /** The A2A state of a proposal status. */
    public static TaskState state(ProposalDesk.Tracked t) {
        return switch (t.status()) {
            case PENDING_APPROVAL -> TaskState.INPUT_REQUIRED;
            case REJECTED -> TaskState.REJECTED;
            case EXECUTED -> TaskState.COMPLETED;
            case EXPIRED -> TaskState.CANCELED;
        };
    }

    /** What the task's status message says of a proposal status. */
    public static String sentence(ProposalDesk.Tracked t) {
        return switch (t.status()) {
            case PENDING_APPROVAL -> "in review by operators (proposal " + t.proposal().id() + "): " + t.detail();
            case EXPIRED -> "expired: " + t.detail();
            default -> t.detail();
        };
    }

    /** The artifacts a task of this proposal carries. */
    public List<Artifact> artifacts(ProposalDesk.Tracked t, boolean replayed) {
        Views.ProposalView view = Views.ProposalView.of(t, replayed);
        List<Artifact> out = new ArrayList<>();
        out.add(new Artifact.Builder().artifactId(PROPOSAL_ARTIFACT).name(PROPOSAL_ARTIFACT)
                .description("the proposal and its review, as MCP's proposal_status answers it")
                .parts(List.of(new DataPart(calls.asMap(view)))).build());
        if (!view.setpoints().isEmpty()) {
            out.add(new Artifact.Builder().artifactId(SETPOINTS_ARTIFACT).name(SETPOINTS_ARTIFACT)
                    .description("the setpoints published on grid.setpoints (origin APPROVED_PROPOSAL)")
                    .parts(List.of(new DataPart(calls.asMap(Map.of("setpoints", view.setpoints()))))).build());
        }
        return out;
    }

    /** The agent's status message of a proposal status, in a task's context. */
    public static Message message(ProposalDesk.Tracked t, String taskId, String contextId) {
        return new Message.Builder().role(Message.Role.AGENT).messageId(UUID.randomUUID().toString())
                .taskId(taskId).contextId(contextId).parts(List.<Part<?>>of(new TextPart(sentence(t)))).build();
    }

    /** Task metadata of a proposal. */
    public static Map<String, Object> metadata(ProposalDesk.Tracked t) {
        return Map.of(PROPOSAL_ID, t.proposal().id().value(), PROPOSAL_STATUS, t.status().name());
    }

    @Override
    public void save(Task task) {
        tasks.put(task.getId(), reconcile(task));
    }

    @Override
    public Task get(String taskId) {
        return taskId == null ? null : tasks.get(taskId);
    }

    @Override
    public void delete(String taskId) {
        tasks.remove(taskId);
    }

    @Override
    public boolean isTaskActive(String taskId) {
        Task t = tasks.get(taskId);
        return t != null && !t.getStatus().state().isFinal();
    }

    @Override
    public boolean isTaskFinalized(String taskId) {
        Task t = tasks.get(taskId);
        return t != null && t.getStatus().state().isFinal();
    }

    private void changed(ProposalDesk.Tracked t) {
        latest.put(t.proposal().id(), t);
        for (String taskId : byProposal.getOrDefault(t.proposal().id(), Set.of())) {
            tasks.computeIfPresent(taskId, (id, task) -> reconcile(task));
        }
    }

    /** The task with its proposal's newest status, when the desk has told of a newer one than the task shows. */
    private Task reconcile(Task task) {
        Owned o = owners.get(task.getId());
        ProposalDesk.Tracked t = o == null ? null : o.proposal().map(latest::get).orElse(null);
        if (t == null || task.getStatus().state() == state(t)) {
            return task;
        }
        List<Message> history = task.getHistory() == null ? new ArrayList<>() : new ArrayList<>(task.getHistory());
        if (task.getStatus().message() != null) {
            history.add(task.getStatus().message());
        }
        List<Artifact> artifacts = new ArrayList<>();
        if (task.getArtifacts() != null) {
            task.getArtifacts().stream().filter(a -> !PROPOSAL_ARTIFACT.equals(a.artifactId())
                    && !SETPOINTS_ARTIFACT.equals(a.artifactId())).forEach(artifacts::add);
        }
        artifacts.addAll(artifacts(t, false));
        Map<String, Object> metadata = task.getMetadata() == null ? new HashMap<>() : new HashMap<>(task.getMetadata());
        metadata.putAll(metadata(t));
        return new Task.Builder(task).status(new TaskStatus(state(t), message(t, task.getId(), task.getContextId()),
                null)).history(history).artifacts(artifacts).metadata(metadata).build();
    }

    private static String messageKey(AgentId agent, String messageId) {
        return agent.value() + "\u0000" + messageId;
    }
}
