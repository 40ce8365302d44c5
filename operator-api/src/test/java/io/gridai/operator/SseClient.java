package io.gridai.operator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final Map<String, String> headers = new ConcurrentHashMap<>();
    private final Predicate<Event> counted;
    private final AtomicInteger count = new AtomicInteger();
    private volatile Flow.Subscription subscription;
    private final CompletableFuture<?> response;

    private SseClient(HttpClient http, HttpRequest request, Predicate<Event> counted) {
        this.counted = counted;
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
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/event-stream")
                .timeout(Duration.ofMinutes(5)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        return new SseClient(http, b.build(), counted);
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
        return new ArrayList<>(events);
    }

    /** How many events passed the filter. */
    int count() {
        return count.get();
    }

    /** The body's lines as received (for a problem detail). */
    String body() {
        return String.join("\n", lines);
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
            lines.add(line);
            if (line.isEmpty()) {
                if (data != null) {
                    Event e = new Event(id, event == null ? "message" : event, data.toString());
                    events.add(e);
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
