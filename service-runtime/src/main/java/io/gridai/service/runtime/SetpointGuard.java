package io.gridai.service.runtime;

import io.gridai.model.Setpoint;
import io.gridai.model.id.SandboxId;
import io.gridai.model.topic.SandboxTopics;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.wire.WireFormat;
import io.gridai.model.wire.WireFormatException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.jboss.logging.Logger;

/**
 * Replays can never actuate: the one check every setpoint publisher passes, fail-closed.
 *
 * <p>A process knows it runs in a sandbox from {@value #SANDBOX_PROPERTY} (environment {@code GRIDAI_SANDBOX}), a
 * {@link SandboxId}; unset means a real process. The rules:
 * <ul>
 * <li>a process in sandbox {@code s} writes only to {@code sandbox.s.*} topics ({@link Topics#sandbox}): any record to
 * another topic — {@code grid.setpoints} first of all, but also the storage schedules, proposal decisions or the audit
 * chain, through which a sandbox could reach the grid or the real record — is refused, whatever the service's topic
 * configuration says;</li>
 * <li>a setpoint marked with sandbox {@code s} ({@link Setpoint#sandbox()}) goes only to {@code sandbox.s.*}, from any
 * process;</li>
 * <li>a real setpoint from a real process goes anywhere it is sent.</li>
 * </ul>
 *
 * <p>Two places enforce it. The publisher asks {@link #check} where it builds a setpoint, so that the refusal is
 * explained to its caller (a solve record, an HTTP problem); and {@link #valueSerializer()} is the value serializer of
 * every producer that can write setpoints, so that no code path of the process can send a forbidden record: for one, it
 * throws {@link SetpointRefused} and {@code KafkaProducer.send} throws it before anything is sent. (A Kafka
 * {@code ProducerInterceptor} cannot do this: the producer logs and swallows what an interceptor throws and sends the
 * record anyway.) Each refusal is counted ({@link #refusals()}) and logged as one warning line, without a stack trace.
 * Thread-safe.
 */
public final class SetpointGuard {

    /** The configuration key naming the sandbox a process runs in; unset for a real process. */
    public static final String SANDBOX_PROPERTY = "gridai.sandbox";

    private static final Logger LOG = Logger.getLogger(SetpointGuard.class);

    private final Optional<SandboxId> sandbox;
    private final AtomicLong refusals = new AtomicLong();
    private final WireFormat<Setpoint> wire = WireFormat.of(Setpoint.class);

    private SetpointGuard(Optional<SandboxId> sandbox) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
    }

    /** The guard of a real process (no sandbox). */
    public static SetpointGuard real() {
        return new SetpointGuard(Optional.empty());
    }

    /** The guard of a process running in {@code sandbox}. */
    public static SetpointGuard inSandbox(SandboxId sandbox) {
        return new SetpointGuard(Optional.of(sandbox));
    }

    /**
     * The guard of a process configured with {@value #SANDBOX_PROPERTY} = {@code configured} (empty or blank: real).
     *
     * @throws IllegalArgumentException naming the key when the value is not a valid sandbox name
     */
    public static SetpointGuard fromConfig(Optional<String> configured) {
        Optional<String> name = configured.map(String::strip).filter(v -> !v.isEmpty());
        if (name.isEmpty()) {
            return real();
        }
        try {
            return inSandbox(SandboxId.of(name.get()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SANDBOX_PROPERTY + ": " + e.getMessage(), e);
        }
    }

    /** The sandbox this process runs in; empty for a real process. */
    public Optional<SandboxId> sandbox() {
        return sandbox;
    }

    /** The setpoint as this process publishes it: marked with its sandbox when it runs in one, else unchanged. */
    public Setpoint mark(Setpoint setpoint) {
        return sandbox.isPresent() && setpoint.sandbox().isEmpty() ? setpoint.inSandbox(sandbox.get()) : setpoint;
    }

    /**
     * Why sending {@code setpoint} to {@code topic} is forbidden, empty when it is allowed; nothing counted or logged
     * ({@link #check} does both).
     */
    public Optional<String> refusal(String topic, Setpoint setpoint) {
        Optional<String> wrongTopic = refusalForTopic(topic);
        if (wrongTopic.isPresent()) {
            return wrongTopic;
        }
        if (setpoint != null && setpoint.sandbox().isPresent()
                && !Topics.sandbox(setpoint.sandbox().get()).contains(topic)) {
            SandboxTopics own = Topics.sandbox(setpoint.sandbox().get());
            return Optional.of("setpoint " + setpoint.id() + " for " + setpoint.asset() + " was decided in sandbox "
                    + own.sandbox() + " and may go only to " + own.setpoints().name() + ", not to " + topic
                    + "; a sandbox's setpoints never reach the grid");
        }
        return Optional.empty();
    }

    /**
     * {@link #refusal}, counting and logging a refusal: what each publisher asks before it sends a setpoint.
     *
     * @return the reason it is refused, empty when it may be sent
     */
    public Optional<String> check(String topic, Setpoint setpoint) {
        Optional<String> why = refusal(topic, setpoint);
        why.ifPresent(this::refused);
        return why;
    }

    /** {@link #check} for a topic descriptor. */
    public Optional<String> check(Topic<?, Setpoint> topic, Setpoint setpoint) {
        return check(topic.name(), setpoint);
    }

    /** How many records this guard refused since the process started (publisher checks and serializer together). */
    public long refusals() {
        return refusals.get();
    }

    /**
     * A {@code byte[]} value serializer (the bytes pass unchanged) that refuses, by throwing {@link SetpointRefused}
     * from {@code KafkaProducer.send}, every record this guard forbids: in a sandbox process any record outside its
     * namespace; in any process a sandbox-marked setpoint outside its sandbox, and on a topic that carries setpoints,
     * bytes that are not a setpoint in the wire format (fail-closed). Give it to every producer that can write setpoints.
     */
    public Serializer<byte[]> valueSerializer() {
        return new GuardingSerializer();
    }

    private Optional<String> refusalForTopic(String topic) {
        if (sandbox.isPresent() && !Topics.sandbox(sandbox.get()).contains(topic)) {
            return Optional.of("this process runs in sandbox " + sandbox.get() + " (" + SANDBOX_PROPERTY
                    + ") and may write only to " + Topics.sandbox(sandbox.get()) + ", not to " + topic
                    + "; route its output to its sandbox's topics (" + Topics.sandbox(sandbox.get()).namespace() + "."
                    + topic + ")");
        }
        return Optional.empty();
    }

    private Optional<String> refusalOfBytes(String topic, byte[] value) {
        Optional<String> wrongTopic = refusalForTopic(topic);
        if (wrongTopic.isPresent() || value == null || !carriesSetpoints(topic)) {
            return wrongTopic;
        }
        Setpoint setpoint;
        try {
            setpoint = wire.decode(value);
        } catch (WireFormatException e) {
            return Optional.of("a record for " + topic + " is not a setpoint in the wire format (" + e.getMessage()
                    + "); only setpoints whose origin can be checked are sent there");
        }
        return refusal(topic, setpoint);
    }

    private static boolean carriesSetpoints(String topic) {
        String base = SandboxTopics.sandboxOf(topic)
                .map(s -> topic.substring(Topics.sandbox(s).namespace().length() + 1)).orElse(topic);
        return Topics.byName(base).map(t -> t.valueType() == Setpoint.class).orElse(false);
    }

    private void refused(String reason) {
        long n = refusals.incrementAndGet();
        LOG.warnf("setpoint guard refused a record (refusal %d): %s", n, reason);
    }

    private final class GuardingSerializer implements Serializer<byte[]> {

        @Override
        public byte[] serialize(String topic, byte[] data) {
            Optional<String> why = refusalOfBytes(topic, data);
            if (why.isPresent()) {
                refused(why.get());
                throw new SetpointRefused(why.get());
            }
            return data;
        }

        @Override
        public byte[] serialize(String topic, Headers headers, byte[] data) {
            return serialize(topic, data);
        }
    }

    /**
     * A record the guard refused: thrown by {@code KafkaProducer.send} before anything is sent. An expected refusal,
     * so it carries no stack trace; its message says what was refused and where it may go instead.
     */
    public static final class SetpointRefused extends KafkaException {
        private static final long serialVersionUID = 1L;

        public SetpointRefused(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
