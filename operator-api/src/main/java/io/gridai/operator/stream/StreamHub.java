package io.gridai.operator.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The fan-out of one topic: the events its consumer thread read, kept in a bounded replay window, and the clients
 * they go to. {@link #publish} is called by the consumer thread only; it never blocks on a client
 * ({@link StreamClient#offer}). {@link #subscribe} hands a client the replayed events and registers it for live ones
 * under the same lock as {@code publish}, so that nothing falls between the two and nothing comes twice.
 */
public final class StreamHub {

    /** The id a client resumes from is older than the replay window, or not a position this stream has reached. */
    public static final class PositionGone extends Exception {
        private final String oldestId;

        PositionGone(String message, String oldestId) {
            super(message, null, false, false);
            this.oldestId = oldestId;
        }

        /** The oldest id a client can resume from now (the start of the replay window). */
        public String oldestId() {
            return oldestId;
        }
    }

    private final StreamKind kind;
    private final int replaySize;
    private final ArrayDeque<StreamEvent> window = new ArrayDeque<>();
    private final List<StreamClient> clients = new ArrayList<>();
    /** Per partition: the lowest offset the window still covers (events before it are gone); null until started. */
    private long[] floor;
    /** Per partition: the next offset the consumer reads. */
    private long[] next;

    public StreamHub(StreamKind kind, int replaySize) {
        this.kind = kind;
        this.replaySize = replaySize;
    }

    public StreamKind kind() {
        return kind;
    }

    /** The consumer starts reading at these positions (one per partition); the window starts empty there. */
    synchronized void start(long[] positions) {
        if (floor == null || floor.length != positions.length) {
            floor = positions.clone();
            next = positions.clone();
            window.clear();
        } else {
            // a restarted consumer continues where the hub is
            for (int p = 0; p < positions.length; p++) {
                if (positions[p] != next[p]) {
                    floor[p] = Math.max(floor[p], positions[p]);
                    next[p] = positions[p];
                }
            }
        }
    }

    /** Whether the consumer has its partitions. */
    public synchronized boolean started() {
        return next != null;
    }

    /** The position after the last record read, as an id; empty before the consumer started. */
    public synchronized Optional<String> currentId() {
        return next == null ? Optional.empty() : Optional.of(StreamPosition.format(next));
    }

    /** How many partitions the topic has, once started. */
    public synchronized int partitions() {
        return next == null ? 0 : next.length;
    }

    /** A record at {@code (partition, offset)} that is not an event (null, undecodable): the position moves on. */
    synchronized void skip(int partition, long offset) {
        next[partition] = Math.max(next[partition], offset + 1);
    }

    /** The id of the position after a record at {@code (partition, offset)}, before the record is published. */
    synchronized String idAfter(int partition, long offset) {
        long[] after = next.clone();
        after[partition] = Math.max(after[partition], offset + 1);
        return StreamPosition.format(after);
    }

    /** A new event: into the window and to every client; clients that are dropped or gone are forgotten. */
    synchronized void publish(StreamEvent event) {
        next[event.partition()] = Math.max(next[event.partition()], event.offset() + 1);
        window.addLast(event);
        while (window.size() > replaySize) {
            StreamEvent old = window.pollFirst();
            floor[old.partition()] = Math.max(floor[old.partition()], old.offset() + 1);
        }
        for (Iterator<StreamClient> it = clients.iterator(); it.hasNext(); ) {
            if (!it.next().offer(event)) {
                it.remove();
            }
        }
    }

    /**
     * Registers a client, first handing it the window's events after {@code lastEventId} when given.
     *
     * @throws PositionGone when the id is older than the window or beyond what the stream has read
     * @throws IllegalArgumentException when the id is not a position of this topic
     * @throws IllegalStateException when the consumer has not started
     */
    public synchronized void subscribe(StreamClient client, Optional<String> lastEventId) throws PositionGone {
        if (next == null) {
            throw new IllegalStateException("the " + kind.streamName() + " stream is not reading "
                    + kind.topic().name() + " yet");
        }
        if (lastEventId.isPresent()) {
            long[] from = StreamPosition.parse(lastEventId.get(), next.length);
            for (int p = 0; p < from.length; p++) {
                if (from[p] < floor[p]) {
                    throw new PositionGone("the events after " + lastEventId.get() + " are no longer held: the "
                            + kind.streamName() + " stream replays the last " + replaySize + " events, from "
                            + StreamPosition.format(floor) + " on (partition " + p + " from offset " + floor[p] + ")",
                            StreamPosition.format(floor));
                }
                if (from[p] > next[p]) {
                    throw new PositionGone(lastEventId.get() + " is not a position the " + kind.streamName()
                            + " stream has reached (partition " + p + " is at " + next[p] + ")",
                            StreamPosition.format(floor));
                }
            }
            List<StreamEvent> missed = new ArrayList<>();
            for (StreamEvent e : window) {
                if (e.offset() >= from[e.partition()]) {
                    missed.add(e);
                }
            }
            client.replay(missed);
        }
        clients.add(client);
    }

    /** Forgets clients that are closed or dropped (those publish has not met yet). */
    synchronized void sweep() {
        clients.removeIf(StreamClient::isGone);
    }

    public synchronized int clientCount() {
        return clients.size();
    }

    /** Ends every client's stream (the service stops). */
    synchronized void shutdown() {
        clients.forEach(StreamClient::shutdown);
        clients.clear();
    }
}
