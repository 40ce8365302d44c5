package io.gridai.cli.platform;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The operator API ({@code operator-api}, a packaged Quarkus application) as its own JVM: the operators' alerts and
 * acknowledgements behind JWT bearer tokens. `up` gives it:
 * <ul>
 *   <li>{@code mp.jwt.verify.publickey.location}: the installation's verification key ({@link SigningKeys}, generated
 *       under {@code DATA/operator-api/keys/} on first need), whose private half {@code gridai token} signs with;</li>
 *   <li>{@code mp.jwt.verify.issuer}: {@link #ISSUER}, the {@code iss} of {@code gridai token}'s tokens.</li>
 * </ul>
 * It needs only the broker ({@code grid.alerts}, {@code grid.audit}), so it runs whatever else `up` runs. Any
 * {@code gridai.operator.*} key can still be set through the environment (e.g.
 * {@code GRIDAI_OPERATOR_ALERTS_LOOKBACK=PT1H}), which Quarkus reads before this run's settings file.
 */
public final class OperatorApiComponent extends QuarkusComponent {

    public static final String NAME = "operator-api";
    /** The issuer of the embedded platform's tokens: {@code gridai token} signs it, the operator API requires it. */
    public static final String ISSUER = "gridai-embedded";

    /**
     * @param bootstrap Kafka bootstrap servers, known once the broker is up
     * @param app       the service's {@code quarkus-run.jar}
     * @param host      address its HTTP server binds to
     * @param port      its port; 0 picks a free one
     * @param heap      maximum heap, e.g. {@code 256m}
     */
    public OperatorApiComponent(Supplier<String> bootstrap, Path app, String host, int port, String heap) {
        super(bootstrap, app, host, port, heap);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected String title() {
        return "The operator API";
    }

    @Override
    protected String module() {
        return "operator-api";
    }

    @Override
    protected Map<String, String> runSettings(PlatformLayout layout) {
        Path key;
        try {
            key = SigningKeys.of(layout).ensureVerificationKeyFile();
        } catch (RuntimeException e) {
            throw new ComponentStartException(title() + " has no token verification key: " + e.getMessage(), e);
        }
        return settings(key);
    }

    /** The service's settings for tokens verified with the key in {@code verificationKey}. */
    static Map<String, String> settings(Path verificationKey) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("mp.jwt.verify.publickey.location", verificationKey.toAbsolutePath().toUri().toString());
        settings.put("mp.jwt.verify.issuer", ISSUER);
        return settings;
    }

    @Override
    protected List<String> urls(String base) {
        return List.of(base + "/api/v1/alerts", base + "/q/openapi");
    }
}
