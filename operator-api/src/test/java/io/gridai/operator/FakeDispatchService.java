package io.gridai.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the dispatch optimiser's HTTP API, because the optimiser service itself (HiGHS, a MATPOWER case,
 * forecasts) cannot run inside this module's tests and services never depend on each other's code: a JDK
 * {@code HttpServer} on a free loopback port answering {@code GET /dispatch/solves?limit=n} (n copies of a record
 * shaped exactly as the optimiser's {@code SolveRecord} serialises, {@code dispatch/solve-record.json}),
 * {@code /dispatch/solves/latest} and {@code /q/health/ready}. The application is pointed at it
 * ({@code gridai.operator.dispatch.url}, and as the {@code dispatch-optimizer} service of the health report, next to a
 * {@code forecaster} on a port nobody listens on). Tests stop and restart it through {@link #stop()} and
 * {@link #restart()} (kept in system properties, since the resource and the tests may be loaded by different class
 * loaders).
 */
public class FakeDispatchService implements QuarkusTestResourceLifecycleManager {

    private static final String STOP = "gridai.test.fake-dispatch.stop";
    private static final String RESTART = "gridai.test.fake-dispatch.restart";
    private static final String HEALTH_HITS = "gridai.test.fake-dispatch.health-hits";

    private volatile HttpServer server;
    private int port;
    private final AtomicInteger healthHits = new AtomicInteger();

    @Override
    public Map<String, String> start() {
        try {
            port = freePort();
            int closed = freePort();
            serve();
            System.getProperties().put(STOP, (Runnable) () -> server.stop(0));
            System.getProperties().put(RESTART, (Runnable) this::serve);
            System.getProperties().put(HEALTH_HITS, healthHits);
            String base = "http://127.0.0.1:" + port;
            return Map.of("gridai.operator.dispatch.url", base,
                    "gridai.operator.health.services.\"dispatch-optimizer\"", base + "/q/health/ready",
                    "gridai.operator.health.services.\"forecaster\"", "http://127.0.0.1:" + closed + "/q/health/ready");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Stops the fake optimiser: its port refuses connections until {@link #restart()}. */
    static void stopServing() {
        ((Runnable) System.getProperties().get(STOP)).run();
    }

    /** Serves again on the same port. */
    static void restart() {
        ((Runnable) System.getProperties().get(RESTART)).run();
    }

    /** How many times its readiness was asked. */
    static int healthHits() {
        return ((AtomicInteger) System.getProperties().get(HEALTH_HITS)).get();
    }

    /** The recorded solve record, as the optimiser serialises it. */
    static String record() {
        try (InputStream in = FakeDispatchService.class.getResourceAsStream("/dispatch/solve-record.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void serve() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            String record = record();
            s.createContext("/dispatch/solves", ex -> {
                String path = ex.getRequestURI().getPath();
                if (path.equals("/dispatch/solves/latest")) {
                    send(ex, 200, record);
                    return;
                }
                String q = ex.getRequestURI().getQuery();
                int limit = q != null && q.startsWith("limit=") ? Integer.parseInt(q.substring(6)) : 50;
                send(ex, 200, "[" + String.join(",", java.util.Collections.nCopies(limit, record)) + "]");
            });
            s.createContext("/q/health/ready", ex -> {
                healthHits.incrementAndGet();
                send(ex, 200, "{\"status\":\"UP\",\"checks\":[]}");
            });
            s.start();
            server = s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
