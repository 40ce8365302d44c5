package io.gridai.cli;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;

import io.gridai.cli.platform.AgentGatewayComponent;
import io.gridai.cli.platform.OperatorApiComponent;
import io.gridai.cli.platform.SigningKeys;
import io.gridai.model.id.AgentId;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ZoneId;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `gridai token`: a bearer token for the embedded platform, signed (RS256, smallrye-jwt-build) with the installation's
 * key under the data folder, generated on first need ({@link SigningKeys}); `gridai up` gives the services its public
 * half and the issuer {@link OperatorApiComponent#ISSUER}. Two kinds, one of them per token:
 * <ul>
 *   <li>{@code --user NAME --role ROLE}: a person's token for the operator API (subject and upn = the user, groups =
 *       the role);</li>
 *   <li>{@code --agent NAME --tier TIER}: a science agent's token for the agent gateway (subject = the agent id,
 *       audience {@link AgentGatewayComponent#AUDIENCE}, {@value AgentGatewayComponent#TIER_CLAIM} = the tier, and
 *       when given {@value AgentGatewayComponent#ZONES_CLAIM} / {@value AgentGatewayComponent#ASSETS_CLAIM}, the
 *       only zones / assets it may see and act on; without them its scope is not narrowed). It carries no groups, so
 *       the operator API grants it no role.</li>
 * </ul>
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Print a signed bearer token for this installation (./gridai up): for a person on the operator API,"
                + " or for a science agent on the agent gateway, e.g.",
                "  TOKEN=$(./gridai token --user alice --role operator)",
                "  curl -H \"Authorization: Bearer $TOKEN\" http://localhost:8085/api/v1/alerts",
                "  ./gridai token --agent research-1 --tier study --zones zone-1   (MCP: http://localhost:8086/mcp)",
                "The signing key is generated on first need under the data folder (operator-api/keys/), readable by you"
                        + " only, and never leaves it; anyone who can read it can sign tokens."})
public final class TokenCommand implements Callable<Integer> {

    /** The operator API's roles, lowest first; each includes those before it. */
    static final List<String> ROLES = List.of("viewer", "operator", "supervisor", "admin");
    /** The agent gateway's tiers, lowest first; each allows what those before it allow. */
    static final List<String> TIERS = List.of("observe", "study", "propose", "execute-within-envelope");
    static final int REFUSED = 2;

    @Mixin
    DataDirOption data;

    @Option(names = "--user", paramLabel = "NAME",
            description = "A person's token for the operator API: who it names, its subject (sub, the actor of audit"
                    + " events) and upn. Needs --role; not with --agent.")
    String user;

    @Option(names = "--role", paramLabel = "ROLE",
            description = "With --user: the role it grants (groups): viewer, operator, supervisor or admin.")
    String role;

    @Option(names = "--agent", paramLabel = "NAME",
            description = "A science agent's token for the agent gateway: the agent id, its subject (letters, digits"
                    + " and . _ : / -). Needs --tier; not with --user.")
    String agent;

    @Option(names = "--tier", paramLabel = "TIER",
            description = "With --agent: what it may do: observe (read), study (+ studies), propose (+ proposals) or"
                    + " execute-within-envelope (+ small proposals auto-approved).")
    String tier;

    @Option(names = "--zones", split = ",", paramLabel = "ZONE",
            description = "With --agent: the only zones it may see and act on, e.g. zone-1,zone-2 (default: not narrowed).")
    List<String> zones;

    @Option(names = "--assets", split = ",", paramLabel = "ASSET",
            description = "With --agent: the only assets it may see and act on, e.g. gen-1-1,load-3 (default: not narrowed).")
    List<String> assets;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "PT8H",
            description = "How long it is valid, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (user != null && agent != null) {
            return refuse("--user and --agent are mutually exclusive: --user NAME --role ROLE for a person's operator API"
                    + " token, --agent NAME --tier TIER for a science agent's gateway token");
        }
        if (user == null && agent == null) {
            return refuse("say who the token is for: --user NAME --role " + String.join("|", ROLES)
                    + " (operator API) or --agent NAME --tier " + String.join("|", TIERS) + " (agent gateway)");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            return refuse("--ttl must be positive, not " + ttl);
        }
        return user != null ? userToken() : agentToken();
    }

    private int userToken() {
        if (tier != null || zones != null || assets != null) {
            return refuse("--tier, --zones and --assets are for an agent's token (--agent NAME); a user's token takes"
                    + " --role");
        }
        if (role == null) {
            return refuse("--user needs --role, one of " + String.join(", ", ROLES));
        }
        String roleName = role.trim().toLowerCase(Locale.ROOT);
        if (!ROLES.contains(roleName)) {
            return refuse("unknown role '" + role + "'; one of " + String.join(", ", ROLES));
        }
        if (user.isBlank()) {
            return refuse("--user must name someone");
        }
        return print(claims().subject(user).upn(user).groups(Set.of(roleName)));
    }

    private int agentToken() {
        if (role != null) {
            return refuse("--role is for a user's token (--user NAME); an agent's token takes --tier, one of "
                    + String.join(", ", TIERS));
        }
        if (tier == null) {
            return refuse("--agent needs --tier, one of " + String.join(", ", TIERS));
        }
        String tierName = tier.trim().toLowerCase(Locale.ROOT);
        if (!TIERS.contains(tierName)) {
            return refuse("unknown tier '" + tier + "'; one of " + String.join(", ", TIERS) + " (lowest first)");
        }
        AgentId id;
        List<String> zoneIds;
        List<String> assetIds;
        try {
            id = AgentId.of(ids("--agent", List.of(agent), AgentId::of).get(0));
            zoneIds = ids("--zones", zones, ZoneId::of);
            assetIds = ids("--assets", assets, AssetId::of);
        } catch (IllegalArgumentException e) {
            return refuse(e.getMessage());
        }
        JwtClaimsBuilder claims = claims().subject(id.value()).audience(AgentGatewayComponent.AUDIENCE)
                .claim(AgentGatewayComponent.TIER_CLAIM, tierName);
        if (zoneIds != null) {
            claims.claim(AgentGatewayComponent.ZONES_CLAIM, zoneIds);
        }
        if (assetIds != null) {
            claims.claim(AgentGatewayComponent.ASSETS_CLAIM, assetIds);
        }
        return print(claims);
    }

    /** The ids given to {@code option}, each checked as {@code parse} checks it, duplicates dropped; null when not given. */
    private static List<String> ids(String option, List<String> given, Function<String, ?> parse) {
        if (given == null) {
            return null;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String value : given) {
            String id = value.trim();
            try {
                parse.apply(id);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
            }
            ids.add(id);
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException(option + " needs at least one id; leave it out for no narrowing");
        }
        return new ArrayList<>(ids);
    }

    /** Issuer, issue and expiry times and a token id, as every token of this installation has them. */
    private JwtClaimsBuilder claims() {
        Instant now = Instant.now();
        return Jwt.issuer(OperatorApiComponent.ISSUER)
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim("jti", UUID.randomUUID().toString());
    }

    private int print(JwtClaimsBuilder claims) {
        KeyPair keys = SigningKeys.of(data.layout()).ensure();
        String token = claims.jws()
                .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .sign(keys.getPrivate());
        spec.commandLine().getOut().println(token);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private int refuse(String why) {
        spec.commandLine().getErr().println("gridai token: " + why);
        spec.commandLine().getErr().flush();
        return REFUSED;
    }
}
