package io.gridai.gateway;

import io.a2a.A2A;
import io.a2a.client.transport.jsonrpc.JSONRPCTransport;
import io.a2a.client.transport.spi.interceptors.ClientCallContext;
import io.a2a.spec.A2AClientException;
import io.a2a.spec.AgentCard;
import io.a2a.spec.DataPart;
import io.a2a.spec.EventKind;
import io.a2a.spec.Message;
import io.a2a.spec.MessageSendParams;
import io.a2a.spec.Part;
import io.a2a.spec.Task;
import io.a2a.spec.TaskIdParams;
import io.a2a.spec.TaskQueryParams;
import io.a2a.spec.TextPart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An A2A agent of the tests: the A2A Java SDK's JSON-RPC client transport against the running test app, with the
 * agent's token as {@code Authorization: Bearer}.
 */
final class A2aAgent {

    private final JSONRPCTransport transport = new JSONRPCTransport(url());
    private final ClientCallContext context;

    A2aAgent(String token) {
        this.context = new ClientCallContext(Map.of(), token == null ? Map.of()
                : Map.of("Authorization", "Bearer " + token));
    }

    /** The JSON-RPC endpoint of the test app. */
    static String url() {
        return McpAgent.base() + "/";
    }

    /** The public agent card, fetched without a token. */
    static AgentCard card() throws A2AClientException {
        return A2A.getAgentCard(url());
    }

    /** The HTTP status of a raw {@code message/send} with this token ({@code null}: none). */
    static int status(String token) {
        return post(token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"message/send\",\"params\":{\"message\":"
                + "{\"role\":\"user\",\"messageId\":\"m-1\",\"kind\":\"message\",\"parts\":[{\"kind\":\"text\","
                + "\"text\":\"hello\"}]}}}").statusCode();
    }

    /** A raw JSON-RPC request with this token ({@code null}: none). */
    static HttpResponse<String> post(String token, String body) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        try {
            return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a message with one data part under a fresh message id. */
    EventKind send(Map<String, Object> data) throws A2AClientException {
        return send(data, UUID.randomUUID().toString());
    }

    /** Sends a message with one data part under {@code messageId}. */
    EventKind send(Map<String, Object> data, String messageId) throws A2AClientException {
        return send(new Message.Builder().role(Message.Role.USER).messageId(messageId)
                .parts(List.<Part<?>>of(new DataPart(data))).build());
    }

    /** Sends a message with one text part. */
    EventKind sendText(String text) throws A2AClientException {
        return send(new Message.Builder().role(Message.Role.USER).messageId(UUID.randomUUID().toString())
                .parts(List.<Part<?>>of(new TextPart(text))).build());
    }

    EventKind send(Message message) throws A2AClientException {
        return transport.sendMessage(new MessageSendParams.Builder().message(message).build(), context);
    }

    /** Sends a proposal and expects a task back. */
    Task propose(Map<String, Object> data) throws A2AClientException {
        return (Task) send(data);
    }

    Task get(String taskId) throws A2AClientException {
        return transport.getTask(new TaskQueryParams(taskId), context);
    }

    Task cancel(String taskId) throws A2AClientException {
        return transport.cancelTask(new TaskIdParams(taskId), context);
    }

    /** The text of a task's status message. */
    static String statusText(Task task) {
        Message m = task.getStatus().message();
        if (m == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Part<?> p : m.getParts()) {
            if (p instanceof TextPart t) {
                sb.append(t.getText());
            }
        }
        return sb.toString();
    }

    /** The data of a task's artifact of that name. */
    static Map<String, Object> artifact(Task task, String name) {
        return task.getArtifacts().stream().filter(a -> name.equals(a.name())).findFirst()
                .flatMap(a -> a.parts().stream().filter(DataPart.class::isInstance).map(p -> ((DataPart) p).getData())
                        .findFirst())
                .orElseThrow(() -> new AssertionError("no artifact " + name + " in task " + task.getId()));
    }
}
