package io.gridai.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A replay's status file ({@code ReplayMain --status-file}): a small JSON object rewritten, atomically (a temporary
 * file moved over it), on every progress report, on pause/resume/stop and at the end, so that whoever started the
 * replay (the operator API) can show where it is:
 *
 * <pre>
 * {"sandbox", "state": "starting|running|paused|stopping|stopped|done|failed", "from", "to", "speed",
 *  "records_sent", "records_total" (once known), "event_time", "records_per_second", "report" (when done),
 *  "error" (when failed), "updated_at"}
 * </pre>
 *
 * <p>The state while the replay runs follows its {@link ReplayControl} (paused, stopping), and is {@code starting}
 * until the first record has been sent. Thread-safe: progress, the control file's watcher and the end all write.
 */
public final class ReplayStatus {

    /** The states a status file names. */
    public enum State {
        STARTING, RUNNING, PAUSED, STOPPING, STOPPED, DONE, FAILED;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final String sandbox;
    private final String from;
    private final String to;
    private final String speed;
    private final Supplier<ReplayControl.State> control;
    private final Clock clock;
    private long recordsSent;
    private Long recordsTotal;
    private Instant eventTime;
    private Double recordsPerSecond;
    private boolean started;
    private State end;
    private String report;
    private String error;

    /**
     * @param control the replay's control state (null: always running), read at each write
     */
    public ReplayStatus(Path file, String sandbox, String from, String to, String speed,
            Supplier<ReplayControl.State> control, Clock clock) {
        this.file = file.toAbsolutePath();
        this.sandbox = sandbox;
        this.from = from;
        this.to = to;
        this.speed = speed;
        this.control = control == null ? () -> ReplayControl.State.RUNNING : control;
        this.clock = clock;
    }

    /** Writes the status as it is now (starting, or what the control says). */
    public synchronized void write() throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("sandbox", sandbox);
        node.put("state", state().json());
        node.put("from", from);
        node.put("to", to);
        node.put("speed", speed);
        node.put("records_sent", recordsSent);
        if (recordsTotal != null) {
            node.put("records_total", recordsTotal);
        }
        if (eventTime != null) {
            node.put("event_time", eventTime.toString());
        }
        if (recordsPerSecond != null && Double.isFinite(recordsPerSecond)) {
            node.put("records_per_second", Math.round(recordsPerSecond * 10) / 10.0);
        }
        if (report != null) {
            node.put("report", report);
        }
        if (error != null) {
            node.put("error", error);
        }
        node.put("updated_at", clock.instant().toString());
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), node);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The state the next write names. */
    public synchronized State state() {
        if (end != null) {
            return end;
        }
        return switch (control.get()) {
            case PAUSED -> State.PAUSED;
            case STOPPED -> State.STOPPING;
            case RUNNING -> started ? State.RUNNING : State.STARTING;
        };
    }

    /** How many records the window holds. */
    public synchronized ReplayStatus total(long records) {
        recordsTotal = records;
        return this;
    }

    /** A progress report: sent so far, the newest event time, the rate. */
    public synchronized ReplayStatus progress(ArchiveReplayer.Progress progress) {
        started = true;
        recordsSent = progress.records();
        eventTime = progress.eventTime();
        recordsPerSecond = progress.recordsPerSecond();
        return this;
    }

    /** The end: done (with the report's path), stopped, or failed (with why). */
    public synchronized ReplayStatus end(State state, String reportOrError) {
        if (state != State.DONE && state != State.STOPPED && state != State.FAILED) {
            throw new IllegalArgumentException(state + " is not an end");
        }
        end = state;
        if (state == State.DONE) {
            report = reportOrError;
        } else if (state == State.FAILED) {
            error = reportOrError;
        }
        return this;
    }
}
