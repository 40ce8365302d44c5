package io.gridai.operator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A non-blocking SSE client on the JDK's HttpClient: the body arrives line by line on the client's own threads and is
 * parsed into events ({@code id}, {@code event}, {@code data}); no thread per connection.
 */
final class SseClient implements AutoCloseable {

    /** One event as received. */
    record Event(String id, String event, String data) {
    }

    // Appended by the client's thread, copied by the test's: a synchronized list (a copy-on-write one would copy the
    // whole list per line, which at 200 clients x thousands of events costs more CPU than the server under test).
    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final boolean retain;
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final Map<String, String> headers = new ConcurrentHashMap<>();
    private final Predicate<Event> counted;
    private final AtomicInteger count = new AtomicInteger();
    private volatile Flow.Subscription subscription;
    private volatile Event last;
    private final CompletableFuture<?> response;

    private SseClient(HttpClient http, HttpRequest request, Predicate<Event> counted, boolean retain) {
        this.counted = counted;
        this.retain = retain;
        this.response = http.sendAsync(request, info -> {
            info.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            status.complete(info.statusCode());
            return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines());
        }).whenComplete((r, t) -> {
            status.complete(-1);
            ended.complete(null);
        });
    }

    /** Opens {@code path} with a token and, when not null, a Last-Event-ID; events passing {@code counted} are counted. */
    static SseClient open(HttpClient http, URI base, String path, String token, String lastEventId,
            Predicate<Event> counted) {
        return open(http, base, path, token, lastEventId, counted, true);
    }

    /**
     * As {@link #open(HttpClient, URI, String, String, String, Predicate)}; with {@code retain} false the client only
     * counts (and remembers the last event), for load tests with many clients.
     */
    static SseClient open(HttpClient http, URI base, String path, String token, String lastEventId,
            Predicate<Event> counted, boolean retain) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/event-stream")
                .timeout(Duration.ofMinutes(5)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        return new SseClient(http, b.build(), counted, retain);
    }

    static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    CompletableFuture<Integer> status() {
        return status;
    }

    String header(String name) {
        return headers.get(name.toLowerCase());
    }

    List<Event> events() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    /** The last event received (also when not retaining). */
    Event last() {
        return last;
    }

    /** How many events passed the filter. */
    int count() {
        return count.get();
    }

    /** The body's lines as received (for a problem detail). */
    String body() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    boolean ended() {
        return ended.isDone();
    }

    @Override
    public void close() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        response.cancel(true);
    }

    private final class Lines implements Flow.Subscriber<String> {
        private String id;
        private String event;
        private StringBuilder data;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (retain) {
                lines.add(line);
            }
            if (line.isEmpty()) {
                if (data != null) {
                    Event e = new Event(id, event == null ? "message" : event, data.toString());
                    last = e;
                    if (retain) {
                        events.add(e);
                    }
                    if (counted.test(e)) {
                        count.incrementAndGet();
                    }
                }
                id = null;
                event = null;
                data = null;
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                String d = line.substring(5);
                d = d.startsWith(" ") ? d.substring(1) : d;
                data = data == null ? new StringBuilder(d) : data.append('\n').append(d);
            }
        }

        @Override
        public void onError(Throwable t) {
            ended.complete(null);
        }

        @Override
        public void onComplete() {
            ended.complete(null);
        }
    }
}
