package io.gridai.model.topic;

import io.gridai.model.Setpoint;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SandboxId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The topic namespace of one sandbox: every registry topic renamed to {@code sandbox.<name>.<topic>} (e.g.
 * {@code sandbox.week-2020-07.grid.setpoints}), with the same key and value types, serdes, partitions and retention.
 * Sandbox topics are made on demand for a run, so they are not in {@link Topics#all()} nor in the Strimzi manifest.
 * Get one with {@link Topics#sandbox(SandboxId)}. Immutable.
 *
 * <p>Nothing a sandbox writes may reach a real setpoint: the guard where setpoints are published (service-runtime's
 * {@code SetpointGuard}) lets a sandbox's setpoints go only to {@link #setpoints()} of the same sandbox.
 */
public final class SandboxTopics {

    /** What every sandbox topic name starts with; no registry topic does. */
    public static final String PREFIX = "sandbox.";

    private final SandboxId sandbox;
    private final List<Topic<?, ?>> all;

    SandboxTopics(SandboxId sandbox) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.all = Topics.all().stream().<Topic<?, ?>>map(topic -> topic.inNamespace(namespace())).toList();
    }

    public SandboxId sandbox() {
        return sandbox;
    }

    /** {@code sandbox.<name>}, the namespace of {@link Topic#inNamespace}. */
    public String namespace() {
        return PREFIX + sandbox.value();
    }

    /**
     * This sandbox's copy of a registry topic.
     *
     * @throws IllegalArgumentException when {@code real} is not a topic of the registry ({@link Topics#all()})
     */
    @SuppressWarnings("unchecked")
    public <K, V> Topic<K, V> of(Topic<K, V> real) {
        int index = Topics.all().indexOf(real);
        if (index < 0) {
            throw new IllegalArgumentException("topic " + real.name() + " is not in the registry (Topics.all()); a"
                    + " sandbox has a copy of each registry topic only");
        }
        return (Topic<K, V>) all.get(index);
    }

    /** This sandbox's setpoints, {@code sandbox.<name>.grid.setpoints}: the only place its setpoints may go. */
    public Topic<AssetId, Setpoint> setpoints() {
        return of(Topics.GRID_SETPOINTS);
    }

    /** Every topic of this sandbox, in the registry's order. */
    public List<Topic<?, ?>> all() {
        return all;
    }

    /** Whether {@code topicName} is one of this sandbox's topics (its namespace, whatever follows). */
    public boolean contains(String topicName) {
        return topicName != null && topicName.startsWith(namespace() + ".");
    }

    /**
     * The sandbox a topic name belongs to: {@code sandbox.<name>.<rest>} with a valid sandbox name and a non-empty
     * rest; empty for every other name, the registry's included.
     */
    public static Optional<SandboxId> sandboxOf(String topicName) {
        if (topicName == null || !topicName.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int dot = topicName.indexOf('.', PREFIX.length());
        if (dot < 0 || dot == topicName.length() - 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(SandboxId.of(topicName.substring(PREFIX.length(), dot)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether a topic name belongs to some sandbox ({@link #sandboxOf}). */
    public static boolean isSandboxTopic(String topicName) {
        return sandboxOf(topicName).isPresent();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SandboxTopics other && other.sandbox.equals(sandbox);
    }

    @Override
    public int hashCode() {
        return sandbox.hashCode();
    }

    @Override
    public String toString() {
        return namespace() + ".*";
    }
}
