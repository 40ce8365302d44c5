package io.gridai.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A science agent in the tests: the official MCP Java SDK's synchronous client over Streamable HTTP to the running
 * gateway's {@code /mcp}, sending its bearer token on every request. Also raw JSON-RPC over HTTP for what the SDK
 * will not do (send the same request id twice).
 */
final class McpAgent implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final McpSyncClient client;

    private McpAgent(String token) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base())
                .endpoint("/mcp")
                .customizeRequest(b -> b.header("Authorization", "Bearer " + token))
                .build();
        this.client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(30))
                .clientInfo(new McpSchema.Implementation("gridai-test-agent", "1")).build();
    }

    /** Connects and initializes (throws when the gateway refuses the token). */
    static McpAgent connect(String token) {
        McpAgent agent = new McpAgent(token);
        try {
            agent.client.initialize();
        } catch (RuntimeException e) {
            agent.client.close();
            throw e;
        }
        return agent;
    }

    static String base() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return "http://127.0.0.1:" + port;
    }

    List<String> toolNames() {
        return client.listTools().tools().stream().map(McpSchema.Tool::name).sorted().toList();
    }

    /** Calls a tool; the answer's text and whether it is an error. */
    Answer call(String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        String text = r.content().stream().filter(c -> c instanceof McpSchema.TextContent)
                .map(c -> ((McpSchema.TextContent) c).text()).findFirst().orElse("");
        return new Answer(Boolean.TRUE.equals(r.isError()), text);
    }

    /** The resources listed to this agent. */
    List<McpSchema.Resource> resources() {
        return client.listResources().resources();
    }

    /** The resource templates listed to this agent. */
    List<McpSchema.ResourceTemplate> resourceTemplates() {
        return client.listResourceTemplates().resourceTemplates();
    }

    /** Reads a resource; its first contents (throws {@code McpError} when refused). */
    McpSchema.TextResourceContents read(String uri) {
        McpSchema.ReadResourceResult r = client.readResource(new McpSchema.ReadResourceRequest(uri));
        return r.contents().stream().filter(c -> c instanceof McpSchema.TextResourceContents)
                .map(c -> (McpSchema.TextResourceContents) c).findFirst()
                .orElseThrow(() -> new AssertionError("no text contents of " + uri + ": " + r));
    }

    @Override
    public void close() {
        client.closeGracefully();
    }

    /** A tool's answer. */
    record Answer(boolean error, String text) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("the answer is not JSON: " + text, e);
            }
        }
    }

    /** A raw JSON-RPC session over HTTP: initialize, then requests with ids of the caller's choosing. */
    static final class Raw {
        private final HttpClient http = HttpClient.newHttpClient();
        private final String token;
        private final String session;

        Raw(String token) {
            this.token = token;
            HttpResponse<String> init = post(null, "{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\","
                    + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
            this.session = init.headers().firstValue("Mcp-Session-Id")
                    .orElseThrow(() -> new AssertionError("no Mcp-Session-Id: " + init.statusCode() + " " + init.body()));
            post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        }

        /** tools/call with request id {@code id}; the JSON-RPC response. */
        JsonNode call(Object id, String tool, Map<String, Object> arguments) {
            return request(id, "tools/call", Map.of("name", tool, "arguments", arguments));
        }

        /** A request of {@code method} with request id {@code id}; the JSON-RPC response. */
        JsonNode request(Object id, String method, Map<String, Object> params) {
            try {
                String body = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", method,
                        "params", params));
                HttpResponse<String> r = post(session, body);
                String text = r.body();
                int data = text.indexOf("data:");
                if (data >= 0) { // an SSE answer: the first event's data
                    text = text.substring(data + 5).lines().findFirst().orElse("").strip();
                }
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private HttpResponse<String> post(String sessionId, String body) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + "/mcp"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (sessionId != null) {
                b.header("Mcp-Session-Id", sessionId);
            }
            try {
                return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The HTTP status of an initialize with this token (401 for a refused one). */
    static int initializeStatus(String token) {
        try {
            HttpRequest r = HttpRequest.newBuilder(URI.create(base() + "/mcp"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                            + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                            + "\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}"))
                    .build();
            return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
