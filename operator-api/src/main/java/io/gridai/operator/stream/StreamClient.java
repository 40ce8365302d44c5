package io.gridai.operator.stream;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * One subscriber of a stream: a bounded buffer between the topic's consumer thread and the client's connection.
 *
 * <p>The consumer thread only ever {@link #offer}s: it appends to the buffer under this client's own lock and, when
 * the connection is idle, schedules the pump on the connection's event loop; it never writes and never waits. The
 * pump writes what the buffer holds (up to {@link #MAX_WRITE_BYTES} of frames, each rendered once for all clients) in
 * one write and takes more only when that write has completed (Netty handed it to the socket), so at most one write is
 * in flight and a client that does not read holds at most its buffer, one write and what the kernel's socket buffers
 * take. Coalescing matters at scale: a client that keeps up gets one write per burst, not one per event.
 *
 * <p><b>Backpressure policy: drop.</b> When an event finds the buffer full, the client is dropped: its buffer is
 * cleared, the drop is counted, and if the write in flight completes within {@code dropGrace} the client gets a final
 * {@code event: dropped} and the stream is ended; otherwise the connection is closed. A dropped client reconnects with
 * its last id and resumes from the replay window (if it is still there). Dropping, not sampling, keeps every stream
 * gap-free: a client sees every event or knows it was cut off.
 */
public final class StreamClient {

    /** Most bytes of frames one write carries (a frame larger than this goes alone). */
    public static final int MAX_WRITE_BYTES = 64 * 1024;

    /** The client's side of the HTTP connection, as the pump needs it. */
    public interface Connection {
        /**
         * Writes SSE frames ({@link StreamEvent#frame}s, concatenated); completes when written to the socket,
         * exceptionally when it cannot be.
         */
        CompletionStage<?> write(byte[] frames);

        /** Ends the stream normally. */
        void close();

        /** Closes the connection without waiting for what is queued on it. */
        void abort();

        boolean isClosed();

        /** Runs on the connection's event loop. */
        void execute(Runnable task);

        /** Runs after a delay on the connection's event loop. */
        void schedule(Duration delay, Runnable task);
    }

    /** What happens to a client's stream. */
    public interface Listener {
        void dropped(StreamClient client);

        void closed(StreamClient client);
    }

    private final Connection connection;
    private final Predicate<StreamEvent> filter;
    private final int capacity;
    private final Duration dropGrace;
    private final Listener listener;
    private final ArrayDeque<StreamEvent> buffer = new ArrayDeque<>();
    private boolean inFlight;
    private boolean scheduled;
    private boolean dropping;
    private boolean done;

    public StreamClient(Connection connection, Predicate<StreamEvent> filter, int capacity,
            Duration dropGrace, Listener listener) {
        this.connection = connection;
        this.filter = filter;
        this.capacity = capacity;
        this.dropGrace = dropGrace;
        this.listener = listener;
    }

    /**
     * Queues the replayed events, however many (the replay window bounds them), before any live event. Called once,
     * under the hub's lock, before the client receives live events.
     */
    synchronized void replay(List<StreamEvent> events) {
        for (StreamEvent e : events) {
            if (filter.test(e)) {
                buffer.add(e);
            }
        }
        wake();
    }

    /**
     * Queues a live event; never blocks. Drops the client when its buffer already holds {@code capacity} events
     * beyond what replay put there.
     *
     * @return false once the client is dropped or closed (the hub forgets it)
     */
    boolean offer(StreamEvent e) {
        boolean drop;
        synchronized (this) {
            if (done || dropping) {
                return false;
            }
            if (!filter.test(e)) {
                return true;
            }
            drop = buffer.size() >= capacity;
            if (drop) {
                dropping = true;
                buffer.clear();
            } else {
                buffer.add(e);
                wake();
            }
        }
        if (drop) {
            listener.dropped(this);
            connection.execute(this::finishDrop);
            connection.schedule(dropGrace, this::abortIfOpen);
            return false;
        }
        return true;
    }

    /** Whether the client is gone (closed by it, by the service or dropped). */
    synchronized boolean isGone() {
        if (!done && connection.isClosed()) {
            done = true;
            buffer.clear();
        }
        return done || dropping;
    }

    /** Ends the stream (the service is stopping). */
    void shutdown() {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            buffer.clear();
        }
        connection.execute(connection::close);
    }

    private void wake() {
        // under the lock
        if (!inFlight && !scheduled && !done) {
            scheduled = true;
            connection.execute(this::pump);
        }
    }

    private void pump() {
        byte[] frames;
        synchronized (this) {
            scheduled = false;
            if (inFlight || done || dropping || buffer.isEmpty()) {
                return;
            }
            frames = takeFrames();
            inFlight = true;
        }
        CompletionStage<?> sent;
        try {
            sent = connection.write(frames);
        } catch (RuntimeException e) {
            gone();
            return;
        }
        sent.whenComplete((ok, failure) -> {
            if (failure != null) {
                gone();
                return;
            }
            boolean wasDropping;
            synchronized (this) {
                inFlight = false;
                wasDropping = dropping;
            }
            if (wasDropping) {
                finishDrop();
            } else {
                connection.execute(this::pump);
            }
        });
    }

    /** Under the lock: the buffer's first frames, at least one and at most {@link #MAX_WRITE_BYTES} together. */
    private byte[] takeFrames() {
        StreamEvent first = buffer.poll();
        if (buffer.isEmpty() || first.frame().length >= MAX_WRITE_BYTES) {
            return first.frame();
        }
        int size = first.frame().length;
        int count = 1;
        for (StreamEvent e : buffer) {
            if (size + e.frame().length > MAX_WRITE_BYTES) {
                break;
            }
            size += e.frame().length;
            count++;
        }
        byte[] out = new byte[size];
        System.arraycopy(first.frame(), 0, out, 0, first.frame().length);
        int at = first.frame().length;
        for (int i = 1; i < count; i++) {
            byte[] f = buffer.poll().frame();
            System.arraycopy(f, 0, out, at, f.length);
            at += f.length;
        }
        return out;
    }

    /** Writes {@code event: dropped} and ends the stream, once nothing is in flight. */
    private void finishDrop() {
        synchronized (this) {
            if (inFlight || done) {
                return; // the write in flight completes first, or the grace timer closes the connection
            }
            done = true;
        }
        try {
            connection.write(StreamEvent.frame("dropped", null, "{\"reason\":\"client too slow: its buffer of "
                    + capacity + " events was full\"}")).whenComplete((ok, failure) -> {
                        connection.close();
                        listener.closed(this);
                    });
        } catch (RuntimeException e) {
            connection.abort();
            listener.closed(this);
        }
    }

    private void abortIfOpen() {
        boolean stillInFlight;
        synchronized (this) {
            stillInFlight = inFlight || !done;
            done = true;
        }
        if (stillInFlight || !connection.isClosed()) {
            connection.abort();
            listener.closed(this);
        }
    }

    private void gone() {
        synchronized (this) {
            inFlight = false;
            if (done) {
                return;
            }
            done = true;
            buffer.clear();
        }
        connection.abort();
        listener.closed(this);
    }
}
