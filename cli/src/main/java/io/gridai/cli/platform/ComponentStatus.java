package io.gridai.cli.platform;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of `gridai status` (and one entry of its {@code --json}).
 *
 * @param name   component name
 * @param health {@link Health#UP} only when the component answers and is fit for work
 * @param urls   where to reach it
 * @param pid    its process id, if it has its own process
 * @param detail what was found, in words (why it is not UP, or what it serves)
 * @param mcpUrl the URL of its Model Context Protocol server (Streamable HTTP), for components that serve one (the
 *               agent gateway); null, and left out of the JSON, for the others
 * @param a2aUrl the URL of its A2A JSON-RPC endpoint (the agent gateway); null, and left out, for the others
 * @param agentCardUrl the URL of its public A2A agent card (the agent gateway); null, and left out, for the others
 */
public record ComponentStatus(String name, Health health, List<String> urls, Long pid, String detail,
        @JsonProperty(AgentGatewayComponent.MCP_URL) @JsonInclude(JsonInclude.Include.NON_NULL) String mcpUrl,
        @JsonProperty(AgentGatewayComponent.A2A_URL) @JsonInclude(JsonInclude.Include.NON_NULL) String a2aUrl,
        @JsonProperty(AgentGatewayComponent.AGENT_CARD_URL) @JsonInclude(JsonInclude.Include.NON_NULL)
        String agentCardUrl) {

    public ComponentStatus {
        urls = List.copyOf(urls);
    }

    /** A component without an MCP server or an A2A endpoint. */
    public ComponentStatus(String name, Health health, List<String> urls, Long pid, String detail) {
        this(name, health, urls, pid, detail, null, null, null);
    }

    /** This status with the MCP, A2A and agent card URLs the component's run-file record gives, if any. */
    ComponentStatus withEndpointsOf(ComponentRecord component) {
        Map<String, String> e = component.endpoints();
        String mcp = e.get(AgentGatewayComponent.MCP_URL);
        String a2a = e.get(AgentGatewayComponent.A2A_URL);
        String card = e.get(AgentGatewayComponent.AGENT_CARD_URL);
        return mcp == null && a2a == null && card == null ? this
                : new ComponentStatus(name, health, urls, pid, detail, mcp, a2a, card);
    }
}
