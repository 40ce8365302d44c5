package io.gridai.gateway.a2a;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.a2a.spec.DataPart;
import io.a2a.spec.Message;
import io.a2a.spec.Part;
import io.a2a.spec.TextPart;
import io.gridai.gateway.mcp.Refusal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The arguments of an A2A message: its first {@link DataPart}, else its first {@link TextPart} holding a JSON object.
 * {@code {title, rationale, actions, risk?}} asks for the skill {@code propose-intervention} (the schema of MCP's
 * {@code propose_intervention}), {@code {proposalId}} for {@code proposal-status}.
 */
final class A2aInput {

    static final String SKILL_PROPOSE = "propose-intervention";
    static final String SKILL_STATUS = "proposal-status";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPECTED = "a message needs a data part {title, rationale, actions:[{asset, target,"
            + " validFor}], risk?} (skill " + SKILL_PROPOSE + ") or {proposalId} (skill " + SKILL_STATUS + "), or a"
            + " text part holding that JSON object";

    private A2aInput() {
    }

    /** The message's arguments. */
    static Map<String, Object> arguments(Message message) {
        if (message == null || message.getParts() == null) {
            throw new Refusal(EXPECTED);
        }
        for (Part<?> p : message.getParts()) {
            if (p instanceof DataPart d && d.getData() != null) {
                return new LinkedHashMap<>(d.getData());
            }
        }
        for (Part<?> p : message.getParts()) {
            if (p instanceof TextPart t && t.getText() != null && !t.getText().isBlank()) {
                try {
                    Object parsed = JSON.readValue(t.getText(), Object.class);
                    if (parsed instanceof Map<?, ?> m) {
                        Map<String, Object> out = new LinkedHashMap<>();
                        m.forEach((k, v) -> out.put(String.valueOf(k), v));
                        return out;
                    }
                } catch (JsonProcessingException e) {
                    throw new Refusal("the text part is not JSON (" + e.getOriginalMessage() + "); " + EXPECTED);
                }
                throw new Refusal("the text part is JSON but not an object; " + EXPECTED);
            }
        }
        throw new Refusal(EXPECTED);
    }

    /** Whether the arguments ask for a proposal's status rather than propose. */
    static boolean asksStatus(Map<String, Object> arguments) {
        return arguments.containsKey("proposalId") && !arguments.containsKey("actions");
    }
}
