package io.gridai.gateway.security;

import io.gridai.gateway.config.GatewayConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-agent token buckets ({@code gridai.gateway.rate.*}): every tool call of an agent takes a token from its bucket,
 * and a call of a tool with its own budget ({@code gridai.gateway.rate.tools.<tool>=capacity/refillPerMinute}) one
 * from that bucket too. An empty bucket refuses the call and says when the next token comes.
 */
@ApplicationScoped
public class RateLimiter {

    /** A bucket's shape. */
    public record Budget(int capacity, double refillPerMinute) {
        public Budget {
            if (capacity < 1 || !(refillPerMinute > 0) || !Double.isFinite(refillPerMinute)) {
                throw new IllegalArgumentException("a rate budget needs capacity >= 1 and a positive finite refill"
                        + " per minute, not " + capacity + "/" + refillPerMinute);
            }
        }

        static Budget parse(String tool, String text) {
            String[] parts = text.split("/");
            try {
                if (parts.length == 2) {
                    return new Budget(Integer.parseInt(parts[0].strip()), Double.parseDouble(parts[1].strip()));
                }
            } catch (IllegalArgumentException e) {
                // refused below
            }
            throw new ConfigurationException("gridai.gateway.rate.tools." + tool + "='" + text + "' is not"
                    + " capacity/refillPerMinute, e.g. 5/5");
        }
    }

    private static final class Bucket {
        private final Budget budget;
        private double tokens;
        private long at;

        Bucket(Budget budget, long now) {
            this.budget = budget;
            this.tokens = budget.capacity();
            this.at = now;
        }

        synchronized Optional<Duration> take(long now) {
            tokens = Math.min(budget.capacity(), tokens + (now - at) * budget.refillPerMinute() / 60e9);
            at = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) * 60e9 / budget.refillPerMinute())));
        }

        synchronized void giveBack() {
            tokens = Math.min(budget.capacity(), tokens + 1);
        }
    }

    private final Budget overall;
    private final Map<String, Budget> perTool = new HashMap<>();
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(GatewayConfig config) {
        try {
            this.overall = new Budget(config.rate().capacity(), config.rate().refillPerMinute());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("gridai.gateway.rate.capacity / refill-per-minute: " + e.getMessage(), e);
        }
        config.rate().tools().forEach((tool, text) -> perTool.put(tool, Budget.parse(tool, text)));
    }

    /** Takes a token for {@code agent}'s call of {@code tool}; empty when allowed, else the refusal. */
    public Optional<String> take(String agent, String tool) {
        long now = System.nanoTime();
        Bucket all = buckets.computeIfAbsent(agent, a -> new Bucket(overall, now));
        Optional<Duration> wait = all.take(now);
        if (wait.isPresent()) {
            return Optional.of(refusal("calls", overall, wait.get(), "gridai.gateway.rate.capacity"));
        }
        Budget budget = perTool.get(tool);
        if (budget != null) {
            Bucket b = buckets.computeIfAbsent(agent + "\u0000" + tool, a -> new Bucket(budget, now));
            Optional<Duration> w = b.take(now);
            if (w.isPresent()) {
                all.giveBack();
                return Optional.of(refusal(tool + " calls", budget, w.get(), "gridai.gateway.rate.tools." + tool));
            }
        }
        return Optional.empty();
    }

    private static String refusal(String what, Budget budget, Duration wait, String key) {
        return "rate limit: the budget of " + what + " (" + budget.capacity() + " at once, " + budget.refillPerMinute()
                + " per minute; " + key + ") is spent; try again in " + Math.max(1, wait.toMillis()) + " ms";
    }
}
