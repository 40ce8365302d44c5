package io.gridai.operator.rest;

import io.gridai.operator.security.Role;
import io.gridai.operator.stream.StreamClient;
import io.gridai.operator.stream.StreamEvent;
import io.gridai.operator.stream.StreamHub;
import io.gridai.operator.stream.StreamKind;
import io.gridai.operator.stream.Streams;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/** Live streams of the platform's topics as Server-Sent Events. */
@Path("/api/v1/streams")
@Tag(name = "streams", description = "Live alerts, setpoints, forecasts, zone load and telemetry (Server-Sent Events)")
public class StreamsResource {

    private static final Logger LOG = Logger.getLogger(StreamsResource.class);
    /** How long a browser's EventSource waits before it reconnects (the stream's {@code retry:} field). */
    private static final Duration RECONNECT = Duration.ofSeconds(2);

    private final Streams streams;
    private final Vertx vertx;

    public StreamsResource(Streams streams, Vertx vertx) {
        this.streams = streams;
        this.vertx = vertx;
    }

    @GET
    @Path("/{topic}")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed(Role.VIEWER_NAME)
    @NonBlocking
    @Operation(summary = "A live stream of alerts, setpoints, forecasts, zone-load or telemetry (role viewer): each "
            + "event's id is a resumable position, its event name the stream, its data the record as JSON")
    @APIResponse(responseCode = "200", description = "the stream", content = @Content(mediaType = "text/event-stream"))
    @APIResponse(responseCode = "410", description = "Last-Event-ID older than the replay window (oldestId says what"
            + " can be resumed from)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void stream(
            @Parameter(description = "alerts, setpoints, forecasts, zone-load or telemetry") @PathParam("topic")
            String topic,
            @Parameter(description = "only the events of this asset (zone for forecasts and zone-load)")
            @QueryParam("asset") String asset,
            @Parameter(description = "resume after this event id (as the Last-Event-ID header)")
            @QueryParam("lastEventId") String lastEventIdParam,
            @HeaderParam("Last-Event-ID") String lastEventIdHeader,
            @Context SseEventSink sink, @Context Sse sse, @Context HttpServerRequest request) {
        StreamKind kind = StreamKind.of(topic).orElseThrow(() -> new ProblemException(Problem.Kind.NOT_FOUND,
                "no stream " + topic + "; the streams are " + StreamKind.names()));
        Optional<String> lastEventId = Optional.ofNullable(lastEventIdHeader).filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(lastEventIdParam).filter(s -> !s.isBlank()));
        Predicate<StreamEvent> filter = asset == null || asset.isBlank() ? e -> true
                : e -> asset.strip().equals(e.subject());
        StreamHub hub = streams.hub(kind);
        io.vertx.core.Context context = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
        StreamClient client = new StreamClient(new SseConnection(sink, sse, request, context),
                filter, streams.config().buffer(), streams.config().dropGrace(), new StreamClient.Listener() {
                    @Override
                    public void dropped(StreamClient c) {
                        streams.countDrop(kind);
                        LOG.infof("stream client dropped topic=%s remote=%s (buffer of %d full)", kind.streamName(),
                                request.remoteAddress(), streams.config().buffer());
                    }

                    @Override
                    public void closed(StreamClient c) {
                    }
                });
        try {
            hub.subscribe(client, lastEventId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST, "Last-Event-ID " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new ProblemException(Problem.Kind.UNAVAILABLE, e.getMessage());
        } catch (StreamHub.PositionGone e) {
            throw new ProblemException(Problem.Kind.STREAM_POSITION_GONE, e.getMessage(),
                    Map.of("oldestId", e.oldestId()));
        }
    }

    /**
     * A client's SSE connection. JAX-RS' sink holds the request open and writes the first frame (a comment and the
     * reconnection delay), which commits the {@code text/event-stream} response and its headers; the events' frames,
     * rendered once for all clients and coalesced per write by {@link StreamClient}, then go to the same Vert.x
     * response directly, without JAX-RS serialising each event again. Used on the connection's event loop only.
     */
    private static final class SseConnection implements StreamClient.Connection {

        private final SseEventSink sink;
        private final Sse sse;
        private final HttpServerRequest request;
        private final io.vertx.core.Context context;
        private boolean opened;

        SseConnection(SseEventSink sink, Sse sse, HttpServerRequest request, io.vertx.core.Context context) {
            this.sink = sink;
            this.sse = sse;
            this.request = request;
            this.context = context;
        }

        @Override
        public CompletionStage<?> write(byte[] frames) {
            if (!opened) {
                opened = true;
                sink.send(sse.newEventBuilder().comment("gridai stream").reconnectDelay(RECONNECT.toMillis()).build());
            }
            if (sink.isClosed()) {
                return CompletableFuture.failedFuture(new IllegalStateException("the stream is closed"));
            }
            return request.response().write(Buffer.buffer(frames)).toCompletionStage();
        }

        @Override
        public void close() {
            if (!sink.isClosed()) {
                sink.close();
            }
        }

        @Override
        public void abort() {
            request.connection().close();
        }

        @Override
        public boolean isClosed() {
            return sink.isClosed();
        }

        @Override
        public void execute(Runnable task) {
            context.runOnContext(v -> task.run());
        }

        @Override
        public void schedule(Duration delay, Runnable task) {
            context.owner().setTimer(Math.max(1, delay.toMillis()), t -> context.runOnContext(v -> task.run()));
        }
    }
}
