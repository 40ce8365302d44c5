package io.gridai.mqtt;

import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import java.util.Set;

/**
 * Who may do what: a user publishes only below its own level, {@code <root>/<user>/#} (mosquitto's
 * {@code pattern write <root>/%u/#}), so the level after the root names the sender truthfully; subscribers (ingestion)
 * read {@code <root>/#} and publish nothing. Subscribing to anything else, or publishing as nobody, is refused.
 */
final class SourceTopicPolicy implements IAuthorizatorPolicy {

    private final String root;
    private final Set<String> subscribers;

    SourceTopicPolicy(String root, Set<String> subscribers) {
        this.root = root;
        this.subscribers = subscribers;
    }

    @Override
    public boolean canWrite(Topic topic, String user, String client) {
        return user != null && !subscribers.contains(user) && mayWrite(topic.toString(), user);
    }

    @Override
    public boolean canRead(Topic topic, String user, String client) {
        return user != null && subscribers.contains(user) && mayRead(topic.toString());
    }

    /** {@code <root>/<user>/x…}: at least one level below the user's own, no wildcards (they are not names). */
    boolean mayWrite(String topic, String user) {
        String prefix = root + "/" + user + "/";
        return topic.startsWith(prefix) && topic.length() > prefix.length() && !topic.contains("+")
                && !topic.contains("#");
    }

    /** The root's whole tree or any filter inside it. */
    boolean mayRead(String filter) {
        return filter.equals(root + "/#") || filter.startsWith(root + "/");
    }
}
