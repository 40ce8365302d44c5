package io.gridai.cli.platform;

import java.util.List;

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
 */
public record ComponentStatus(String name, Health health, List<String> urls, Long pid, String detail,
        @JsonProperty(AgentGatewayComponent.MCP_URL) @JsonInclude(JsonInclude.Include.NON_NULL) String mcpUrl) {

    public ComponentStatus {
        urls = List.copyOf(urls);
    }

    /** A component without an MCP server. */
    public ComponentStatus(String name, Health health, List<String> urls, Long pid, String detail) {
        this(name, health, urls, pid, detail, null);
    }

    /** This status with the MCP URL the component's run-file record gives, if any. */
    ComponentStatus withEndpointsOf(ComponentRecord component) {
        String mcp = component.endpoints().get(AgentGatewayComponent.MCP_URL);
        return mcp == null ? this : new ComponentStatus(name, health, urls, pid, detail, mcp);
    }
}
