package io.gridai.cli;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import io.gridai.cli.platform.OperatorApiComponent;
import io.gridai.cli.platform.SigningKeys;
import io.smallrye.jwt.build.Jwt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `gridai token`: a bearer token for the embedded platform's operator API, signed (RS256, smallrye-jwt-build) with the
 * installation's key under the data folder, generated on first need ({@link SigningKeys}); `gridai up` gives the
 * operator API its public half and the issuer {@link OperatorApiComponent#ISSUER}.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Print a signed bearer token for the operator API of this installation (./gridai up), e.g.",
                "  TOKEN=$(./gridai token --user alice --role operator)",
                "  curl -H \"Authorization: Bearer $TOKEN\" http://localhost:8085/api/v1/alerts",
                "The signing key is generated on first need under the data folder (operator-api/keys/), readable by you"
                        + " only, and never leaves it; anyone who can read it can sign tokens."})
public final class TokenCommand implements Callable<Integer> {

    /** The operator API's roles, lowest first; each includes those before it. */
    static final List<String> ROLES = List.of("viewer", "operator", "supervisor", "admin");
    static final int REFUSED = 2;

    @Mixin
    DataDirOption data;

    @Option(names = "--user", required = true, paramLabel = "NAME",
            description = "Who the token names: its subject (sub, the actor of audit events) and upn.")
    String user;

    @Option(names = "--role", required = true, paramLabel = "ROLE",
            description = "The role it grants (groups): viewer, operator, supervisor or admin.")
    String role;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "PT8H",
            description = "How long it is valid, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String roleName = role.trim().toLowerCase(Locale.ROOT);
        if (!ROLES.contains(roleName)) {
            return refuse("unknown role '" + role + "'; one of " + String.join(", ", ROLES));
        }
        if (user.isBlank()) {
            return refuse("--user must name someone");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            return refuse("--ttl must be positive, not " + ttl);
        }
        KeyPair keys = SigningKeys.of(data.layout()).ensure();
        Instant now = Instant.now();
        String token = Jwt.issuer(OperatorApiComponent.ISSUER)
                .subject(user)
                .upn(user)
                .groups(Set.of(roleName))
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim("jti", UUID.randomUUID().toString())
                .jws()
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
