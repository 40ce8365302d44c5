package io.gridai.operator.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reads the dispatch optimiser's solve records over HTTP ({@code GET /dispatch/solves?limit=} and
 * {@code /dispatch/solves/latest} of {@code gridai.operator.dispatch.url}) and hands their JSON on as it is: the
 * operator API does not depend on the optimiser's code, only on its HTTP API.
 */
@ApplicationScoped
public class DispatchClient {

    private static final Logger LOG = Logger.getLogger(DispatchClient.class);

    /** What the optimiser answered: its status and JSON body (a problem detail when not 2xx). */
    public record Answer(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final Optional<URI> base;
    private final Duration timeout;
    private final HttpClient http;

    public DispatchClient(DispatchConfig config) {
        this.base = config.url().map(u -> URI.create(u.toString().replaceAll("/+$", "")));
        this.timeout = config.timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The configured base URL, if any. */
    public Optional<URI> url() {
        return base;
    }

    /** The newest {@code limit} solve records (a JSON array, newest first). */
    public Answer solves(int limit) {
        return get("/dispatch/solves?limit=" + limit);
    }

    /** The latest solve record (a JSON object), or the optimiser's 404 problem when it has not solved yet. */
    public Answer latest() {
        return get("/dispatch/solves/latest");
    }

    private Answer get(String path) {
        URI base = this.base.orElseThrow(() -> new Unavailable("no dispatch optimiser is configured"
                + " (gridai.operator.dispatch.url is empty); set it to the optimiser's base URL, e.g."
                + " http://127.0.0.1:8083"));
        URI uri = URI.create(base + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .GET().build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            LOG.debugf("dispatch optimiser unreachable url=%s: %s", uri, e);
            throw new Unavailable("the dispatch optimiser at " + base + " did not answer " + path + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + " within "
                    + timeout + "); check that it runs (./gridai status) and that gridai.operator.dispatch.url"
                    + " points to it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while asking the dispatch optimiser at " + base);
        }
    }

    /** The optimiser cannot be asked: not configured or not reachable. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }
}
