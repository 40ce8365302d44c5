package io.gridai.operator.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Stops the start when no token verification key is configured: without one every request would be refused, which is
 * safe but looks like a broken client. Give {@code mp.jwt.verify.publickey.location} (a PEM or JWK file, or an OIDC
 * provider's JWKS URL) or {@code mp.jwt.verify.publickey} (the key itself).
 */
@ApplicationScoped
public class VerificationKeyCheck {

    private static final Logger LOG = Logger.getLogger(VerificationKeyCheck.class);

    void check(@Observes StartupEvent event,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> location,
            @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> key,
            @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer) {
        if (location.filter(s -> !s.isBlank()).isEmpty() && key.filter(s -> !s.isBlank()).isEmpty()) {
            throw new ConfigurationException("no token verification key: set mp.jwt.verify.publickey.location (a PEM or"
                    + " JWK file, or a JWKS URL) or mp.jwt.verify.publickey");
        }
        LOG.infof("verifying bearer tokens issuer=%s key=%s", issuer.orElse("(any)"),
                location.orElse("(inline mp.jwt.verify.publickey)"));
    }
}
